import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryPayload, EntryType, JournalEntry } from '../../../../shared/journal/catalog';
import type { ApiClient } from '../../app/api';
import { journalEntriesApplied } from '../../app/journalActions';
import { listenerSetups } from '../../app/listenerSetups';
import { createAppStore } from '../../app/store';
import { incidentSelected } from '../selection/selectionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { namesAny } from './detailFold';
import { REFRESH_DEBOUNCE_MS } from './detailListeners';
import { issueDetailCommand, loadDetail } from './detailThunks';

const minimal = (id: string, title: string) => ({ id, title, state: 'reported', priority: null, assignments: [], mergedFrom: ['child-1'], reports: [] });

function setup(answer: (name: string, options: { params?: { id: string }; body?: unknown }) => Promise<unknown>) {
  const calls: Array<{ name: string; params?: { id: string }; body?: unknown }> = [];
  const api = {
    call: (async (name: string, options: { params?: { id: string }; body?: unknown } = {}) => {
      calls.push({ name, ...options });
      return answer(name, options);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 }, undefined, listenerSetups);
  return { store, calls };
}

const entry = <T extends EntryType>(type: T, payload: EntryPayload<T>) => ({ seq: 9, time: '', actor: 'u', role: 'operator', type, payload, prevHash: '', hash: '' }) as JournalEntry;
const triaged = (incidentId: string) => entry('incident.triaged', { incidentId, category: 'c', priority: 'P2', lead: 'cityManagement', coHandlers: [] });

afterEach(() => vi.useRealTimers());

describe('the detail keeps itself current', () => {
  it('drops an answer for an incident the operator has already left', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { store } = setup(async (name, { params }) => {
      if (params?.id === 'slow') await gate;
      return name === 'incident' ? minimal(params!.id, params!.id) : { entries: [], actors: {} };
    });
    store.dispatch(incidentSelected('slow'));
    const slow = store.dispatch(loadDetail('slow'));
    store.dispatch(incidentSelected('fast'));
    await store.dispatch(loadDetail('fast'));
    release();
    await slow;
    expect(store.getState().detail.incident?.title).toBe('fast');
  });

  it('refetches once for a burst of entries that change the incident or merge a report into it, and not for others', async () => {
    vi.useFakeTimers();
    const { store, calls } = setup(async (name, { params }) => (name === 'incident' ? minimal(params!.id, 't') : { entries: [], actors: {} }));
    store.dispatch(incidentSelected('I-1'));
    await store.dispatch(loadDetail('I-1'));
    // The queue fetches rows it does not hold as the entries come: only the detail reads the incident's journal.
    const reads = () => calls.filter((c) => c.name === 'incidentJournal').map((c) => c.params?.id);
    calls.length = 0;
    store.dispatch(journalEntriesApplied([triaged('other')], 0));
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 2);
    expect(reads()).toEqual([]);
    store.dispatch(journalEntriesApplied([triaged('I-1')], 0));
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS / 2);
    // A batch about nothing shown does not put the re-read off.
    store.dispatch(journalEntriesApplied([triaged('other')], 0));
    store.dispatch(journalEntriesApplied([triaged('child-1'), entry('incident.merged', { incidentId: 'x', into: 'I-1' })], 0));
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS - 1);
    expect(reads()).toEqual([]);
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS);
    expect(reads()).toEqual(['I-1']);
  });

  it('folds a feedback about the incident into the detail without a read', async () => {
    vi.useFakeTimers();
    const detail = { ...minimal('I-1', 't'), mergedFrom: [], lastSeq: 1, feedback: [], updatedAt: '', lastAction: 'incident.reported' };
    const { store, calls } = setup(async (name, { params }) => (name === 'incident' ? { ...detail, id: params!.id } : { entries: [], actors: { u: '张三' } }));
    store.dispatch(incidentSelected('I-1'));
    await store.dispatch(loadDetail('I-1'));
    calls.length = 0;
    store.dispatch(journalEntriesApplied([entry('incident.feedbackGiven', { incidentId: 'I-1', text: '已处理', photos: [], settledOnSpot: true })], 0));
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 2);
    // The queue fetches rows it does not hold: only the detail reads the incident's journal.
    expect(calls.filter((c) => c.name === 'incidentJournal')).toEqual([]);
    expect(store.getState().detail.incident?.feedback.map((f) => f.text)).toEqual(['已处理']);
    expect(store.getState().detail.journal?.entries.map((e) => e.type)).toEqual(['incident.feedbackGiven']);
  });

  it('does not re-read an incident the operator left before the wait was over', async () => {
    vi.useFakeTimers();
    const { store, calls } = setup(async (name, { params }) => (name === 'incident' ? minimal(params!.id, 't') : { entries: [], actors: {} }));
    store.dispatch(incidentSelected('I-1'));
    await store.dispatch(loadDetail('I-1'));
    calls.length = 0;
    store.dispatch(journalEntriesApplied([triaged('I-1')], 0));
    store.dispatch(incidentSelected('I-2'));
    await vi.advanceTimersByTimeAsync(REFRESH_DEBOUNCE_MS * 2);
    expect(calls.filter((c) => c.name === 'incidentJournal')).toEqual([]);
  });

  it('knows which entries name an incident', () => {
    const ids = new Set(['I-1']);
    const report = { id: 'R-1' } as EntryPayload<'incident.reported'>['report'];
    expect(namesAny(entry('incident.reported', { incident: { id: 'I-1' } as EntryPayload<'incident.reported'>['incident'], report }), ids)).toBe(true);
    expect(namesAny(entry('incident.unmerged', { incidentId: 'I-2', from: 'I-1' }), ids)).toBe(true);
    expect(namesAny(entry('incident.merged', { incidentId: 'I-1', into: 'I-3' }), ids)).toBe(true);
    expect(namesAny(entry('wall.focused', { incidentId: 'I-1' }), ids)).toBe(true);
    expect(namesAny(entry('wall.focused', { incidentId: null }), ids)).toBe(false);
    expect(namesAny(triaged('I-2'), ids)).toBe(false);
    expect(namesAny(entry('shift.started', { commanderId: 'I-1', handoverId: null }), ids)).toBe(false);
  });
});

