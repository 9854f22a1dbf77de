// The window's cache follows the stream: an entry that says what changed patches the cached
// answer with no request; an entry that cannot say enough makes the read happen again.
import { describe, expect, it } from 'vitest';
import type { EntryPayload, JournalEntry } from '../../../shared/journal/catalog';
import { reduceIncidents } from '../../../shared/incident/reduce';
import type { User } from '../../../shared/domain';
import { dutyError } from '../../../shared/errors';
import { loggedIn, loggedOut } from '../features/session/sessionSlice';
import { memorySessionStore } from '../features/session/sessionStore';
import { ApiError, type ApiClient } from './api';
import { hubApi } from './hubApi';
import { hubCacheListeners, readsChangedBy, readsStaleAfterReseed, riskScoresHeard } from './hubCache';
import { journalEntriesApplied } from './journalActions';
import { createAppStore } from './store';

const at = '2025-03-01T08:00:00.000Z';
let seq = 100;
const entry = (type: string, payload: unknown) => ({ seq: ++seq, time: at, actor: 'u-op', role: 'operator', type, payload, prevHash: '', hash: '' }) as JournalEntry;
const reasons: EntryPayload<'risk.changed'>['reasons'] = {
  places: 3,
  placesByCode: { green: 0, blue: 0, yellow: 1, orange: 1, red: 1 },
  redEquivalents: 2,
  incidents30d: 9,
  townMean30d: 2,
  densityRatio: 4.5,
  openOverdue: 1,
  sitesPart: 40,
  densityPart: 40,
  overduePart: 10,
};
const grid = (gridId: string, colour: 'green' | 'red', score: number) => ({ gridId, name: gridId, colour, scoreColour: colour, score, since: null, reasons });

function reportedEntry(id: string): JournalEntry {
  return entry('incident.reported', {
    incident: { id, state: 'reported', title: id, category: 'noise', priority: null, location: null, address: null, channels: ['hotline12345'], reportCount: 1, createdAt: at, updatedAt: at, lastSeq: seq + 1, lastAction: 'incident.reported' },
    report: { id: `R${id}`, incidentId: id, channel: 'hotline12345', receivedAt: at, title: id, description: '', category: 'noise', location: null, address: null, reporter: null, takenBy: 'u-op' },
  });
}

