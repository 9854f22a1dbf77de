import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { CommandEnvelope } from '../../../../shared/protocol/schemas';
import { INCIDENT_KEY, IncidentJournalQuery, MASTER_KEY } from './incident-journal';
import { SCHEMA_VERSION } from '../migrations';
import type { Store } from '../store';
import { operator, tempStoreFile, testStores } from '../store.fixture';

let keys = 0;
const tempFile = () => tempStoreFile('incident-journal');
const openStore = testStores('incident-journal');

function command(type: CommandEnvelope['type'], payload: Record<string, unknown>): CommandEnvelope {
  return { type, payload, idempotencyKey: `ij-key-${++keys}` };
}

function report(store: Store, title: string, phone?: string): string {
  const outcome = store.execute(
    command('incident.report', { channel: 'hotline12345', category: 'noise', title, address: '三墩镇振华路 88 号', ...(phone ? { reporter: { name: '王女士', phone } } : {}) }),
    operator,
  );
  if (!outcome.ok) throw new Error(outcome.error.message);
  return outcome.value.incidentId!;
}

function run(store: Store, envelope: CommandEnvelope): void {
  const outcome = store.execute(envelope, operator);
  if (!outcome.ok) throw new Error(outcome.error.message);
}


describe("an incident's journal", () => {
  it('holds every entry about the incident and the reports merged into it, oldest first, and nothing else', () => {
    const store = openStore();
    store.write.createUser({ id: 'u-op', username: 'operator1', name: '张三', role: 'operator', passwordHash: null }, { userId: 'cli', role: 'system' });
    const master = report(store, '夜间施工噪声', '13812345678');
    const other = report(store, '别处的噪声');
    const child = report(store, '工地凌晨施工');
    run(store, command('incident.triage', { incidentId: master, category: 'noise', priority: 'P3', lead: 'cityManagement', coHandlers: [] }));
    run(store, command('incident.triage', { incidentId: other, category: 'noise', priority: 'P4', lead: 'cityManagement', coHandlers: [] }));
    run(store, command('incident.merge', { incidentId: child, into: master }));

    const journal = store.incidents.journal(master)!;
    expect(journal.entries.map((e) => [e.type, e.seq])).toEqual([
      ['incident.reported', 2],
      ['incident.reported', 4],
      ['incident.triaged', 5],
      ['incident.merged', 7],
    ]);
    expect(journal.actors).toEqual({ 'u-op': '张三' });
    // The child's own timeline names its merge too, and no entry of the others.
    expect(store.incidents.journal(child)!.entries.map((e) => e.type)).toEqual(['incident.reported', 'incident.merged']);
    expect(store.incidents.journal(other)!.entries.map((e) => e.seq)).toEqual([3, 6]);
    expect(store.incidents.journal('20991231-9999')).toBeNull();
  });

  it("masks the reporter's phone, as a report does, while the journal keeps it", () => {
    const store = openStore();
    const id = report(store, '夜间施工噪声', '13812345678');
    const reported = store.incidents.journal(id)!.entries[0]!.payload as { report: { reporter: { name: string; phone: string } } };
    expect(reported.report.reporter).toEqual({ name: '王女士', phone: '138****5678' });
    expect(JSON.stringify(store.journal.page(0, 1).entries[0]!.payload)).toContain('13812345678');
  });

  it('after an unmerge, the master keeps the history of both steps and drops the child’s own entries', () => {
    const store = openStore();
    const master = report(store, '噪声');
    const child = report(store, '噪声again');
    run(store, command('incident.merge', { incidentId: child, into: master }));
    run(store, command('incident.unmerge', { incidentId: child }));
    expect(store.incidents.journal(master)!.entries.map((e) => e.type)).toEqual(['incident.reported', 'incident.merged', 'incident.unmerged']);
  });

  it('finds entries through the indexes of migration 5, never by scanning the journal', () => {
    const store = openStore();
    const plan = (sql: string) =>
      (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as Array<{ detail: string }>).map((row) => row.detail).join('\n');
    const byIncident = plan(`SELECT seq FROM journal WHERE ${INCIDENT_KEY} IN (SELECT value FROM json_each('["a","b"]'))`);
    expect(byIncident).toMatch(/USING (COVERING )?INDEX journal_by_incident/);
    expect(byIncident).not.toMatch(/SCAN journal/);
    const byMaster = plan(`SELECT seq FROM journal WHERE type IN ('incident.merged', 'incident.unmerged') AND ${MASTER_KEY} = 'a'`);
    expect(byMaster).toMatch(/USING (COVERING )?INDEX journal_by_master/);
    expect(byMaster).not.toMatch(/SCAN journal/);
    // The statement the store runs, as a whole.
    const statement = (new IncidentJournalQuery(store.db) as unknown as { s: { entries: { source: string } } }).s.entries.source;
    const whole = plan(statement.replace('@ids', `'["a"]'`).replace('@id', `'a'`).replace('@limit', '10'));
    expect(whole).not.toMatch(/SCAN journal\b/);
  });

  it('indexes the entries of a journal written before migration 5', () => {
    const file = tempFile();
    const before = openStore(file);
    const id = report(before, '旧数据');
    before.close();
    const raw = new Database(file);
    // Back to what version 4 had: without migration 5's indexes and what came after.
    raw.exec('DROP INDEX journal_by_incident; DROP INDEX journal_by_master; DROP TABLE warnings; DROP TABLE callback_cursor; ALTER TABLE command_keys DROP COLUMN payload_hash; DROP INDEX journal_checkpoints; DROP TABLE sign_in_failures; DROP TABLE second_factors; DROP TABLE recovery_codes; ALTER TABLE town_meta DROP COLUMN time_zone; ALTER TABLE town_meta DROP COLUMN admin; DROP INDEX reports_alert_expires; ALTER TABLE reports DROP COLUMN facts; DROP INDEX journal_alerts_set_aside;');
    raw.pragma('user_version = 4');
    raw.close();

    const after = openStore(file);
    expect(after.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(after.db.prepare("SELECT count(*) n FROM sqlite_master WHERE type = 'index' AND name LIKE 'journal_by_%'").get()).toEqual({ n: 2 });
    expect(after.incidents.journal(id)!.entries.map((e) => e.type)).toEqual(['incident.reported']);
  });
});
