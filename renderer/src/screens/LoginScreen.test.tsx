// @vitest-environment jsdom
// Signing in as a person at the window sees it: the code field once the hub asks for one, a
// lockout that says until when, the second factor's enrolment with its QR code and the recovery
// codes shown once, and a session that ended taking the window back to sign-in with the reason.
import { act, type ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { dutyError, type DutyError } from '../../../shared/errors';
import { App } from '../App';
import { ApiError, type ApiClient } from '../app/api';
import { BootstrapProvider } from '../app/BootstrapContext';
import { mount } from '../app/mount.fixture';
import { createAppStore, type AppStore } from '../app/store';
import { enrolmentStarted, sessionStateWithToken } from '../features/session/sessionSlice';
import { memorySessionStore } from '../features/session/sessionStore';
import { EnrolmentScreen } from './EnrolmentScreen';
import { LoginScreen } from './LoginScreen';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const commander = { id: 'u-cmd', username: 'commander1', name: '李强', role: 'commander' as const };

type Call = { name: string; options?: { token?: string | null; body?: Record<string, unknown> } };

/** A hub that answers each call with the next answer given for it (a value, or a refusal). */
function fakeHub(answers: Record<string, Array<unknown>>) {
  const calls: Call[] = [];
  const api: ApiClient = {
    call: (async (name: string, options?: Call['options']) => {
      calls.push({ name, ...(options ? { options } : {}) });
      const next = answers[name]?.shift();
      if (next === undefined) throw new Error(`the test hub has no answer for ${name}`);
      if (next instanceof ApiError) throw next;
      return next;
    }) as ApiClient['call'],
  };
  return { api, calls };
}

const refusal = (error: DutyError, status: number) => new ApiError(error, status);

function render(ui: ReactNode, answers: Record<string, Array<unknown>>, options: { token?: string; before?: (store: AppStore) => void } = {}) {
  const hub = fakeHub(answers);
  const sessionStore = memorySessionStore(options.token ?? null);
  const store = createAppStore({ api: hub.api, sessionStore, now: () => 0 }, options.token ? { session: sessionStateWithToken(options.token) } : undefined);
  options.before?.(store);
  const container = mount(<BootstrapProvider value={{ kind: 'command', hubUrl: '' }}>{ui}</BootstrapProvider>, store);
  return { ...hub, store, sessionStore, container };
}

const byTestId = (id: string) => document.querySelector<HTMLElement>(`[data-testid="${id}"]`);

function type(id: string, value: string) {
  const input = byTestId(id) as HTMLInputElement;
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

async function submit(id: string) {
  await act(async () => {
    (byTestId(id) as HTMLButtonElement).click();
    await Promise.resolve();
  });
}

/** Lets the thunks' promises settle and React render what they dispatched. */
const settle = () => act(async () => new Promise((done) => setTimeout(done, 0)));

describe('the sign-in screen', () => {
  it('shows the code field once the hub asks for a code, and sends the code with the password', async () => {
    const { calls, store } = render(<LoginScreen />, {
      login: [
        refusal(dutyError('secondFactorRequired', 'This account signs in with a second factor', 'code'), 401),
        refusal(dutyError('badCredentials', 'Wrong code', 'code'), 401),
        { token: 'full-token', user: commander },
      ],
    });
    expect(byTestId('login-code')).toBeNull();
    act(() => type('login-username', 'commander1'));
    act(() => type('login-password', 'dutydeck-demo'));
    await submit('login-submit');
    await settle();

    expect(byTestId('login-code')).not.toBeNull();
    expect(byTestId('login-code')!.getAttribute('autocomplete')).toBe('one-time-code');
    expect(document.querySelector(`label[for="${byTestId('login-code')!.id}"]`)!.textContent).toBe('验证码');
    // The next step, not a failure.
    expect(byTestId('login-error')!.textContent).toBe('请输入身份验证器上的 6 位验证码（或一个恢复码）');
    expect(byTestId('login-error')!.getAttribute('role')).toBe('status');
    expect(calls[0]!.options!.body).toEqual({ username: 'commander1', password: 'dutydeck-demo' });

    // A wrong code keeps the field (the hub answers badCredentials now, not secondFactorRequired).
    act(() => type('login-code', '000000'));
    await submit('login-submit');
    await settle();
    expect(byTestId('login-code')).not.toBeNull();
    expect(byTestId('login-error')!.dataset.code).toBe('badCredentials');
    expect(byTestId('login-error')!.textContent).toBe('验证码不正确：请输入身份验证器当前显示的 6 位数字，或一个未用过的恢复码');
    expect(byTestId('login-error')!.getAttribute('role')).toBe('alert');
    expect(calls[1]!.options!.body).toEqual({ username: 'commander1', password: 'dutydeck-demo', code: '000000' });

    act(() => type('login-code', ' 123456 '));
    await submit('login-submit');
    await settle();
    expect(calls[2]!.options!.body).toEqual({ username: 'commander1', password: 'dutydeck-demo', code: '123456' });
    expect(store.getState().session).toMatchObject({ status: 'authenticated', token: 'full-token' });
  });

  it('says until when a locked account stays locked, in the town\u2019s time', async () => {
    const until = new Date('2026-03-01T09:47:00+08:00');
    render(<LoginScreen />, { login: [refusal(dutyError('lockedOut', `Too many wrong sign-ins: this account is locked until ${until.toISOString()}. Try again then, or ask an admin.`), 423)] });
    act(() => type('login-username', 'operator1'));
    act(() => type('login-password', 'wrong'));
    await submit('login-submit');
    await settle();
    const message = byTestId('login-error')!;
    expect(message.dataset.code).toBe('lockedOut');
    expect(message.getAttribute('role')).toBe('alert');
    expect(message.textContent).toBe('连续输错次数过多，账号已锁定至 09:47，请届时再试或联系管理员');
  });

  it('tells a seat whose primary is away to sign in once while the primary is up', async () => {
    render(<LoginScreen />, { login: [refusal(dutyError('signInAtPrimaryFirst', 'The primary hub cannot be reached and this seat has no copy of your second factor'), 503)] });
    act(() => type('login-username', 'commander2'));
    act(() => type('login-password', 'dutydeck-demo'));
    await submit('login-submit');
    await settle();
    expect(byTestId('login-error')!.textContent).toContain('请在主站在线时');
  });
});

describe('enrolling the second factor', () => {
  const qrSvg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 29 29"><path d="M2 2h7v7H2z"/></svg>';
  const recoveryCodes = Array.from({ length: 10 }, (_, i) => `abcd${i + 2}-efgh${i + 2}`);

  it('shows the QR image to scan, then the ten recovery codes, kept only on that screen', async () => {
    const { calls, store, sessionStore } = render(<EnrolmentScreen />, {
      secondFactorBegin: [{ otpauthUri: 'otpauth://totp/DutyDeck:commander1?secret=JBSWY3DPEHPK3PXP&issuer=DutyDeck', secret: 'JBSWY3DPEHPK3PXP', qrSvg }],
      secondFactorConfirm: [refusal(dutyError('badCredentials', 'That code does not match', 'code'), 401), { recoveryCodes, token: 'full-token', user: commander }],
    }, { before: (s) => void s.dispatch(enrolmentStarted({ token: 'enrol-token', user: commander })) });
    await settle();
    expect(calls[0]).toEqual({ name: 'secondFactorBegin', options: { token: 'enrol-token' } });

    const qr = byTestId('enrol-qr') as HTMLImageElement;
    expect(qr.src).toBe(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(qrSvg)}`);
    expect(byTestId('enrol-secret')!.textContent).toBe('JBSWY3DPEHPK3PXP');
    expect(document.querySelector('h1')!.textContent).toBe('绑定双因素认证');
    expect(byTestId('recovery-codes')).toBeNull();

    act(() => type('enrol-code', '000000'));
    await submit('enrol-submit');
    await settle();
    expect(byTestId('enrol-error')!.dataset.code).toBe('badCredentials');
    expect(byTestId('recovery-codes')).toBeNull();

    act(() => type('enrol-code', '123456'));
    await submit('enrol-submit');
    await settle();
    expect(calls.filter((c) => c.name === 'secondFactorConfirm').map((c) => c.options)).toEqual([
      { token: 'enrol-token', body: { code: '000000' } },
      { token: 'enrol-token', body: { code: '123456' } },
    ]);
    expect(byTestId('enrol-qr')).toBeNull();
    const shown = [...byTestId('recovery-codes')!.querySelectorAll('li')].map((li) => li.textContent);
    expect(shown).toEqual(recoveryCodes);
    expect(document.querySelector('h1')!.textContent).toBe('恢复码');
    // Neither the secret nor the codes reach the Redux store or the session storage.
    expect(JSON.stringify(store.getState())).not.toMatch(/JBSWY3DPEHPK3PXP|abcd2-efgh2/);

    await submit('enrol-done');
    expect(store.getState().session).toMatchObject({ status: 'authenticated', token: 'full-token', user: commander });
    expect(sessionStore.token).toBe('full-token');
    expect(JSON.stringify(store.getState())).not.toContain('abcd2-efgh2');
  });
});

describe('a session that ended', () => {
  it('takes the window back to sign-in, saying why', async () => {
    const { sessionStore } = render(<App />, {
      currentSession: [refusal(dutyError('sessionExpired', 'Signed out after 30 minutes without use; sign in again.'), 401)],
    }, { token: 'stale-token' });
    await settle();
    expect(byTestId('login-username')).not.toBeNull();
    expect(byTestId('login-error')!.dataset.code).toBe('sessionExpired');
    expect(byTestId('login-error')!.textContent).toBe('会话已过期（长时间未操作、超过班次时长或被管理员注销），请重新登录');
    expect(sessionStore.token).toBeNull();
  });
});
