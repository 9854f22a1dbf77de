import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import type { ApiClient } from '../../app/api';
import { listenerSetups } from '../../app/listenerSetups';
import { createAppStore } from '../../app/store';
import { openIncidentsLoaded } from '../queue/queueSlice';
import { sessionStateWithToken } from '../session/sessionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { selectWallFlight, wallFocusChanged } from './wallFocusSlice';

const incident = (id: string, location: Incident['location']) =>
  ({
    id,
    state: 'reported',
    title: id,
    category: 'noise',
    priority: null,
    location,
    address: null,
    channels: ['phone'],
    reportCount: 1,
    createdAt: '2026-11-22T02:00:00.000Z',
    updatedAt: '2026-11-22T02:00:00.000Z',
    lastSeq: 1,
    lastAction: 'incident.reported',
  }) as Incident;

function setup() {
  const api: ApiClient = { call: (async (name: string) => Promise.reject(new Error(`no ${name} here`))) as ApiClient['call'] };
  const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 1_000 }, { session: sessionStateWithToken('T') }, listenerSetups);
  store.dispatch(openIncidentsLoaded({ items: [incident('A', { lon: 120.1, lat: 30.3 }), incident('B', null)] as never, seq: 1 }));
  return store;
}

describe('the wall’s flight to a focused incident', () => {
  it('is set once per focus, where the incident is, and dropped when the focus moves on', async () => {
    const store = setup();
    store.dispatch(wallFocusChanged({ incidentId: 'A', seq: 2, at: null }));
    await Promise.resolve();
    const first = selectWallFlight(store.getState());
    expect(first).toEqual({ incidentId: 'A', lon: 120.1, lat: 30.3 });
    // The same focus again (a re-seed's answer): no second flight.
    store.dispatch(wallFocusChanged({ incidentId: 'A', seq: 3, at: null }));
    await Promise.resolve();
    expect(selectWallFlight(store.getState())).toBe(first);
    store.dispatch(wallFocusChanged({ incidentId: null, seq: 4, at: null }));
    expect(selectWallFlight(store.getState())).toBeNull();
    store.dispatch(wallFocusChanged({ incidentId: 'A', seq: 5, at: null }));
    await Promise.resolve();
    expect(selectWallFlight(store.getState())).not.toBe(first);
    expect(selectWallFlight(store.getState())).toEqual(first);
  });

  it('waits for a location it does not know yet, and goes nowhere without one', async () => {
    const store = setup();
    store.dispatch(wallFocusChanged({ incidentId: 'B', seq: 2, at: null }));
    await Promise.resolve();
    expect(selectWallFlight(store.getState())).toBeNull();
    // The incident is located later (its triage, a re-read): the flight follows.
    store.dispatch(openIncidentsLoaded({ items: [incident('B', { lon: 120.2, lat: 30.4 })] as never, seq: 3 }));
    await new Promise((r) => setTimeout(r, 0));
    expect(selectWallFlight(store.getState())).toEqual({ incidentId: 'B', lon: 120.2, lat: 30.4 });
  });
});
