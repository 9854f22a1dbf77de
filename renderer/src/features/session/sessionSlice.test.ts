import { describe, expect, it } from 'vitest';
import { ApiError, type ApiClient } from '../../app/api';
import { createAppStore } from '../../app/store';
import { dutyError } from '../../../../shared/errors';
import { sessionStateWithToken } from './sessionSlice';
import { memorySessionStore } from './sessionStore';
import { logIn, logOut, restoreSession } from './sessionThunks';

const user = { id: 'u1', username: 'operator1', name: '王敏', role: 'operator' as const };

function setup(handler: (name: string, options: unknown) => unknown, token: string | null = null) {
  const calls: string[] = [];
  const api: ApiClient = {
    call: (async (name: string, options: unknown) => {
      calls.push(name);
      return handler(name, options);
    }) as ApiClient['call'],
  };
  const sessionStore = memorySessionStore(token);
  const store = createAppStore({ api, sessionStore, now: () => 0 }, { session: sessionStateWithToken(token) });
  return { store, sessionStore, calls };
}

describe('session', () => {
  it('logs in and keeps the token for a reload', async () => {
    const { store, sessionStore } = setup(() => ({ token: 'T1', user }));
    await store.dispatch(logIn('operator1', 'pw'));
    expect(store.getState().session).toMatchObject({ status: 'authenticated', token: 'T1', user });
    expect(sessionStore.token).toBe('T1');
  });

  it('keeps the reason a login failed', async () => {
    const { store, sessionStore } = setup(() => {
      throw new ApiError(dutyError('badCredentials', 'wrong username or password'), 401);
    });
    await store.dispatch(logIn('operator1', 'bad'));
    expect(store.getState().session.status).toBe('anonymous');
    expect(store.getState().session.error?.code).toBe('badCredentials');
    expect(sessionStore.token).toBeNull();
  });

  it('restores a kept token after a reload', async () => {
    const { store } = setup(() => ({ user }), 'T1');
    expect(store.getState().session.status).toBe('restoring');
    await store.dispatch(restoreSession());
    expect(store.getState().session).toMatchObject({ status: 'authenticated', token: 'T1', user });
  });

  it('asks for a password when the kept token has expired', async () => {
    const { store, sessionStore } = setup(() => {
      throw new ApiError(dutyError('unauthenticated', 'session expired'), 401);
    }, 'T1');
    await store.dispatch(restoreSession());
    expect(store.getState().session.status).toBe('anonymous');
    expect(sessionStore.token).toBeNull();
  });

  it('keeps the token and waits when the hub is not up yet', async () => {
    const { store } = setup(() => {
      throw new ApiError(dutyError('unavailable', 'down'), 0);
    }, 'T1');
    await store.dispatch(restoreSession());
    expect(store.getState().session).toMatchObject({ status: 'restoring', token: 'T1' });
  });

  it('logs out even when the hub cannot be told', async () => {
    const { store, sessionStore, calls } = setup((name) => {
      if (name === 'login') return { token: 'T1', user };
      throw new ApiError(dutyError('unavailable', 'down'), 0);
    });
    await store.dispatch(logIn('operator1', 'pw'));
    await store.dispatch(logOut());
    expect(calls).toEqual(['login', 'logout']);
    expect(store.getState().session.status).toBe('anonymous');
    expect(sessionStore.token).toBeNull();
  });
});
