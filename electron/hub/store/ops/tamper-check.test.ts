import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTORS, fixtureStore, REPORT } from '../../engine/town.fixture';
import { KEY_DIR, LAST_CHECKPOINT_FILE, loadOrCreateCheckpointKey, PUBLIC_KEY_FILE, readLastCheckpoint, readPublicKey, type TrustedKey } from './checkpoint-key';
import { entryHash, type JournalRow } from '../write/journal';
import { checkTampering } from './tamper-check';

/** A room's store with some history, signing every 5 entries, closed cleanly (its tail signed). */
function signedRoom(options: { close?: boolean } = {}) {
  const f = fixtureStore();
  const keyDir = join(dirname(f.store.db.name), KEY_DIR);
  f.store.signCheckpoints(loadOrCreateCheckpointKey(keyDir), 5);
  const id = f.ok(ACTORS.operator, 'incident.report', REPORT).incidentId!;
  f.ok(ACTORS.operator, 'incident.triage', { incidentId: id, category: 'streetVending', priority: 'P3', lead: 'cityManagement', coHandlers: [] });
  f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] });
  for (let i = 0; i < 6; i++) f.ok(ACTORS.operator, 'incident.report', { ...REPORT, title: `占道经营 ${i}` });
  f.ok(ACTORS.admin, 'config.update', { key: 'sla', value: { ...f.store.duty.config().sla } });
  if (options.close ?? true) f.store.checkpoint('close');
  const check = (trustedKeys: TrustedKey[] = [readPublicKey(join(keyDir, PUBLIC_KEY_FILE))]) =>
    checkTampering(f.store.db, { trustedKeys, keySource: keyDir, lastCheckpoint: readLastCheckpoint(keyDir), lastCheckpointFile: join(keyDir, LAST_CHECKPOINT_FILE) });
  return { ...f, id, keyDir, check };
}

/** What someone with the database file and a SQLite editor can do: change an entry and recompute every hash after it. */
function rewrite(f: ReturnType<typeof signedRoom>, seq: number, change: (row: JournalRow) => void): void {
  const db = f.store.db;
  const rows = db.prepare<[number], JournalRow>('SELECT * FROM journal WHERE seq >= ? ORDER BY seq').all(seq);
  let prev = db.prepare<[number], { hash: string }>('SELECT hash FROM journal WHERE seq = ?').get(seq - 1)?.hash ?? '0'.repeat(64);
  const put = db.prepare('UPDATE journal SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?');
  for (const row of rows) {
    if (row.seq === seq) change(row);
    const hash = entryHash(row.seq, row.time, row.actor, row.role, row.type, row.payload, prev);
    put.run(row.payload, prev, hash, row.seq);
    prev = hash;
  }
}

describe('dutydeck verify: tamper evidence', () => {
  it('passes a clean journal whose tail is signed, with nothing to note', () => {
    const f = signedRoom();
    const report = f.check();
    expect(report).toMatchObject({ chainIntact: true, findings: [], notes: [], projectionDifference: null });
    expect(report.coveredThrough).toBe(report.entries);
    expect(report.signedCheckpoints).toBe(3);
  });

  it('passes entries after the last checkpoint but says they are not yet covered by a signature', () => {
    const f = signedRoom({ close: false });
    const report = f.check();
    expect(report.findings).toEqual([]);
    expect(report.notes).toEqual([expect.stringMatching(new RegExp(`^Entries ${report.coveredThrough + 1}–${report.entries} come after the last signed checkpoint and are not yet covered by a signature`))]);
  });

  it('(a) finds an edit to the last signed entry whose hash was recomputed', () => {
    const f = signedRoom();
    const head = f.store.journal.seq();
    expect(f.store.journal.page(head - 2, 1).entries[0]!.type).toBe('config.updated');
    rewrite(f, head - 1, (row) => {
      row.payload = row.payload.replace('"sla"', '"leadDepartments"');
    });
    const report = f.check();
    expect(report.chainIntact).toBe(true);
    expect(report.findings).toContainEqual(`EDITED: journal entry ${head} (a checkpoint): entry ${head - 1} is not the one signed: its hash differs, so it was edited and its hash recomputed.`);
  });

  it('(a) finds an edit to the closing checkpoint itself', () => {
    const f = signedRoom();
    const head = f.store.journal.seq();
    rewrite(f, head, (row) => {
      row.payload = row.payload.replace('"reason":"close"', '"reason":"interval"');
    });
    expect(f.check().findings).toContainEqual(`EDITED: journal entry ${head} (a checkpoint): the signature does not verify: the checkpoint was altered.`);
  });

  it('(b) finds the last entries deleted', () => {
    const f = signedRoom();
    const head = f.store.journal.seq();
    f.store.db.prepare('DELETE FROM journal WHERE seq > ?').run(head - 3);
    const report = f.check();
    expect(report.chainIntact).toBe(true);
    expect(report.findings[0]).toMatch(new RegExp(`^TRUNCATED: the journal ends at entry ${head - 3}, but entry ${head - 1} was signed .*entries ${head - 2}–${head} were removed\\.$`));
  });

  it('(c) finds a projection table edited directly, naming the table, row, column and both values', () => {
    const f = signedRoom();
    f.store.db.prepare("UPDATE incidents SET state = 'closed' WHERE id = ?").run(f.id);
    const report = f.check();
    expect(report.chainIntact).toBe(true);
    expect(report.projectionDifference).toMatchObject({ table: 'incidents', key: 'id', keyValue: f.id, column: 'state', expected: 'dispatched', found: 'closed' });
    expect(report.findings).toEqual([`PROJECTION differs from the journal: incidents row id="${f.id}", column state: the journal makes "dispatched", the table holds "closed".`]);
  });

  it('(c) finds a row added to or removed from a projection table', () => {
    const added = signedRoom();
    added.store.db.prepare("INSERT INTO users (id, username, name, role, created_seq) VALUES ('x', 'intruder', 'x', 'admin', 1)").run();
    expect(added.check().findings).toEqual(['PROJECTION differs from the journal: users row id="x" is in the table, but no journal entry makes it.']);
    const removed = signedRoom();
    removed.store.db.prepare("DELETE FROM unit_load WHERE unit_id = 'T1'").run();
    expect(removed.check().findings).toEqual(['PROJECTION differs from the journal: unit_load row unit_id="T1" is missing from the table; the journal makes it.']);
  });

  it('finds a bad signature, and a checkpoint signed by a key that is not trusted', () => {
    const f = signedRoom();
    // The closing checkpoint: nothing after it, so its signature is the only thing wrong.
    const last = f.store.journal.page(0, 100).entries.filter((e) => e.type === 'journal.checkpointed').at(-1);
    rewrite(f, last!.seq, (row) => {
      const payload = JSON.parse(row.payload) as { signature: string };
      payload.signature = `${payload.signature.startsWith('A') ? 'B' : 'A'}${payload.signature.slice(1)}`;
      row.payload = JSON.stringify(payload);
    });
    expect(f.check().findings).toEqual([`EDITED: journal entry ${last!.seq} (a checkpoint): the signature does not verify: the checkpoint was altered.`]);

    const other = signedRoom();
    const file = join(other.keyDir, 'other.pub');
    writeFileSync(file, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
    const findings = other.check([readPublicKey(file)]).findings;
    expect(findings).toHaveLength(4);
    expect(findings[0]).toMatch(/^EDITED: journal entry \d+ \(a checkpoint\): it was signed by key [0-9a-f]{16}, which is not a trusted key\.$/);
  });
});
