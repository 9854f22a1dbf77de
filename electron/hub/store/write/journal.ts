// The journal: append-only, hash-chained. Each entry's hash covers its fields exactly as
// stored and the previous entry's hash, so any edit, removal or reordering is evident.
import { hash } from 'node:crypto';
import type { Role } from '../../../../shared/domain';
import { parseEntryPayload, type EntryType, type JournalEntry } from '../../../../shared/journal/catalog';
import type { Db } from '../sqlite';

export const GENESIS_HASH = '0'.repeat(64);

/** A journal row as SQLite returns it. */
export interface JournalRow {
  seq: number;
  time: string;
  actor: string;
  role: string;
  type: string;
  payload: string;
  prev_hash: string;
  hash: string;
}

/** A journal entry that does not extend the chain: replication must stop, not guess. */
export class ChainBroken extends Error {
  constructor(
    readonly seq: number,
    readonly reason: string,
  ) {
    super(`journal entry ${seq} does not verify: ${reason}`);
    this.name = 'ChainBroken';
  }
}

export function entryHash(seq: number, time: string, actor: string, role: string, type: string, payloadText: string, prevHash: string): string {
  // The one-shot hash: a Hash object per entry was a third of verifying a long journal.
  return hash('sha256', `${seq}\n${time}\n${actor}\n${role}\n${type}\n${payloadText}\n${prevHash}`);
}

/** A journal row as an array, in JournalRow's column order. */
type JournalTuple = [seq: number, time: string, actor: string, role: string, type: string, payload: string, prevHash: string, hash: string];

/** A stored row as an entry: every row was checked against the catalog when it was appended. */
export function toEntry(row: JournalRow): JournalEntry {
  return {
    seq: row.seq,
    time: row.time,
    actor: row.actor,
    role: row.role as Role | 'system',
    type: row.type as EntryType,
    payload: JSON.parse(row.payload) as unknown,
    prevHash: row.prev_hash,
    hash: row.hash,
  } as JournalEntry;
}

/** An entry to append; its type and payload are checked against the journal catalog. */
export interface EntryDraft {
  time: string;
  actor: string;
  role: Role | 'system';
  type: string;
  /** A function when the payload names its own seq (an incident's lastSeq, say). */
  payload: unknown;
}

export class Journal {
  private readonly insert;
  private readonly selectAfter;
  private readonly selectAfterRaw;
  private readonly selectHead;
  private readonly selectAll;
  private head: { seq: number; hash: string } | undefined;

  constructor(db: Db) {
    this.insert = db.prepare(
      'INSERT INTO journal (seq, time, actor, role, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.selectAfter = db.prepare<[number, number], JournalRow>('SELECT * FROM journal WHERE seq > ? ORDER BY seq LIMIT ?');
    this.selectAfterRaw = db.prepare<[number, number], JournalTuple>('SELECT seq, time, actor, role, type, payload, prev_hash, hash FROM journal WHERE seq > ? ORDER BY seq LIMIT ?').raw();
    this.selectHead = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
    // Rows as arrays: verifying a long journal allocates one per entry, and objects cost more.
    this.selectAll = db.prepare<[], JournalTuple>('SELECT seq, time, actor, role, type, payload, prev_hash, hash FROM journal ORDER BY seq').raw();
  }

  /** The newest entry, read from disk: a rolled-back savepoint must not leave a stale cached head. */
  lastSeq(): number {
    return this.readHead().seq;
  }

  private readHead(): { seq: number; hash: string } {
    return this.selectHead.get() ?? { seq: 0, hash: GENESIS_HASH };
  }

  /**
   * Appends inside the caller's transaction and returns the stored entry. An entry type the
   * journal catalog does not know, or a payload that does not fit its schema, throws a
   * DutyFailure ('invalid') before anything is written.
   */
  append(draft: EntryDraft): JournalEntry {
    const head = this.head ?? this.readHead();
    const seq = head.seq + 1;
    const payload = typeof draft.payload === 'function' ? (draft.payload as (seq: number) => unknown)(seq) : draft.payload;
    parseEntryPayload(draft.type, payload);
    const payloadText = JSON.stringify(payload);
    const hash = entryHash(seq, draft.time, draft.actor, draft.role, draft.type, payloadText, head.hash);
    this.insert.run(seq, draft.time, draft.actor, draft.role, draft.type, payloadText, head.hash, hash);
    this.head = { seq, hash };
    return { seq, time: draft.time, actor: draft.actor, role: draft.role, type: draft.type, payload, prevHash: head.hash, hash } as JournalEntry;
  }

  /**
   * Appends an entry written by another hub (a replica copying its primary), verbatim: the
   * same seq, time, hashes. It must extend this journal's chain exactly, or nothing is written.
   */
  appendVerbatim(entry: JournalEntry): void {
    const head = this.head ?? this.readHead();
    const payloadText = JSON.stringify(entry.payload);
    if (entry.seq !== head.seq + 1) throw new ChainBroken(entry.seq, `expected seq ${head.seq + 1}: entries are missing or repeated`);
    if (entry.prevHash !== head.hash) throw new ChainBroken(entry.seq, 'prev-hash does not match the previous entry');
    if (entryHash(entry.seq, entry.time, entry.actor, entry.role, entry.type, payloadText, entry.prevHash) !== entry.hash) {
      throw new ChainBroken(entry.seq, 'hash does not match the entry: it was altered');
    }
    this.insert.run(entry.seq, entry.time, entry.actor, entry.role, entry.type, payloadText, entry.prevHash, entry.hash);
    this.head = { seq: entry.seq, hash: entry.hash };
  }

  /** The newest entry's seq and hash, for a replica to line up what it receives. */
  headOnDisk(): { seq: number; hash: string } {
    return this.readHead();
  }

  /** The cached head is only valid inside one transaction; callers forget it when one ends. */
  forgetHead(): void {
    this.head = undefined;
  }

  page(after: number, limit: number): JournalEntry[] {
    return this.selectAfter.all(after, limit).map(toEntry);
  }

  /**
   * The same page as JSON text, `[entry, …]` exactly as JSON.stringify(page(after, limit))
   * writes it: the stored payload is JSON.stringify's own text, so it goes in as it is, and
   * a primary serving a replica neither parses every payload nor serializes it again.
   */
  pageText(after: number, limit: number): string {
    const parts: string[] = [];
    for (const [seq, time, actor, role, type, payload, prev, hash] of this.selectAfterRaw.all(after, limit)) {
      parts.push(`{"seq":${seq},"time":${JSON.stringify(time)},"actor":${JSON.stringify(actor)},"role":${JSON.stringify(role)},"type":${JSON.stringify(type)},"payload":${payload},"prevHash":${JSON.stringify(prev)},"hash":${JSON.stringify(hash)}}`);
    }
    return `[${parts.join(',')}]`;
  }

  /** Walks the whole chain; returns the first entry that does not verify, or null. */
  verify(): { seq: number; reason: string } | null {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    for (const [seq, time, actor, role, type, payload, prev, hash] of this.selectAll.iterate() as IterableIterator<JournalTuple>) {
      if (seq !== expectedSeq) return { seq, reason: `expected seq ${expectedSeq}: entries are missing` };
      if (prev !== prevHash) return { seq, reason: 'prev-hash does not match the previous entry' };
      if (entryHash(seq, time, actor, role, type, payload, prev) !== hash) return { seq, reason: 'hash does not match the entry: it was altered' };
      prevHash = hash;
      expectedSeq++;
    }
    return null;
  }
}
