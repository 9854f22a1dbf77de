import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { generateTown } from '../town/generate';
import { generateHistory } from '../town/history';
import { historyEntries } from '../town/history-entries';
import { computeIndices, endOfDay } from '../../../shared/analysis/indices';
import { WarningsSchema } from '../../../shared/protocol/analysis';
import type { CommandEnvelope } from '../../../shared/protocol/schemas';
import type { Actor } from '../engine/actor';
import { AnalysisStore, factOf } from './analysis-store';

const end = new Date('2026-11-22T00:00:00Z');
let now = end;
const town = generateTown(1);
const store = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-analysis-')), 'dutydeck.sqlite'), () => now);
store.write.importTown(town, 'test', 'wgs84', { userId: 'system', role: 'system' });
store.write.importEntries(historyEntries(generateHistory(town, 1, { days: 14, end, perDay: 165 }), store.duty.units(), end), 'history');
afterAll(() => store.close());

describe('analysis over the store', () => {
  it('gives the six indices of a day for every region, the town adding up its grids', () => {
    const { date, items } = store.analysis.indices('2026-11-20', null);
    expect(date).toBe('2026-11-20');
    expect(items).toHaveLength(town.regions.length);
    const command = items.find((r) => r.level === 'command')!;
    const grids = items.filter((r) => r.level === 'grid');
    expect(command.indices.pressure.inputs.observed).toBe(grids.reduce((s, g) => s + g.indices.pressure.inputs.observed!, 0));
    expect(command.indices.pressure.inputs.observed).toBeGreaterThan(100);
    for (const name of ['timeliness', 'closure', 'repeat', 'riskSites', 'satisfaction'] as const) {
      const score = command.indices[name].score;
      expect(score, name).not.toBeNull();
      expect(score!).toBeGreaterThanOrEqual(0);
      expect(score!).toBeLessThanOrEqual(100);
    }
    const one = store.analysis.indices('2026-11-20', grids[0]!.regionId);
    expect(one.items).toEqual([grids[0]]);
    // Yesterday by default.
    expect(store.analysis.indices(null, null).date).toBe('2026-11-21');
  });

  it('journals a risk colour only when it changes, with its reasons', () => {
    const first = store.write.updateRisk();
    expect(first).toHaveLength(town.regions.filter((r) => r.level === 'grid').length);
    expect(first[0]).toMatchObject({ type: 'risk.changed', actor: 'system' });
    expect((first[0]!.payload as { reasons: { places: number } }).reasons.places).toBeGreaterThanOrEqual(0);
    expect(store.write.updateRisk()).toEqual([]);
    const map = store.analysis.risk();
    expect(map.every((g) => g.since === end.toISOString() && g.colour === g.scoreColour)).toBe(true);
    expect(new Set(map.map((g) => g.colour)).size).toBeGreaterThan(1);
    // A month later nothing new has been reported: density falls, colours change, and only those are journaled.
    now = new Date(end.getTime() + 40 * 86_400_000);
    const later = store.write.updateRisk();
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => (e.payload as { from: string; to: string }).from !== (e.payload as { to: string }).to)).toBe(true);
    expect(store.journal.verify()).toBeNull();
    now = end;
  });

});

/** The current full recomputation: every incident read out of SQL, folded in one pass. */
function fullIndices(from: string, to: string, asOf: number) {
  const sql = new AnalysisStore(store.db);
  return computeIndices({ incidents: sql.facts(), regions: sql.regions(), places: sql.places(), from, to, asOf, params: { sla: store.duty.config().sla } });
}

const operator = { userId: 'op', role: 'operator' } as const;
let key = 0;
const run = (actor: Actor, type: CommandEnvelope['type'], payload: unknown) => store.execute({ type, payload, idempotencyKey: `analysis-${++key}` }, actor);
function ok(actor: Actor, type: CommandEnvelope['type'], payload: unknown) {
  const outcome = run(actor, type, payload);
  if (!outcome.ok) throw new Error(`${type} refused: ${outcome.error.code} ${outcome.error.message}`);
  return outcome.value;
}

