import { describe, expect, it } from 'vitest';
import type { Incident, Report } from '../../../../shared/domain';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { reduceIncidents } from '../../../../shared/incident/reduce';
import type { ApiClient } from '../../app/api';
import { journalEntriesApplied } from '../../app/journalActions';
import { listenerSetups } from '../../app/listenerSetups';
import { createAppStore } from '../../app/store';
import { loggedOut, sessionStateWithToken } from '../session/sessionSlice';
import { memorySessionStore } from '../session/sessionStore';
import {
  ARRIVAL_MARK_MS,
  arrivalsSeen,
  incidentRefreshed,
  incidentReported,
  openIncidentsLoaded,
  queueFilterChanged,
  queueReducer,
  selectIncidentById,
  type QueueState,
} from './queueSlice';
import { makeQueueSelectors } from './queueSelectors';
import { queueSelectorsOf } from './useQueueSelectors';

const T0 = '2025-03-01T08:00:00.000Z';

const summary = (id: string, seq: number, over: Partial<Incident> = {}): Incident => ({
  id,
  state: 'reported',
  title: `标题 ${id}`,
  category: 'noise',
  priority: null,
  location: { lon: 120.08, lat: 30.33 },
  address: null,
  channels: ['phone'],
  reportCount: 1,
  createdAt: T0,
  updatedAt: T0,
  lastSeq: seq,
  lastAction: 'incident.reported',
  ...over,
});

const report = (incidentId: string, channel: Report['channel'] = 'phone'): Report => ({
  id: `R-${incidentId}`,
  incidentId,
  channel,
  receivedAt: T0,
  title: 't',
  description: '',
  category: 'noise',
  location: null,
  address: '三墩镇',
  reporter: null,
  takenBy: 'u1',
});

const entry = (seq: number, type: string, payload: unknown) => ({
  seq,
  time: `2025-03-01T08:${String(seq % 60).padStart(2, '0')}:00.000Z`,
  actor: 'u1',
  role: 'operator',
  type,
  payload,
  prevHash: '',
  hash: '',
}) as JournalEntry;

const reported = (seq: number, id: string, over: Partial<Incident> = {}, channel: Report['channel'] = 'phone') =>
  entry(seq, 'incident.reported', { incident: summary(id, seq, { channels: [channel], ...over }), report: report(id, channel) });

/** The record the hub would hold after `entries`, folded by the same reducer. */
function hubRecords(entries: JournalEntry[]): Map<string, IncidentRecord> {
  const records = new Map<string, IncidentRecord>();
  for (const e of entries) for (const r of reduceIncidents(e, (id) => records.get(id) ?? null)) records.set(r.id, r);
  return records;
}

const fold = (state: QueueState | undefined, entries: JournalEntry[], receivedAt = 1000) =>
  queueReducer(state, journalEntriesApplied(entries, receivedAt));

const view = (queue: QueueState) => ({ queue });

