import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from './migrations';
import { Store } from './store';
import { noiseReport, operator, tempStoreFile, testStores, wall } from './store.fixture';

const tempFile = () => tempStoreFile('store');
const openStore = testStores('store');
const report = noiseReport;

describe('store', () => {
  it('migrates a new database to the current schema, durably', () => {
    const store = openStore();
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
  });

  it('refuses a database written by a newer DutyDeck and leaves it untouched', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 5}`);
    raw.close();
    expect(() => new Store(file)).toThrow(/newer than this DutyDeck knows/);
    const again = new Database(file);
    expect(again.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 5);
    expect(again.prepare("SELECT count(*) n FROM sqlite_master WHERE name = 'journal'").get()).toEqual({ n: 0 });
    again.close();
  });

  it('a report creates an incident with its first report, through one journal entry', () => {
    const store = openStore();
    const outcome = store.execute(report('key-00000001'), operator);
    expect(outcome).toEqual({ ok: true, value: { ok: true, seq: 1, incidentId: '20261122-0001' } });
    const incident = store.incidents.detail('20261122-0001');
    expect(incident).toMatchObject({ state: 'reported', title: '夜间施工噪声', channels: ['hotline12345'], reportCount: 1, lastSeq: 1 });
    expect(incident?.reports).toHaveLength(1);
    expect(incident?.reports[0]).toMatchObject({ id: 'R20261122-0001', takenBy: 'u-op', address: '三墩镇振华路 88 号' });
    const { entries } = store.journal.page(0, 10);
    expect(entries.map((e) => e.type)).toEqual(['incident.reported']);
    expect((entries[0]?.payload as { incident: { lastSeq: number } }).incident.lastSeq).toBe(1);
  });

  it('applies the same idempotency key once and answers with the same seq', () => {
    const store = openStore();
    const first = store.execute(report('retry-key-1'), operator);
    const second = store.execute(report('retry-key-1'), operator);
    expect(second).toEqual(first);
    expect(store.incidents.list('all', 100)).toHaveLength(1);
    expect(store.journal.seq()).toBe(1);
  });

  it('refuses a key reused by another user for another command', () => {
    const store = openStore();
    store.execute(report('shared-key-1'), operator);
    const other = store.execute(report('shared-key-1'), { userId: 'u-other', role: 'commander' });
    expect(other).toMatchObject({ ok: false, error: { code: 'conflict', path: 'idempotencyKey' } });
  });

  it('refuses the wall any command and writes nothing', () => {
    const store = openStore();
    const outcome = store.execute(report('wall-key-01'), wall);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(store.journal.seq()).toBe(0);
    expect(store.incidents.list('all', 10)).toEqual([]);
  });

  it('refuses an invalid payload with the path of the bad field', () => {
    const store = openStore();
    const outcome = store.execute(report('bad-key-001', { location: { lon: 120.1, lat: 123 } }), operator);
    expect(outcome).toMatchObject({ ok: false, error: { code: 'invalid', path: 'payload.location.lat' } });
    const missing = store.execute(report('bad-key-002', { address: undefined }), operator);
    expect(missing).toMatchObject({ ok: false, error: { code: 'invalid', path: 'payload.location' } });
    expect(store.journal.seq()).toBe(0);
  });

  it('lands the good commands of a batch around a refused one, with an unbroken chain', () => {
    const store = openStore();
    const { outcomes, appended } = store.executeBatch([
      { envelope: report('batch-key-1'), actor: operator },
      { envelope: report('batch-key-2'), actor: wall },
      { envelope: report('batch-key-3'), actor: operator },
    ]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(appended.map((e) => e.seq)).toEqual([1, 2]);
    expect(store.incidents.list('open', 10).map((i) => i.id).sort()).toEqual(['20261122-0001', '20261122-0002']);
    expect(store.journal.verify()).toBeNull();
  });

  it('makes tampering with the journal evident', () => {
    const store = openStore();
    for (let i = 0; i < 3; i++) store.execute(report(`tamper-key-${i}`), operator);
    expect(store.journal.verify()).toBeNull();
    store.db.prepare("UPDATE journal SET payload = replace(payload, '夜间', '白天') WHERE seq = 2").run();
    expect(store.journal.verify()).toEqual({ seq: 2, reason: expect.stringMatching(/altered/) });
  });

  it('creates users through the journal and keeps password hashes out of it', () => {
    const store = openStore();
    store.write.createUser({ id: 'u1', username: 'operator1', name: '坐席员一', role: 'operator', passwordHash: 'scrypt$x' }, { userId: 'cli', role: 'system' });
    expect(store.access.credentialsOf('operator1')).toEqual({ user: { id: 'u1', username: 'operator1', name: '坐席员一', role: 'operator', regionId: null, unitId: null }, passwordHash: 'scrypt$x' });
    expect(JSON.stringify(store.journal.page(0, 10).entries)).not.toContain('scrypt$x');
    expect(() => store.write.createUser({ id: 'u2', username: 'operator1', name: 'x', role: 'operator', passwordHash: null }, { userId: 'cli', role: 'system' })).toThrow(/exists already/);
    expect(store.journal.seq()).toBe(1);
  });
});