/** `n` reports like the last ones of the history, as new incidents reported now (ids from `from`). */
function reportsLike(n: number, from: number) {
  const reported = store.journal.page(0, 100_000).entries.filter((e) => e.type === 'incident.reported').slice(-n);
  return reported.map((e, i) => {
    const p = e.payload as { incident: { id: string }; report: { id: string; incidentId: string } };
    const id = `20261122-${from + i}`;
    return { time: now.toISOString(), type: e.type, payload: { ...p, incident: { ...p.incident, id, createdAt: now.toISOString() }, report: { ...p.report, id: `R${id}`, incidentId: id } } };
  });
}

describe('incremental analysis over the store', () => {
  it('keeps the indices current from each journal entry, as the full recomputation gives them', () => {
    // The first query reads the facts; everything after updates them entry by entry.
    expect(store.analysis.indices('2026-11-21', null).items).toEqual(fullIndices('2026-11-21', '2026-11-21', endOfDay('2026-11-21')));
    now = new Date('2026-11-22T03:00:00Z');
    const sample = store.incidents.list('all', 400).filter((i) => i.location && i.gridId);
    const at = sample[0]!.location!;
    const a = ok(operator, 'incident.report', { channel: 'hotline12345', category: sample[0]!.category, title: '复报', location: at }).incidentId!;
    const b = ok(operator, 'incident.report', { channel: 'hotline12345', category: sample[0]!.category, title: '又一次', location: at }).incidentId!;
    ok(operator, 'incident.merge', { incidentId: b, into: a });
    ok(operator, 'incident.triage', { incidentId: a, category: sample[0]!.category, priority: 'P3', lead: 'cityManagement', coHandlers: [] });
    const open = store.incidents.list('open', 200).find((i) => i.state === 'triaged' && i.id !== a);
    if (open) ok(operator, 'incident.cancel', { incidentId: open.id, reason: '重复工单' });
    // An entry rolled back after its projection: the facts held are dropped and read anew.
    const copies = reportsLike(30, 9000);
    expect(() =>
      store.db.transaction(() => {
        store.write.importEntries(copies, 'rolled-back');
        // Projected (the facts held saw them), then rolled back.
        expect(store.analysis.indices('2026-11-22', null).items.find((r) => r.level === 'command')!.indices.pressure.inputs.observed).toBeGreaterThanOrEqual(30);
        throw new Error('abort');
      })(),
    ).toThrow('abort');
    expect(store.incidents.detail(copies[0]!.payload.incident.id)).toBeNull();
    for (const date of ['2026-11-22', '2026-11-21', '2026-11-08']) {
      expect(store.analysis.indices(date, null).items, date).toEqual(fullIndices(date, date, Math.min(now.getTime(), endOfDay(date))));
    }
    const range = store.analysis.indicesRange('2026-11-10', '2026-11-22', null);
    expect(range.items).toEqual(fullIndices('2026-11-10', '2026-11-22', now.getTime()));
    // And a bulk import while held.
    store.write.importEntries(reportsLike(80, 9100), 'more');
    expect(store.analysis.indices('2026-11-22', null).items).toEqual(fullIndices('2026-11-22', '2026-11-22', now.getTime()));
    now = end;
  });

  it('reads the facts a page at a time while commands land between pages, and ends where the full read does', () => {
    // The store thread's own analysis, dropped so it is read again; a small page, so commands
    // land between many pages, on incidents read already and on ones not read yet.
    const analysis = (store as unknown as { projections: { analysis: AnalysisStore } }).projections.analysis;
    analysis.forget();
    now = new Date('2026-11-22T05:00:00Z');
    const sla = store.duty.config().sla;
    // Closed incidents, in the table's order: reopening the first ones changes rows read already.
    const closed = store.incidents.list('all', 1_000_000).filter((i) => i.state === 'closed').sort((x, y) => x.createdAt.localeCompare(y.createdAt));
    const at = store.incidents.list('all', 400).find((i) => i.location && i.gridId)!;
    // Ten pages or so: the read starts again after the second, and the commands land in its middle.
    const pageRows = Math.ceil(store.incidents.list('all', 1_000_000).length / 10);
    let pages = 0;
    while (!analysis.warmUp(sla, pageRows)) {
      pages += 1;
      expect(analysis.loaded).toBe(false);
      if (pages === 6 || pages === 7) {
        ok(operator, 'incident.report', { channel: 'police110', category: at.category, title: `第 ${pages} 页之后`, location: at.location });
        for (const incident of [...closed.splice(0, 3), ...closed.splice(-3)]) ok(operator, 'incident.reopen', { incidentId: incident.id, reason: '群众再次来电' });
      } else if (pages === 2) {
        // Projected, then rolled back, and no entry after it: the next page sees the head
        // it held is gone and starts the read again.
        expect(() =>
          store.db.transaction(() => {
            store.write.importEntries(reportsLike(5, 9500), 'rolled-back');
            throw new Error('abort');
          })(),
        ).toThrow('abort');
      }
    }
    expect(pages).toBeGreaterThan(8);
    expect(analysis.loaded).toBe(true);
    for (const date of ['2026-11-22', '2026-11-21']) {
      expect(store.analysis.indices(date, null).items, date).toEqual(fullIndices(date, date, Math.min(now.getTime(), endOfDay(date))));
    }
    expect(store.analysis.indicesRange('2026-11-08', '2026-11-22', null).items).toEqual(fullIndices('2026-11-08', '2026-11-22', now.getTime()));
    // The risk map counts every open incident: a reopening the read missed would show.
    expect(store.analysis.risk()).toEqual(new AnalysisStore(store.db).risk(now, sla));
    now = end;
  });

  it('maps each incident record to the fact SQL reads of it', () => {
    const sql = new Map(new AnalysisStore(store.db).facts().map((f) => [f.id, f]));
    const records = store.incidents.list('all', 1_000_000);
    expect(records.length).toBe(sql.size);
    for (const record of records) expect(factOf(record)).toEqual(sql.get(record.id));
  });
});