describe('incident queue folding the journal', () => {
  it('adds a reported incident as a full record and marks it as a new arrival', () => {
    const state = fold(queueReducer(undefined, openIncidentsLoaded({ items: [], seq: 0 })), [reported(5, 'A')]);
    expect(state.ids).toEqual(['A']);
    expect(selectIncidentById({ queue: state }, 'A')).toMatchObject({ lead: null, assignments: [], ownReportCount: 1, lastSeq: 5 });
    expect(state.arrivedAt).toEqual({ A: 1000 });
    expect(state.unseen).toBe(1);
    expect(queueReducer(state, arrivalsSeen()).unseen).toBe(0);
  });

  it('folds triage and dispatch onto the row without asking the hub', () => {
    const entries = [
      reported(1, 'A'),
      entry(2, 'incident.triaged', { incidentId: 'A', category: 'fire', priority: 'P1', lead: 'emergencyManagement', coHandlers: ['police'] }),
      entry(3, 'incident.dispatched', { incidentId: 'A', units: [{ unitId: 'U1', unitName: '一组' }] }),
    ];
    const state = fold(undefined, entries);
    expect(selectIncidentById({ queue: state }, 'A')).toEqual(hubRecords(entries).get('A'));
    expect(selectIncidentById({ queue: state }, 'A')).toMatchObject({ state: 'dispatched', priority: 'P1', lead: 'emergencyManagement', lastAction: 'incident.dispatched', lastSeq: 3 });
    expect(state.behind).toEqual({});
  });

  it('a merge takes the child out and updates the master with its reports and channels', () => {
    const entries = [reported(1, 'M', {}, 'hotline12345'), reported(2, 'C', {}, 'gridApp'), entry(3, 'incident.merged', { incidentId: 'C', into: 'M' })];
    const state = fold(undefined, entries);
    expect(state.ids).toEqual(['M']);
    expect(selectIncidentById({ queue: state }, 'M')).toMatchObject({ reportCount: 2, channels: ['hotline12345', 'gridApp'], mergedFrom: ['C'], lastSeq: 3 });
    // Kept aside: a second merge into M recomputes M from C as well.
    expect(state.detached.C?.state).toBe('merged');
    const more = [reported(4, 'D', {}, 'iot'), entry(5, 'incident.merged', { incidentId: 'D', into: 'M' })];
    const after = fold(state, more);
    expect(selectIncidentById({ queue: after }, 'M')).toEqual(hubRecords([...entries, ...more]).get('M'));
    expect(selectIncidentById({ queue: after }, 'M')?.reportCount).toBe(3);
  });

  it('an unmerge brings the child back into the list', () => {
    const state = fold(undefined, [reported(1, 'M'), reported(2, 'C'), entry(3, 'incident.merged', { incidentId: 'C', into: 'M' }), entry(4, 'incident.unmerged', { incidentId: 'C', from: 'M' })]);
    expect([...state.ids].sort()).toEqual(['C', 'M']);
    expect(selectIncidentById({ queue: state }, 'M')?.reportCount).toBe(1);
    expect(state.detached).toEqual({});
  });

  it('closing or cancelling removes the row', () => {
    const state = fold(undefined, [
      reported(1, 'A'),
      reported(2, 'B'),
      entry(3, 'incident.cancelled', { incidentId: 'A', reason: '重复' }),
      entry(4, 'incident.resolved', { incidentId: 'B', summary: 'ok' }),
      entry(5, 'incident.closed', { incidentId: 'B', rating: 5 }),
    ]);
    expect(state.ids).toEqual([]);
    expect(state.arrivedAt).toEqual({});
  });

  it('does not apply an entry twice: rows seeded newer than the stream stay as they are', () => {
    const seeded = hubRecords([reported(9, 'A', { title: 'seeded' })]).get('A')!;
    let state = queueReducer(undefined, openIncidentsLoaded({ items: [seeded], seq: 9 }));
    state = fold(state, [reported(9, 'A', { title: 'replayed' }), entry(7, 'incident.triaged', { incidentId: 'A', category: 'x', priority: 'P4', lead: 'police', coHandlers: [] })]);
    expect(selectIncidentById({ queue: state }, 'A')).toBe(seeded);
    expect(state.arrivedAt).toEqual({});
  });

  it('marks a row behind for an entry it cannot fold, and folds nothing onto it until caught up', () => {
    let state = fold(undefined, [reported(1, 'A')]);
    state = fold(state, [entry(2, 'incident.photoAdded', { incidentId: 'A', photo: 'p.jpg' })]);
    expect(state.behind).toEqual({ A: 2 });
    state = fold(state, [entry(3, 'incident.triaged', { incidentId: 'A', category: 'noise', priority: 'P3', lead: 'police', coHandlers: [] })]);
    expect(selectIncidentById({ queue: state }, 'A')?.lastSeq).toBe(1);
    expect(state.behind).toEqual({ A: 3 });
    // The hub's copy answered for seq 2 is not enough to catch up with seq 3 …
    const hub2 = { ...selectIncidentById({ queue: state }, 'A')!, lastSeq: 2, lastAction: 'incident.photoAdded' };
    state = queueReducer(state, incidentRefreshed({ record: hub2, asOf: 2 }));
    expect(selectIncidentById({ queue: state }, 'A')?.lastSeq).toBe(2);
    expect(state.behind).toEqual({ A: 3 });
    // … the one answered for seq 3 is, and later entries fold again.
    const hub3 = { ...hub2, state: 'triaged' as const, priority: 'P3' as const, lastSeq: 3 };
    state = queueReducer(state, incidentRefreshed({ record: hub3, asOf: 3 }));
    expect(state.behind).toEqual({});
    state = fold(state, [entry(4, 'incident.dispatched', { incidentId: 'A', units: [{ unitId: 'U', unitName: 'u' }] })]);
    expect(selectIncidentById({ queue: state }, 'A')).toMatchObject({ state: 'dispatched', priority: 'P3', lastSeq: 4 });
  });

  it('ignores a stale refetch answer: an older copy never overwrites a newer row', () => {
    const entries = [reported(1, 'A'), entry(5, 'incident.triaged', { incidentId: 'A', category: 'noise', priority: 'P2', lead: 'police', coHandlers: [] })];
    let state = fold(undefined, entries);
    const stale = hubRecords([entries[0]!]).get('A')!;
    state = queueReducer(state, incidentRefreshed({ record: stale, asOf: 1 }));
    expect(selectIncidentById({ queue: state }, 'A')?.priority).toBe('P2');
    expect(selectIncidentById({ queue: state }, 'A')?.lastSeq).toBe(5);
  });

  it('drops a refreshed incident that is no longer open', () => {
    let state = fold(undefined, [reported(1, 'A')]);
    state = queueReducer(state, incidentRefreshed({ record: { ...selectIncidentById({ queue: state }, 'A')!, state: 'closed', lastSeq: 4 }, asOf: 4 }));
    expect(state.ids).toEqual([]);
  });

  it('asks the hub for an incident it does not hold (a reopened one)', () => {
    const state = fold(undefined, [entry(8, 'incident.reopened', { incidentId: 'Z', reason: '复发' })]);
    expect(state.ids).toEqual([]);
    expect(state.behind).toEqual({ Z: 8 });
  });

  it('forgets arrival marks once they are old', () => {
    let state = fold(undefined, [reported(1, 'A')], 0);
    state = fold(state, [reported(2, 'B')], ARRIVAL_MARK_MS + 1);
    expect(Object.keys(state.arrivedAt)).toEqual(['B']);
  });

  it('keeps incidentReported for a report this window took in', () => {
    const state = queueReducer(undefined, incidentReported({ incident: summary('A', 5), report: report('A'), receivedAt: 7 }));
    expect(selectIncidentById({ queue: state }, 'A')?.lastSeq).toBe(5);
    expect(state.arrivedAt).toEqual({ A: 7 });
  });

  it('seeds with open records only, newest first', () => {
    const recs = hubRecords([
      reported(1, 'old', { createdAt: '2025-03-01T07:00:00.000Z' }),
      reported(2, 'new', { createdAt: '2025-03-01T09:00:00.000Z' }),
      reported(3, 'gone'),
      entry(4, 'incident.cancelled', { incidentId: 'gone', reason: 'x' }),
    ]);
    const state = queueReducer(undefined, openIncidentsLoaded({ items: [...recs.values()], seq: 4 }));
    const { selectOpenIncidents, selectCountsByState } = makeQueueSelectors();
    expect(selectOpenIncidents(view(state)).map((i) => i.id)).toEqual(['new', 'old']);
    expect(state.seededSeq).toBe(4);
    expect(selectCountsByState(view(state))).toEqual({ reported: 2 });
  });

  it('is emptied on logout but keeps the operator’s filters', () => {
    let state = fold(undefined, [reported(1, 'A')]);
    state = queueReducer(state, queueFilterChanged({ priority: 'P1' }));
    state = queueReducer(state, loggedOut());
    expect(state.ids).toEqual([]);
    expect(state.loaded).toBe(false);
    expect(state.view.filters.priority).toBe('P1');
  });
});

