import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../app/api';
import { createAppStore } from '../../app/store';
import { sessionStateWithToken } from '../session/sessionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { watchOutbox } from './outboxThunks';

function storeFor(mode: 'primary' | 'replica') {
  const calls: string[] = [];
  const api: ApiClient = {
    call: (async (name: string) => {
      calls.push(name);
      if (name === 'health') return { ok: true, mode, journalSeq: 1, pending: 0, conflicts: 0 };
      if (name === 'outbox') return { items: [] };
      throw new Error(name);
    }) as ApiClient['call'],
  };
  return { store: createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 1 }, { session: sessionStateWithToken('T') }), calls };
}

const wait = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe('watching the outbox', () => {
  it('asks a primary once and then stops: a primary has no outbox', async () => {
    const { store, calls } = storeFor('primary');
    const stop = watchOutbox(store, 5);
    await wait(60);
    stop();
    expect(calls).toEqual(['health']);
  });

  it('keeps asking a replica, whose outbox changes when its primary answers', async () => {
    const { store, calls } = storeFor('replica');
    const stop = watchOutbox(store, 5);
    await wait(60);
    stop();
    expect(calls.filter((c) => c === 'health').length).toBeGreaterThan(2);
    expect(calls).toContain('outbox');
  });
});
