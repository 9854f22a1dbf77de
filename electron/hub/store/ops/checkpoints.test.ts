import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOURNAL_CHECKPOINTED, JournalCheckpointedSchema } from '../../../../shared/journal/checkpoint';
import { ACTORS, fixtureStore, REPORT } from '../../engine/town.fixture';
import { SCHEMA_VERSION } from '../migrations';
import { Store } from '../store';
import { KEY_DIR, LAST_CHECKPOINT_FILE, loadOrCreateCheckpointKey, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE, readLastCheckpoint, readPublicKey, signatureHolds } from './checkpoint-key';

/** The engine's fixture store, signing with a key in its data folder. */
function signingStore(every: number) {
  const f = fixtureStore();
  const keyDir = join(dirname(f.store.db.name), KEY_DIR);
  f.store.signCheckpoints(loadOrCreateCheckpointKey(keyDir), every);
  return { ...f, keyDir };
}

const checkpointsOf = (f: ReturnType<typeof fixtureStore>) =>
  f.store.journal.page(0, 1_000).entries.filter((e) => e.type === JOURNAL_CHECKPOINTED).map((e) => ({ at: e.seq, ...JournalCheckpointedSchema.parse(e.payload) }));

describe('signed checkpoints', () => {
  it('signs the journal head once N entries follow the last checkpoint, and keeps the newest outside the database', () => {
    const f = signingStore(5);
    // The fixture made two commanders (entries 1–2) before signing started.
    for (let i = 0; i < 10; i++) f.ok(ACTORS.operator, 'incident.report', REPORT);
    const checkpoints = checkpointsOf(f);
    expect(checkpoints.map((c) => [c.at, c.seq, c.reason])).toEqual([
      [6, 5, 'interval'],
      [12, 11, 'interval'],
    ]);
    const entries = f.store.journal.page(0, 100).entries;
    expect(checkpoints[1]!.headHash).toBe(entries[10]!.hash);
    const trusted = readPublicKey(join(f.keyDir, PUBLIC_KEY_FILE));
    expect(checkpoints.every((c) => c.keyId === trusted.keyId && signatureHolds(JournalCheckpointedSchema.parse(entries[c.at - 1]!.payload), trusted))).toBe(true);
    expect(readLastCheckpoint(f.keyDir)).toMatchObject({ ok: true, checkpoint: { seq: 11, reason: 'interval' } });
    expect(f.store.journal.verify()).toBeNull();
  });

  it('signs the head at a handover, and the sheet carries the signed digest', () => {
    const f = signingStore(1_000);
    f.ok(ACTORS.commander, 'shift.start', {});
    const { data } = f.ok(ACTORS.commander, 'shift.handover', { incomingUserId: 'cmd2', notes: '', watchList: [] }) as { data: { handoverId: string } };
    const entries = f.store.journal.page(0, 100).entries;
    const handedOver = entries.find((e) => e.type === 'shift.handedOver')!;
    const checkpoint = entries[handedOver.seq]!;
    expect(checkpoint).toMatchObject({ type: JOURNAL_CHECKPOINTED, actor: 'system', payload: { seq: handedOver.seq, headHash: handedOver.hash, reason: 'handover', handoverId: data.handoverId } });
    const keyId = readPublicKey(join(f.keyDir, PUBLIC_KEY_FILE)).keyId;
    expect(f.store.duty.handovers(1)[0]).toMatchObject({ id: data.handoverId, checkpoint: { seq: handedOver.seq, headHash: handedOver.hash, keyId } });
    // Signing in keeps the digest on the sheet.
    f.ok(ACTORS.commander2, 'shift.start', { handoverId: data.handoverId });
    expect(f.store.duty.handovers(1)[0]).toMatchObject({ signedInAt: expect.any(String), checkpoint: { seq: handedOver.seq } });
  });

  it('signs on a clean close only when the head is not signed already', () => {
    const f = signingStore(1_000);
    f.ok(ACTORS.operator, 'incident.report', REPORT);
    expect(f.store.checkpoint('close').map((e) => e.type)).toEqual([JOURNAL_CHECKPOINTED]);
    expect(f.store.checkpoint('close')).toEqual([]);
    expect(checkpointsOf(f).map((c) => [c.at, c.reason])).toEqual([[4, 'close']]);
  });

  it('keeps the private key in its own file, readable by its owner only, and reuses it', () => {
    const f = signingStore(5);
    const keyFile = join(f.keyDir, PRIVATE_KEY_FILE);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(f.keyDir).mode & 0o777).toBe(0o700);
    expect(loadOrCreateCheckpointKey(f.keyDir).keyId).toBe(readPublicKey(join(f.keyDir, PUBLIC_KEY_FILE)).keyId);
    f.store.checkpoint('close');
    const pem = readFileSync(keyFile, 'utf8').replace(/-----[A-Z ]+-----|\s/g, '');
    expect(readFileSync(f.store.db.name).includes(pem)).toBe(false);
    expect(JSON.parse(readFileSync(join(f.keyDir, LAST_CHECKPOINT_FILE), 'utf8'))).not.toHaveProperty('privateKey');
  });

  it('gives a database of version 8 the checkpoint index (migration 9)', () => {
    const f = fixtureStore();
    const file = f.store.db.name;
    // Back to version 8: without the checkpoint index, and without what migrations 10 to 14 add.
    f.store.db.exec('DROP INDEX journal_checkpoints; DROP TABLE sign_in_failures; DROP TABLE second_factors; DROP TABLE recovery_codes; ALTER TABLE town_meta DROP COLUMN time_zone; ALTER TABLE town_meta DROP COLUMN admin; DROP INDEX reports_alert_expires; ALTER TABLE reports DROP COLUMN facts; DROP INDEX journal_alerts_set_aside;');
    f.store.db.pragma('user_version = 8');
    f.store.close();
    const reopened = new Store(file);
    expect(reopened.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(reopened.db.prepare("SELECT count(*) n FROM sqlite_master WHERE type = 'index' AND name = 'journal_checkpoints'").get()).toEqual({ n: 1 });
    reopened.close();
  });

  it('finds the newest checkpoint through its partial index, not a scan of the journal', () => {
    const f = fixtureStore();
    const plan = f.store.db.prepare(`EXPLAIN QUERY PLAN SELECT seq FROM journal WHERE type = '${JOURNAL_CHECKPOINTED}' ORDER BY seq DESC LIMIT 1`).all() as Array<{ detail: string }>;
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/journal_checkpoints/);
  });
});