describe('refetching rows that fell behind', () => {
  it('fetches only the incidents the fold could not compute, and applies the answer', async () => {
    const calls: Array<{ name: string; id?: string }> = [];
    const hubCopy = { ...hubRecords([reported(1, 'A')]).get('A')!, lastSeq: 2, lastAction: 'incident.photoAdded' };
    const api: ApiClient = {
      call: (async (name: string, args: { params?: { id: string } }) => {
        calls.push({ name, ...(args.params ? { id: args.params.id } : {}) });
        if (name === 'incident') return { ...hubCopy, reports: [] };
        throw new Error(name);
      }) as ApiClient['call'],
    };
    const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 5 }, { session: sessionStateWithToken('T') }, listenerSetups);
    store.dispatch(journalEntriesApplied([reported(1, 'A'), reported(2, 'B')], 5));
    expect(calls).toEqual([]);
    store.dispatch(journalEntriesApplied([entry(3, 'incident.photoAdded', { incidentId: 'A' }), entry(4, 'user.created', { user: {} })], 5));
    expect(calls).toEqual([{ name: 'incident', id: 'A' }]);
    await new Promise((r) => setTimeout(r, 0));
    expect(selectIncidentById(store.getState(), 'A')?.lastAction).toBe('incident.photoAdded');
  });
});

