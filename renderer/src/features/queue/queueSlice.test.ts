import { describe, expect, it } from 'vitest';
import type { Incident, JournalEntry, Report } from '../../../../shared/domain';
import { loggedOut } from '../session/sessionSlice';
import { queueEffectOf } from './journalEntries';
import {
  ARRIVAL_MARK_MS,
  incidentRefreshed,
  incidentReported,
  openIncidentsLoaded,
  queueReducer,
  selectCountsByState,
  selectOpenIncidents,
  type QueueState,
} from './queueSlice';

const incident = (id: string, over: Partial<Incident> = {}): Incident => ({
  id,
  state: 'reported',
  title: `标题 ${id}`,
  category: 'noise',
  priority: null,
  location: { lon: 120.08, lat: 30.33 },
  address: null,
  channels: ['phone'],
  reportCount: 1,
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
  lastSeq: 1,
  lastAction: 'incident.reported',
  ...over,
});

const report = (incidentId: string): Report => ({
  id: `R-${incidentId}`,
  incidentId,
  channel: 'phone',
  receivedAt: '2025-03-01T08:00:00.000Z',
  title: 't',
  description: '',
  category: 'noise',
  location: null,
  address: '三墩镇',
  reporter: null,
  takenBy: 'u1',
});

const entry = (seq: number, type: string, payload: unknown): JournalEntry => ({
  seq,
  time: '2025-03-01T08:00:00.000Z',
  actor: 'u1',
  role: 'operator',
  type,
  payload,
  prevHash: '',
  hash: '',
});

const view = (queue: QueueState) => ({ queue });

describe('incident queue', () => {
  it('seeds with open incidents only', () => {
    const state = queueReducer(
      undefined,
      openIncidentsLoaded({ items: [incident('A'), incident('B', { state: 'closed' })], seq: 7 }),
    );
    expect(state.ids).toEqual(['A']);
    expect(state.loaded).toBe(true);
    expect(state.seededSeq).toBe(7);
  });

  it('lists newest first', () => {
    const state = queueReducer(
      undefined,
      openIncidentsLoaded({
        items: [
          incident('old', { createdAt: '2025-03-01T07:00:00.000Z' }),
          incident('new', { createdAt: '2025-03-01T09:00:00.000Z' }),
          incident('mid', { createdAt: '2025-03-01T08:00:00.000Z' }),
        ],
        seq: 3,
      }),
    );
    expect(selectOpenIncidents(view(state)).map((i) => i.id)).toEqual(['new', 'mid', 'old']);
  });

  it('adds a reported incident and marks it as a new arrival', () => {
    let state = queueReducer(undefined, openIncidentsLoaded({ items: [], seq: 0 }));
    state = queueReducer(state, incidentReported({ incident: incident('A', { lastSeq: 5 }), report: report('A'), receivedAt: 1000 }));
    expect(state.ids).toEqual(['A']);
    expect(state.arrivedAt).toEqual({ A: 1000 });
  });

  it('does not apply an entry twice or let an older row overwrite a newer one', () => {
    let state = queueReducer(undefined, openIncidentsLoaded({ items: [incident('A', { lastSeq: 9, title: 'seeded' })], seq: 9 }));
    state = queueReducer(state, incidentReported({ incident: incident('A', { lastSeq: 5, title: 'stale' }), report: report('A'), receivedAt: 1 }));
    expect(state.entities.A?.title).toBe('seeded');
    expect(state.arrivedAt).toEqual({});
  });

  it('forgets arrival marks once they are old', () => {
    let state = queueReducer(undefined, incidentReported({ incident: incident('A', { lastSeq: 1 }), report: report('A'), receivedAt: 0 }));
    state = queueReducer(
      state,
      incidentReported({ incident: incident('B', { lastSeq: 2 }), report: report('B'), receivedAt: ARRIVAL_MARK_MS + 1 }),
    );
    expect(Object.keys(state.arrivedAt)).toEqual(['B']);
  });

  it('drops a refreshed incident that is no longer open', () => {
    let state = queueReducer(undefined, openIncidentsLoaded({ items: [incident('A', { lastSeq: 1 })], seq: 1 }));
    state = queueReducer(state, incidentRefreshed(incident('A', { lastSeq: 4, state: 'closed' })));
    expect(state.ids).toEqual([]);
  });

  it('counts open incidents by state', () => {
    const state = queueReducer(
      undefined,
      openIncidentsLoaded({ items: [incident('A'), incident('B'), incident('C', { state: 'dispatched' })], seq: 1 }),
    );
    expect(selectCountsByState(view(state))).toEqual({ reported: 2, dispatched: 1 });
  });

  it('is emptied on logout', () => {
    const state = queueReducer(queueReducer(undefined, openIncidentsLoaded({ items: [incident('A')], seq: 1 })), loggedOut());
    expect(state.ids).toEqual([]);
    expect(state.loaded).toBe(false);
  });
});

describe('journal entries for the queue', () => {
  it('turns incident.reported into incidentReported', () => {
    const effect = queueEffectOf(entry(5, 'incident.reported', { incident: incident('A', { lastSeq: 5 }), report: report('A') }), 42);
    expect(effect.kind).toBe('apply');
    if (effect.kind === 'apply') {
      expect(effect.action.type).toBe(incidentReported.type);
      expect(effect.action.payload.receivedAt).toBe(42);
    }
  });

  it('ignores user.created and types it cannot read', () => {
    expect(queueEffectOf(entry(6, 'user.created', { user: {} }), 0).kind).toBe('ignore');
    expect(queueEffectOf(entry(7, 'shift.handedOver', { note: 'x' }), 0).kind).toBe('ignore');
  });

  it('asks for a fresh row when an unknown entry names an incident', () => {
    expect(queueEffectOf(entry(8, 'incident.dispatched', { incidentId: 'A', unit: 'T1' }), 0)).toEqual({
      kind: 'refetch',
      incidentId: 'A',
      seq: 8,
    });
  });
});
