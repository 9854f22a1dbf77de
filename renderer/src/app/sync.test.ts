import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/domain';
import { sessionStateWithToken } from '../features/session/sessionSlice';
import { memorySessionStore } from '../features/session/sessionStore';
import type { ApiClient } from './api';
import { createAppStore } from './store';
import { decideResume, prepareStream, RESEED_GAP } from './sync';

const incident = (id: string, lastSeq: number): Incident => ({
  id,
  state: 'reported',
  title: id,
  category: 'noise',
  priority: null,
  location: null,
  address: '三墩',
  channels: ['phone'],
  reportCount: 1,
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
  lastSeq,
  lastAction: 'incident.reported',
});

function setup(hubSeq: number, items: Incident[]) {
  const calls: string[] = [];
  const api: ApiClient = {
    call: (async (name: string) => {
      calls.push(name);
      if (name === 'health') return { ok: true, mode: 'primary', journalSeq: hubSeq };
      if (name === 'incidents') return { items };
      throw new Error(name);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 99 }, { session: sessionStateWithToken('T') });
  return { store, calls };
}

describe('syncing with the hub', () => {
  it('seeds the queue on the first connection and continues after the hub seq', async () => {
    const { store, calls } = setup(40, [incident('A', 12)]);
    const after = await store.dispatch(prepareStream({ lastSeq: null, reseed: false }));
    expect(after).toBe(40);
    expect(calls).toEqual(['health', 'incidents']);
    expect(store.getState().queue.ids).toEqual(['A']);
    expect(store.getState().link.lastContactAt).toBe(99);
  });

  it('resumes after a short absence without fetching the list again', async () => {
    const { store, calls } = setup(45, []);
    const after = await store.dispatch(prepareStream({ lastSeq: 40, reseed: false }));
    expect(after).toBe(40);
    expect(calls).toEqual(['health']);
  });

  it('re-seeds after a long absence, a reset hub, or a hole in the stream', () => {
    expect(decideResume({ lastSeq: 10, reseed: false }, 10 + RESEED_GAP + 1)).toBe('reseed');
    expect(decideResume({ lastSeq: 10, reseed: false }, 4)).toBe('reseed');
    expect(decideResume({ lastSeq: 10, reseed: true }, 12)).toBe('reseed');
    expect(decideResume({ lastSeq: 10, reseed: false }, 12)).toBe('resume');
  });
});