describe('each window’s queue views', () => {
  const storeWith = (entries: JournalEntry[]) => {
    const api: ApiClient = { call: (async () => { throw new Error('offline'); }) as ApiClient['call'] };
    const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 5 }, { session: sessionStateWithToken('T') });
    store.dispatch(journalEntriesApplied(entries, 5));
    return store;
  };

  it('belong to one store: reading another window’s queue in between neither mixes nor rebuilds them', () => {
    const a = storeWith([reported(1, 'A1', { createdAt: '2025-03-01T07:00:00.000Z' }), reported(2, 'A2', { createdAt: '2025-03-01T09:00:00.000Z' })]);
    const b = storeWith([reported(1, 'B1')]);
    const ofA = queueSelectorsOf(a);
    const ofB = queueSelectorsOf(b);
    expect(ofA).toBe(queueSelectorsOf(a));
    expect(ofA).not.toBe(ofB);
    const rowsA = ofA.selectQueueRows(a.getState(), 0);
    const openA = ofA.selectOpenIncidents(a.getState());
    const facetsA = ofA.selectQueueFacets(a.getState());
    expect(ofB.selectQueueRows(b.getState(), 0).map((r) => r.id)).toEqual(['B1']);
    expect(ofB.selectOpenIncidents(b.getState()).map((r) => r.id)).toEqual(['B1']);
    expect(ofB.selectQueueFacets(b.getState()).state).toEqual({ reported: 1 });
    expect(ofA.selectQueueRows(a.getState(), 0)).toBe(rowsA);
    expect(ofA.selectOpenIncidents(a.getState())).toBe(openA);
    expect(ofA.selectQueueFacets(a.getState())).toBe(facetsA);
    expect(rowsA.map((r) => r.id)).toEqual(['A2', 'A1']);
  });

  it('follow batch by batch to what a fresh view of the same queue shows', () => {
    const store = storeWith([reported(1, 'A'), reported(2, 'B', { createdAt: '2025-03-01T09:00:00.000Z' })]);
    const { selectQueueRows, selectQueueFacets } = queueSelectorsOf(store);
    const shown = () => {
      const fresh = makeQueueSelectors();
      expect(selectQueueRows(store.getState(), 0)).toEqual(fresh.selectQueueRows(store.getState(), 0));
      expect(selectQueueFacets(store.getState())).toEqual(fresh.selectQueueFacets(store.getState()));
      return selectQueueRows(store.getState(), 0).map((r) => r.id);
    };
    expect(shown()).toEqual(['B', 'A']);
    store.dispatch(journalEntriesApplied([reported(3, 'C', { createdAt: '2025-03-01T10:00:00.000Z' }), entry(4, 'incident.cancelled', { incidentId: 'A', reason: 'x' })], 5));
    expect(shown()).toEqual(['C', 'B']);
    // Two batches unseen by the views, one of them emptying the queue.
    store.dispatch(loggedOut());
    store.dispatch(journalEntriesApplied([reported(5, 'D')], 5));
    expect(shown()).toEqual(['D']);
  });
});