describe('early warnings as journal entries', () => {
  const sample = () => store.incidents.list('all', 400).find((i) => i.location && i.gridId)!;

  it('raises a warning once per grid and hour; an operator or commander acknowledges it', () => {
    now = new Date('2026-11-22T04:10:00Z');
    const { location, category, gridId } = sample();
    for (let i = 0; i < 12; i++) ok(operator, 'incident.report', { channel: 'hotline12345', category, title: `聚集 ${i}`, location });
    const raised = store.write.raiseWarnings();
    const ours = raised.find((e) => (e.payload as { id: string }).id === `${gridId}@2026-11-22T04:00:00.000Z`)!;
    expect(ours).toMatchObject({ type: 'warning.raised', actor: 'system', role: 'system' });
    const payload = ours.payload as Record<string, unknown>;
    expect(payload).toMatchObject({ id: `${gridId}@2026-11-22T04:00:00.000Z`, gridId, hourStart: '2026-11-22T04:00:00.000Z', name: town.regions.find((r) => r.id === gridId)!.name });
    expect(payload.observed as number).toBeGreaterThan(payload.upperBound as number);
    expect(Object.keys(payload).sort()).toEqual(['expected', 'explanation', 'gridId', 'hourStart', 'id', 'name', 'observed', 'p', 'upperBound']);
    // Raised once: the next check, even with more reports in the hour, journals nothing new for it.
    ok(operator, 'incident.report', { channel: 'hotline12345', category, title: '又一起', location });
    now = new Date('2026-11-22T04:11:00Z');
    expect(store.write.raiseWarnings().filter((e) => (e.payload as { id: string }).id === payload.id)).toEqual([]);

    const open = store.analysis.warnings();
    expect(WarningsSchema.parse({ items: open })).toBeTruthy();
    expect(open.find((w) => w.id === payload.id)).toMatchObject({ ...payload, state: 'open', raisedAt: '2026-11-22T04:10:00.000Z', seq: ours.seq });

    // The wall and a unit account may not; an operator may, once.
    for (const actor of [{ userId: 'wall', role: 'wall' }, { userId: 'u', role: 'unit', unitId: 'x' }, { userId: 'rh', role: 'regionHead', regionId: 'x' }] as const) {
      expect(run(actor, 'warning.acknowledge', { warningId: payload.id }), actor.role).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(run(operator, 'warning.acknowledge', { warningId: 'G0@nowhere' })).toMatchObject({ ok: false, error: { code: 'notFound', path: 'payload.warningId' } });
    const seq = store.journal.seq();
    ok(operator, 'warning.acknowledge', { warningId: payload.id, note: '已通知网格员核实' });
    const entry = store.journal.page(seq, 10).entries[0]!;
    expect(entry).toMatchObject({ type: 'warning.acknowledged', actor: 'op', payload: { warningId: payload.id, note: '已通知网格员核实' } });
    expect(store.analysis.warnings().find((w) => w.id === payload.id)).toBeUndefined();
    expect(run({ userId: 'cmd', role: 'commander' }, 'warning.acknowledge', { warningId: payload.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    // Acknowledged stays acknowledged: the check does not raise it again.
    expect(store.write.raiseWarnings().filter((e) => (e.payload as { id: string }).id === payload.id)).toEqual([]);
    // A commander acknowledges too, without a note.
    now = new Date('2026-11-22T05:20:00Z');
    for (let i = 0; i < 12; i++) ok(operator, 'incident.report', { channel: 'hotline12345', category, title: `再聚集 ${i}`, location });
    const next = store.write.raiseWarnings().find((e) => (e.payload as { id: string }).id === `${gridId}@2026-11-22T05:00:00.000Z`)!.payload as { id: string };
    ok({ userId: 'cmd', role: 'commander' }, 'warning.acknowledge', { warningId: next.id });
    expect(store.journal.page(store.journal.seq() - 1, 1).entries[0]!.payload).toEqual({ warningId: next.id, note: null });
    now = end;
  });

  it('stays silent in a room without two weeks of history, where every report would look unusual', () => {
    let clock = new Date('2026-11-22T04:10:00Z');
    const fresh = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-analysis-fresh-')), 'dutydeck.sqlite'), () => clock);
    try {
      fresh.write.importTown(town, 'test', 'wgs84', { userId: 'system', role: 'system' });
      const location = town.cameras[0]!.location;
      const report = (i: number) => fresh.execute({ type: 'incident.report', payload: { channel: 'hotline12345', category: 'noise', title: `新装 ${i}`, location }, idempotencyKey: `fresh-${i}` } as CommandEnvelope, operator);
      for (let i = 0; i < 12; i++) expect(report(i).ok).toBe(true);
      expect(fresh.write.raiseWarnings()).toEqual([]);
      // Fifteen days on, the same burst in one hour is news.
      clock = new Date('2026-12-07T04:10:00Z');
      for (let i = 12; i < 24; i++) report(i);
      expect(fresh.write.raiseWarnings().length).toBeGreaterThan(0);
    } finally {
      fresh.close();
    }
  });

  it('rebuilds the warnings from the journal alone', () => {
    const replica = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-analysis-replica-')), 'dutydeck.sqlite'), () => now);
    try {
      // One left open.
      now = new Date('2026-11-22T06:30:00Z');
      const { location, category } = sample();
      for (let i = 0; i < 12; i++) ok(operator, 'incident.report', { channel: 'hotline12345', category, title: `第三次 ${i}`, location });
      expect(store.write.raiseWarnings().length).toBeGreaterThan(0);
      now = end;
      for (let after = 0; after < store.journal.seq(); ) {
        const { entries } = store.journal.page(after, 5_000);
        replica.write.appendReplicated(entries);
        after = entries.at(-1)!.seq;
      }
      const mine = store.analysis.warnings();
      expect(mine.length).toBeGreaterThan(0);
      expect(replica.analysis.warnings()).toEqual(mine);
      const states = (s: Store) => s.db.prepare('SELECT * FROM warnings ORDER BY id').all();
      expect(states(replica)).toEqual(states(store));
      expect((states(store) as Array<{ state: string }>).some((w) => w.state === 'acknowledged')).toBe(true);
    } finally {
      replica.close();
    }
  });
});