describe('acting on the incident', () => {
  it('retries a command that got no answer with the same idempotency key, and a new command with a new one', async () => {
    let fail = true;
    const { store, calls } = setup(async (name) => {
      if (name === 'command') {
        if (fail) throw new TypeError('network down');
        return { ok: true, seq: 3 };
      }
      return name === 'incident' ? minimal('I-1', 't') : { entries: [], actors: {} };
    });
    store.dispatch(incidentSelected('I-1'));
    let n = 0;
    const key = () => `key-${++n}-abcdefgh`;
    expect(await store.dispatch(issueDetailCommand('incident.cancel', { incidentId: 'I-1', reason: '重复' }, key))).toBe(false);
    expect(store.getState().detail.action.error?.code).toBe('internal');
    fail = false;
    expect(await store.dispatch(issueDetailCommand('incident.cancel', { incidentId: 'I-1', reason: '重复' }, key))).toBe(true);
    await store.dispatch(issueDetailCommand('incident.reopen', { incidentId: 'I-1', reason: '再次' }, key));
    const keys = calls.filter((c) => c.name === 'command').map((c) => (c.body as { idempotencyKey: string }).idempotencyKey);
    expect(keys).toEqual(['key-1-abcdefgh', 'key-1-abcdefgh', 'key-2-abcdefgh']);
  });

  it('keeps a revealed number the hub returned, for that report only', async () => {
    const { store } = setup(async (name) => {
      if (name === 'command') return { ok: true, seq: 4, data: { reporter: { name: '王女士', phone: '13812345678' } } };
      return name === 'incident' ? minimal('I-1', 't') : { entries: [], actors: {} };
    });
    store.dispatch(incidentSelected('I-1'));
    await store.dispatch(issueDetailCommand('personalData.reveal', { incidentId: 'I-1', reportId: 'R1' }));
    expect(store.getState().detail.revealed).toEqual({ R1: { name: '王女士', phone: '13812345678' } });
  });
});
