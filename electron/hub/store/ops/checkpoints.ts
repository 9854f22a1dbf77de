// Signed checkpoints of the journal's head (shared/journal/checkpoint.ts), and migration 9,
// the partial index that finds them without reading the journal: a year is ~470k entries,
// a checkpoint every 100 of them a few thousand rows.
import { JOURNAL_CHECKPOINTED, JournalCheckpointedSchema, checkpointMessage, type CheckpointReason, type JournalCheckpointed } from '../../../../shared/journal/checkpoint';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { keepLastCheckpoint, type CheckpointSigner } from './checkpoint-key';
import type { Db } from '../sqlite';
import { toEntry, type Journal, type JournalRow } from '../write/journal';

/** The hub's default: a checkpoint once 100 entries follow the last one. */
export const DEFAULT_CHECKPOINT_EVERY = 100;

export class CheckpointQuery {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      last: db.prepare<[], { seq: number }>(`SELECT seq FROM journal WHERE type = '${JOURNAL_CHECKPOINTED}' ORDER BY seq DESC LIMIT 1`),
      all: db.prepare<[], JournalRow>(`SELECT * FROM journal WHERE type = '${JOURNAL_CHECKPOINTED}' ORDER BY seq`),
      newest: db.prepare<[], JournalRow>(`SELECT * FROM journal WHERE type = '${JOURNAL_CHECKPOINTED}' ORDER BY seq DESC LIMIT 1`),
    };
  }

  /** The seq of the newest checkpoint entry, 0 when none. */
  lastSeq(): number {
    return this.s.last.get()?.seq ?? 0;
  }

  newest(): JournalEntry | null {
    const row = this.s.newest.get();
    return row ? toEntry(row) : null;
  }

  all(): JournalEntry[] {
    return this.s.all.all().map(toEntry);
  }
}

/** Signs checkpoints for a store that holds the key (a primary hub; never a replica). */
export class Checkpointer {
  private readonly query: CheckpointQuery;

  constructor(
    db: Db,
    private readonly journal: Journal,
    private readonly signer: CheckpointSigner,
    readonly every: number,
  ) {
    if (!Number.isInteger(every) || every < 1) throw new Error(`A checkpoint interval is a whole number of entries, at least 1 (got ${every}).`);
    this.query = new CheckpointQuery(db);
  }

  /** `every` entries or more follow the last checkpoint (or the journal's start). */
  due(): boolean {
    return this.journal.lastSeq() - this.query.lastSeq() >= this.every;
  }

  /** Nothing to sign: the journal is empty or its newest entry is a checkpoint already. */
  headSigned(): boolean {
    const head = this.journal.lastSeq();
    return head === 0 || this.query.lastSeq() === head;
  }

  /** The payload signing the journal's head as it stands in the caller's transaction. */
  payload(reason: CheckpointReason, handoverId: string | null, signedAt: string): JournalCheckpointed {
    const head = this.journal.headOnDisk();
    const unsigned = { seq: head.seq, headHash: head.hash, keyId: this.signer.keyId, publicKey: this.signer.publicKey, reason, handoverId, signedAt };
    return { ...unsigned, signature: this.signer.sign(checkpointMessage(unsigned)) };
  }

  /** After the transaction committed: the newest checkpoint among `entries` is kept outside the database. */
  committed(entries: readonly JournalEntry[]): void {
    if (!this.signer.keyDir) return;
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]!;
      if (entry.type !== JOURNAL_CHECKPOINTED) continue;
      keepLastCheckpoint(this.signer.keyDir, JournalCheckpointedSchema.parse(entry.payload));
      return;
    }
  }
}