function setup() {
  const calls: string[] = [];
  const record = reduceIncidents(reportedEntry('I-1'), () => null)[0]!;
  const answers: Record<string, unknown> = {
    risk: { items: [grid('G1', 'green', 10), grid('G2', 'green', 20)] },
    incident: { ...record, reports: [] },
    townRegions: { items: [] },
  };
  const api: ApiClient = {
    call: (async (name: string) => {
      calls.push(name);
      if (!(name in answers)) throw new Error(`no ${name} here`);
      return structuredClone(answers[name]);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 }, undefined, [hubCacheListeners]);
  return { store, calls, answers };
}

const settle = () => new Promise((done) => setTimeout(done, 0));

describe('the cache follows the stream', () => {
  it('patches the risk map with a risk.changed entry, asking nothing', async () => {
    const { store, calls } = setup();
    await store.dispatch(hubApi.endpoints.risk.initiate());
    calls.length = 0;
    store.dispatch(journalEntriesApplied([entry('risk.changed', { gridId: 'G2', from: 'green', to: 'red', score: 91, reasons })], 0));
    await settle();
    const items = hubApi.endpoints.risk.select()(store.getState()).data!.items;
    expect(items.find((g) => g.gridId === 'G2')).toMatchObject({ colour: 'red', score: 91, since: at });
    expect(items.find((g) => g.gridId === 'G1')).toMatchObject({ colour: 'green', score: 10 });
    expect(calls).toEqual([]);
  });

  it('takes the live scores the stream sends each minute into the risk map, keeping the journaled colours', async () => {
    const { store, calls } = setup();
    await store.dispatch(hubApi.endpoints.risk.initiate());
    calls.length = 0;
    store.dispatch(riskScoresHeard({ items: [{ gridId: 'G1', score: 55, scoreColour: 'red', reasons: { ...reasons, incidents30d: 30 } }] }));
    await settle();
    const g1 = hubApi.endpoints.risk.select()(store.getState()).data!.items.find((g) => g.gridId === 'G1');
    expect(g1).toMatchObject({ colour: 'green', scoreColour: 'red', score: 55, reasons: { incidents30d: 30 } });
    expect(calls).toEqual([]);
  });

  it('reads the risk map again for a grid it does not hold (a town imported since)', async () => {
    const { store, calls } = setup();
    await store.dispatch(hubApi.endpoints.risk.initiate());
    calls.length = 0;
    store.dispatch(journalEntriesApplied([entry('risk.changed', { gridId: 'G9', from: null, to: 'red', score: 91, reasons })], 0));
    await settle();
    expect(calls).toEqual(['risk']);
  });

  it('folds entries about a cached incident into its record, asking nothing', async () => {
    const { store, calls } = setup();
    await store.dispatch(hubApi.endpoints.incident.initiate({ params: { id: 'I-1' } }));
    calls.length = 0;
    store.dispatch(journalEntriesApplied([entry('incident.triaged', { incidentId: 'I-1', category: 'fire', priority: 'P1', lead: 'police', coHandlers: [] })], 0));
    await settle();
    expect(hubApi.endpoints.incident.select({ params: { id: 'I-1' } })(store.getState()).data).toMatchObject({ state: 'triaged', priority: 'P1', lastSeq: seq });
    expect(calls).toEqual([]);
  });

  it('reads a shown incident again when a report is merged into it, and drops one nobody shows', async () => {
    const { store, calls } = setup();
    const shown = store.dispatch(hubApi.endpoints.incident.initiate({ params: { id: 'I-1' } }));
    await shown;
    calls.length = 0;
    store.dispatch(journalEntriesApplied([entry('incident.merged', { incidentId: 'I-2', into: 'I-1' })], 0));
    await settle();
    expect(calls).toEqual(['incident']);
    shown.unsubscribe();
    calls.length = 0;
    store.dispatch(journalEntriesApplied([entry('incident.merged', { incidentId: 'I-3', into: 'I-1' })], 0));
    await settle();
    expect(calls).toEqual([]);
    expect(hubApi.endpoints.incident.select({ params: { id: 'I-1' } })(store.getState()).data).toBeUndefined();
  });

  it('reads the regions again after a town import, and not for other entries', async () => {
    const { store, calls } = setup();
    const subscription = store.dispatch(hubApi.endpoints.townRegions.initiate());
    await subscription;
    calls.length = 0;
    store.dispatch(journalEntriesApplied([entry('incident.feedbackGiven', { incidentId: 'I-9', text: '', photos: [], settledOnSpot: false })], 0));
    await settle();
    expect(calls).toEqual([]);
    store.dispatch(journalEntriesApplied([entry('town.imported', { source: 'town', datum: 'wgs84', contentHash: 'h', counts: {} })], 0));
    await settle();
    expect(calls).toEqual(['townRegions']);
    subscription.unsubscribe();
  });

  it('forgets every answer when the person signs out', async () => {
    const { store } = setup();
    await store.dispatch(hubApi.endpoints.incident.initiate({ params: { id: 'I-1' } }));
    store.dispatch(loggedOut());
    await settle();
    expect(hubApi.endpoints.incident.select({ params: { id: 'I-1' } })(store.getState()).data).toBeUndefined();
  });

  it('ends the session that a read is refused for, and not one signed in since', async () => {
    const sessionStore = memorySessionStore('tok-1');
    let gate: Promise<void> = Promise.resolve();
    const asked: Array<string | null | undefined> = [];
    const api: ApiClient = {
      call: (async (_name: string, options: { token?: string | null }) => {
        asked.push(options.token);
        await gate;
        throw new ApiError(dutyError('unauthenticated', 'session expired'), 401);
      }) as ApiClient['call'],
    };
    const user: User = { id: 'u-op', username: 'operator1', name: '王敏', role: 'operator' };
    const store = createAppStore({ api, sessionStore, now: () => 0 }, undefined, [hubCacheListeners]);
    store.dispatch(loggedIn({ token: 'tok-1', user }));
    await store.dispatch(hubApi.endpoints.risk.initiate());
    await settle();
    expect(store.getState().session.status).toBe('anonymous');
    expect(store.getState().session.error?.code).toBe('unauthenticated');
    expect(sessionStore.token).toBeNull();

    // A read asked by one session and refused after the next one signed in leaves the new one alone.
    let open = () => {};
    gate = new Promise((resolve) => (open = resolve));
    store.dispatch(loggedIn({ token: 'tok-2', user }));
    const pending = store.dispatch(hubApi.endpoints.risk.initiate(undefined, { forceRefetch: true }));
    await settle();
    expect(asked.at(-1)).toBe('tok-2');
    store.dispatch(loggedIn({ token: 'tok-3', user }));
    open();
    await pending;
    await settle();
    expect(store.getState().session).toMatchObject({ status: 'authenticated', token: 'tok-3' });

    // Refused for lack of a role is not the end of a session.
    const forbidding: ApiClient = { call: (async () => Promise.reject(new ApiError(dutyError('forbidden', 'no'), 403))) as ApiClient['call'] };
    const other = createAppStore({ api: forbidding, sessionStore: memorySessionStore('tok-4'), now: () => 0 }, undefined, [hubCacheListeners]);
    other.dispatch(loggedIn({ token: 'tok-4', user }));
    await other.dispatch(hubApi.endpoints.risk.initiate());
    await settle();
    expect(other.getState().session.status).toBe('authenticated');
  });

  it('reads again after a re-seed what it folded, and the town only from a hub that went backwards', () => {
    expect(readsStaleAfterReseed(null, 40)).toEqual([]);
    const gap = readsStaleAfterReseed(10, 5_000);
    expect(gap).toEqual(expect.arrayContaining(['risk', 'heat', 'incident', 'incidentJournal', 'shift', 'roster']));
    expect(gap).not.toContain('townRegions');
    expect(readsStaleAfterReseed(10, 4)).toContain('townRegions');
  });

  it('knows what each entry makes stale', () => {
    expect(readsChangedBy(entry('town.imported', {}))).toContain('townRegions');
    expect(readsChangedBy(entry('config.updated', {}))).toEqual(['config', 'risk']);
    expect(readsChangedBy(entry('incident.triaged', {}))).toEqual([]);
  });
});
