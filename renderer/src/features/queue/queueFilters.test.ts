import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { reduceIncidents } from '../../../../shared/incident/reduce';
import { DEFAULT_SLA } from '../../../../shared/sla';
import { journalEntriesApplied } from '../../app/journalActions';
import { comparatorFor, DEFAULT_QUEUE_VIEW, facetsOf, QUEUE_SORTS, regionChains, slaDue, slaLeftText, slaTone, type QueueFilters } from './queueFilters';
import { makeQueueSelectors } from './queueSelectors';
import { recordIn } from './recordShards';
import { queueContextLoaded, queueFilterChanged, queueReducer, queueSortChosen, type QueueState } from './queueSlice';

const MIN = 60_000;
const T0 = Date.parse('2025-03-01T08:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

let seq = 0;
const entry = (type: string, payload: unknown, at = T0) => ({ seq: ++seq, time: iso(at), actor: 'u', role: 'operator', type, payload, prevHash: '', hash: '' }) as JournalEntry;

function reported(id: string, over: { at?: number; channel?: string; category?: string; gridId?: string } = {}): JournalEntry {
  const at = over.at ?? T0;
  const s = seq + 1;
  return entry(
    'incident.reported',
    {
      incident: {
        id, state: 'reported', title: id, category: over.category ?? 'noise', priority: null, location: null, address: `${id} 路`,
        channels: [over.channel ?? 'phone'], reportCount: 1, createdAt: iso(at), updatedAt: iso(at), lastSeq: s, lastAction: 'incident.reported',
        gridId: over.gridId ?? null,
      },
      report: { id: `R${id}`, incidentId: id, channel: over.channel ?? 'phone', receivedAt: iso(at), title: id, description: '', category: 'noise', location: null, address: null, reporter: null, takenBy: 'u' },
    },
    at,
  );
}
const triaged = (id: string, priority: string, lead = 'police', category = 'noise') => entry('incident.triaged', { incidentId: id, category, priority, lead, coHandlers: [] });
const merged = (id: string, into: string) => entry('incident.merged', { incidentId: id, into });

function queueOf(entries: JournalEntry[]): QueueState {
  let state = queueReducer(undefined, journalEntriesApplied(entries, 0));
  state = queueReducer(
    state,
    queueContextLoaded({
      regions: [
        { id: 'E1', name: '应急一', level: 'emergency', parentId: null },
        { id: 'J1', name: '联勤一', level: 'jointEnforcement', parentId: 'E1' },
        { id: 'G1', name: '网格一', level: 'grid', parentId: 'J1' },
        { id: 'G2', name: '网格二', level: 'grid', parentId: null },
      ],
    }),
  );
  return state;
}

const { selectQueueRows } = makeQueueSelectors();
const rows = (state: QueueState, now = T0) => selectQueueRows({ queue: state }, now).map((r) => r.id);
const filtered = (state: QueueState, filters: Partial<QueueFilters>, now = T0) => rows(queueReducer(state, queueFilterChanged(filters)), now);

describe('queue filters and order', () => {
  const state = queueOf([
    reported('A', { at: T0, channel: 'hotline12345', gridId: 'G1' }),
    reported('B', { at: T0 + MIN, channel: 'gridApp', category: 'fire', gridId: 'G2' }),
    reported('C', { at: T0 + 2 * MIN, channel: 'iot', gridId: 'G1' }),
    reported('D', { at: T0 + 3 * MIN, channel: 'police110' }),
    triaged('A', 'P1', 'police'),
    triaged('C', 'P3', 'cityManagement'),
    merged('D', 'C'),
  ]);

  it('lists newest first by default', () => {
    expect(rows(state)).toEqual(['C', 'B', 'A']);
  });

  it('sorts by priority (untriaged last), most reports, and SLA time left', () => {
    expect(rows(queueReducer(state, queueSortChosen('priority')))).toEqual(['A', 'C', 'B']);
    expect(rows(queueReducer(state, queueSortChosen('reports')))).toEqual(['C', 'B', 'A']);
    // P1 dispatch allows 5 min from T0; untriaged (P3) 60 min from T0+1 and T0+2.
    expect(rows(queueReducer(state, queueSortChosen('slaLeft')))).toEqual(['A', 'B', 'C']);
  });

  it('orders totally: a record ties only with itself, which the patched lists find records by', () => {
    const records = state.ids.map((id) => recordIn(state.records, id)!);
    for (const sort of QUEUE_SORTS) {
      const compare = comparatorFor(sort, DEFAULT_SLA);
      for (const a of records) {
        expect(compare(a, a)).toBe(0);
        expect(compare(a, { ...a })).toBe(0);
        for (const b of records) if (a !== b) expect(Math.sign(compare(a, b))).toBe(-Math.sign(compare(b, a)) || NaN);
      }
    }
  });

  it('filters by state, priority, channel of any report, category, lead and region', () => {
    expect(filtered(state, { state: 'triaged' })).toEqual(['C', 'A']);
    expect(filtered(state, { priority: 'none' })).toEqual(['B']);
    expect(filtered(state, { channel: 'police110' })).toEqual(['C']); // through the merged report
    expect(filtered(state, { category: 'fire' })).toEqual(['B']);
    expect(filtered(state, { department: 'cityManagement' })).toEqual(['C']);
    expect(filtered(state, { region: 'E1' })).toEqual(['C', 'A']);
    expect(filtered(state, { region: 'G2' })).toEqual(['B']);
    expect(filtered(state, { priority: 'P1', channel: 'iot' })).toEqual([]);
  });

  it('shows only overdue incidents when asked, following the clock', () => {
    expect(filtered(state, { overdueOnly: true }, T0 + 4 * MIN)).toEqual([]);
    expect(filtered(state, { overdueOnly: true }, T0 + 6 * MIN)).toEqual(['A']);
    expect(filtered(state, { overdueOnly: true }, T0 + 61.5 * MIN)).toEqual(['B', 'A']);
    expect(filtered(state, { overdueOnly: true }, T0 + 63 * MIN)).toEqual(['C', 'B', 'A']);
  });

  it('keeps the same list while the clock ticks and the overdue filter is off', () => {
    const queue = { queue: state };
    expect(selectQueueRows(queue, T0)).toBe(selectQueueRows(queue, T0 + 5_000));
  });

  it('counts what each filter option would show', () => {
    const facets = facetsOf(state.ids.map((id) => recordIn(state.records, id)!), regionChains(state.regions));
    expect(facets.priority).toEqual({ P1: 1, P3: 1, none: 1 });
    expect(facets.channel).toMatchObject({ iot: 1, police110: 1, hotline12345: 1, gridApp: 1 });
    expect(facets.region).toMatchObject({ E1: 2, J1: 2, G1: 2, G2: 1 });
    expect(DEFAULT_QUEUE_VIEW.filters.overdueOnly).toBe(false);
  });
});

describe('SLA time left', () => {
  const record = (entries: JournalEntry[]) => {
    const held = new Map<string, IncidentRecord>();
    for (const e of entries) for (const r of reduceIncidents(e, (id) => held.get(id) ?? null)) held.set(r.id, r);
    return [...held.values()][0]!;
  };

  it('counts down the nearest running clock, amber under a quarter left, red when overdue', () => {
    const r = record([reported('S', { at: T0 }), triaged('S', 'P1')]);
    const due = slaDue(r, DEFAULT_SLA)!;
    expect(due.clock).toBe('dispatch');
    expect(due.deadline).toBe(T0 + 5 * MIN);
    expect(slaTone(due, T0 + MIN)).toBe('ok');
    expect(slaTone(due, T0 + 4 * MIN)).toBe('warn');
    expect(slaTone(due, T0 + 5 * MIN + 1)).toBe('overdue');
    expect(slaLeftText(due, T0 + MIN + 500)).toBe('3:59');
    expect(slaLeftText(due, T0 + 6 * MIN)).toBe('-1:00');
    expect(slaLeftText({ ...due, deadline: T0 + 2 * 3600_000 + 5_000 }, T0)).toBe('2:00:05');
  });

  it('moves to sign-for and arrival once dispatched', () => {
    const r = record([reported('S', { at: T0 }), triaged('S', 'P2'), entry('incident.dispatched', { incidentId: 'S', units: [{ unitId: 'U', unitName: 'u' }] }, T0 + MIN)]);
    expect(slaDue(r, DEFAULT_SLA)).toMatchObject({ clock: 'signFor', deadline: T0 + 11 * MIN });
  });

  it('follows the hub’s SLA configuration', () => {
    const r = record([reported('S', { at: T0 })]);
    const config = { ...DEFAULT_SLA, byPriority: { ...DEFAULT_SLA.byPriority, P3: { ...DEFAULT_SLA.byPriority.P3, dispatch: 10 } } };
    expect(slaDue(r, config)?.deadline).toBe(T0 + 10 * MIN);
  });
});
