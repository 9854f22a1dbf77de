import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { ApiClient } from '../../app/api';
import { createAppStore } from '../../app/store';
import { incidentSelected } from '../selection/selectionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { detailEntriesReceived, issueDetailCommand, loadDetail, namesAny, REFRESH_DEBOUNCE_MS } from './detailThunks';

const minimal = (id: string, title: string) => ({ id, title, state: 'reported', priority: null, assignments: [], mergedFrom: ['child-1'], reports: [] });

function setup(answer: (name: string, options: { params?: { id: string }; body?: unknown }) => Promise<unknown>) {
  const calls: Array<{ name: string; params?: { id: string }; body?: unknown }> = [];
  const api = {
    call: (async (name: string, options: { params?: { id: string }; body?: unknown } = {}) => {
      calls.push({ name, ...options });
      return answer(name, options);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
  return { store, calls };
}

const entry = (payload: unknown) => ({ seq: 9, time: '', actor: 'u', role: 'operator', type: 'incident.triaged', payload, prevHash: '', hash: '' }) as JournalEntry;

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

  it('refetches once for a burst of entries about the incident or a report merged into it, and not for others', async () => {
    vi.useFakeTimers();
    const { store, calls } = setup(async (name, { params }) => (name === 'incident' ? minimal(params!.id, 't') : { entries: [], actors: {} }));
    store.dispatch(incidentSelected('I-1'));
    await store.dispatch(loadDetail('I-1'));
    calls.length = 0;
    store.dispatch(detailEntriesReceived([entry({ incidentId: 'other' })]));
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS * 2);
    expect(calls).toEqual([]);
    store.dispatch(detailEntriesReceived([entry({ incidentId: 'I-1' })]));
    store.dispatch(detailEntriesReceived([entry({ incidentId: 'child-1' }), entry({ incidentId: 'x', into: 'I-1' })]));
    vi.advanceTimersByTime(REFRESH_DEBOUNCE_MS * 2);
    expect(calls.filter((c) => c.name === 'incident')).toHaveLength(1);
  });

  it('knows which entries name an incident', () => {
    const ids = new Set(['I-1']);
    expect(namesAny(entry({ incident: { id: 'I-1' } }), ids)).toBe(true);
    expect(namesAny(entry({ incidentId: 'I-2', from: 'I-1' }), ids)).toBe(true);
    expect(namesAny(entry({ incidentId: 'I-2' }), ids)).toBe(false);
    expect(namesAny(entry(null), ids)).toBe(false);
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
