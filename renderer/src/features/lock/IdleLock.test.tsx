// @vitest-environment jsdom
import { mount } from '../../app/mount.fixture';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiError, type ApiClient } from '../../app/api';
import { BootstrapProvider } from '../../app/BootstrapContext';
import { createAppStore } from '../../app/store';
import { dutyError } from '../../../../shared/errors';
import { loggedIn } from '../session/sessionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { IdleLockProvider } from './IdleLock';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const user = { id: 'u1', username: 'operator1', name: '王敏', role: 'operator' as const };

function render() {
  const calls: Array<{ name: string; options: unknown }> = [];
  const api: ApiClient = {
    call: (async (name: string, options?: { body?: { password?: string } }) => {
      calls.push({ name, options });
      if (name === 'login') {
        if (options?.body?.password !== 'right') throw new ApiError(dutyError('unauthenticated', 'wrong password'), 401);
        return { token: 'check-token', user };
      }
      return {};
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
  store.dispatch(loggedIn({ token: 'window-token', user }));
  const container = mount(
    <BootstrapProvider value={{ kind: 'seat', hubUrl: '' }}>
      <IdleLockProvider>
        <button type="button" data-testid="underneath">x</button>
      </IdleLockProvider>
    </BootstrapProvider>,
    store,
  );
  return { calls, store, container };
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
function typePassword(value: string) {
  const input = byTestId('unlock-password') as HTMLInputElement;
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('screen lock', () => {
  it('locks on Ctrl+L, refuses a wrong password, unlocks with the right one and keeps the session', async () => {
    const { calls, store } = render();
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', ctrlKey: true, bubbles: true, cancelable: true })));
    expect(byTestId('idle-lock')).not.toBeNull();
    expect(byTestId('underneath')!.closest('[inert]')).not.toBeNull();

    act(() => typePassword('wrong'));
    await act(async () => byTestId('unlock-submit')!.click());
    expect(byTestId('unlock-error')!.dataset.code).toBe('unauthenticated');
    expect(byTestId('idle-lock')).not.toBeNull();

    act(() => typePassword('right'));
    await act(async () => byTestId('unlock-submit')!.click());
    expect(byTestId('idle-lock')).toBeNull();
    const logins = calls.filter((c) => c.name === 'login').map((c) => (c.options as { body: unknown }).body);
    expect(logins).toEqual([
      { username: 'operator1', password: 'wrong' },
      { username: 'operator1', password: 'right' },
    ]);
    // The check's own session is closed; the window's stays.
    expect(calls.find((c) => c.name === 'logout')).toMatchObject({ options: { token: 'check-token' } });
    expect(store.getState().session.token).toBe('window-token');
  });

  it('switching user signs the window out', async () => {
    const { store } = render();
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l', ctrlKey: true, bubbles: true, cancelable: true })));
    await act(async () => byTestId('lock-switch-user')!.click());
    expect(store.getState().session.status).toBe('anonymous');
  });
});
