// Signing in as the room relies on it: a guessed password locks the account, an unknown name
// costs what a known one costs, every sign-in and failure is on record without the password,
// sessions end when idle or at the end of a shift, and a second factor is asked for.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { generateSync } from 'otplib';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure } from '../../../shared/errors';
import { demoCode, demoSecret } from '../../../e2e/support/second-factor';
import { startHub, type RunningHub } from '../hub';
import { openStoreClient, type StoreClient } from '../store/thread/client';
import { hashPassword } from './auth';
import { Sessions, SIGN_IN_POLICY } from './sessions';

const MINUTE = 60_000;
const PASSWORD = 'correct-horse-battery';
const SYSTEM = { userId: 'system', role: 'system' } as const;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; path?: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DutyFailure) return error.error;
    throw error;
  }
  throw new Error('expected a refusal');
}

const entries = async (store: StoreClient, type?: string): Promise<JournalEntry[]> => (await store.journal.page(0, 5_000)).entries.filter((e) => !type || e.type === type);

describe('Sessions against a real store', () => {
  let file: string;
  let cmdSecret = '';
  let cmdRecovery = '';
  let store: StoreClient;
  let clock = Date.parse('2026-03-01T08:00:00.000Z');
  const now = () => clock;

  beforeAll(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'dutydeck-signin-')), 'dutydeck.sqlite');
    store = await openStoreClient(file);
    const hash = await hashPassword(PASSWORD);
    for (const [id, username, role] of [
      ['u-op', 'op', 'operator'],
      ['u-op2', 'op2', 'operator'],
      ['u-wall', 'wall', 'wall'],
      ['u-cmd', 'cmd', 'commander'],
    ] as const) {
      await store.write.createUser({ id, username, name: username, role, passwordHash: hash }, SYSTEM);
    }
  });

  afterAll(async () => {
    await store?.close();
  });

  it('locks an account after 5 wrong passwords in a row, for 15 minutes, across a restart', async () => {
    const sessions = new Sessions(store, { now });
    for (let i = 1; i <= 4; i++) expect((await refusal(sessions.login('op', 'wrong', { address: '10.0.0.9' }))).code).toBe('badCredentials');
    const locking = await refusal(sessions.login('op', 'wrong', { address: '10.0.0.9' }));
    expect(locking.code).toBe('lockedOut');
    const until = new Date(clock + 15 * MINUTE).toISOString();
    expect(locking.message).toContain(until);
    // The right password does not open a locked account…
    expect((await refusal(sessions.login('op', PASSWORD))).code).toBe('lockedOut');
    // …nor after the hub restarts: the lock is in the store.
    await store.close();
    store = await openStoreClient(file);
    const restarted = new Sessions(store, { now });
    expect((await refusal(restarted.login('op', PASSWORD))).code).toBe('lockedOut');
    const locked = await entries(store, 'account.lockedOut');
    expect(locked.map((e) => e.payload)).toEqual([{ userId: 'u-op', username: 'op', failures: 5, until, address: '10.0.0.9' }]);
    clock += 15 * MINUTE;
    await expect(restarted.login('op', PASSWORD)).resolves.toMatchObject({ user: { id: 'u-op' } });
  });

  it('counts only wrong sign-ins in a row: a right one starts the count again', async () => {
    const sessions = new Sessions(store, { now });
    for (let i = 0; i < 4; i++) await refusal(sessions.login('op2', 'wrong'));
    await sessions.login('op2', PASSWORD);
    for (let i = 0; i < 4; i++) expect((await refusal(sessions.login('op2', 'wrong'))).code).toBe('badCredentials');
    await expect(sessions.login('op2', PASSWORD)).resolves.toMatchObject({ user: { id: 'u-op2' } });
  });

  it('spends the same scrypt work on an unknown name as on a known one', async () => {
    const sessions = new Sessions(store, { now });
    await refusal(sessions.login('nobody', 'x')); // the dummy hash is made by now
    const median = async (username: string) => {
      const times: number[] = [];
      for (let i = 0; i < 7; i++) {
        const started = performance.now();
        await refusal(sessions.login(username, 'not-the-password'));
        times.push(performance.now() - started);
      }
      return times.sort((a, b) => a - b)[3]!;
    };
    // op3 does not exist either: compare an unknown name with a known account's wrong password.
    await store.write.createUser({ id: 'u-timing', username: 'timing', name: 'timing', role: 'operator', passwordHash: await hashPassword(PASSWORD) }, SYSTEM);
    const unknown = await median('no-such-user');
    const known = await median('timing');
    // Without the dummy hash an unknown name answers in well under a millisecond of scrypt's ~50.
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
    // The same refusal either way.
    expect(await refusal(sessions.login('no-such-user', 'x'))).toEqual({ code: 'badCredentials', message: 'Wrong username or password.' });
  });

  it('journals sign-in, failure and sign-out, with the name tried and the address, never the password', async () => {
    const sessions = new Sessions(store, { now });
    const before = (await entries(store)).length;
    await refusal(sessions.login('op2', 'hunter2-typed-wrong', { address: '10.0.0.7' }));
    await refusal(sessions.login('ghost', 'hunter2-typed-wrong', { address: '10.0.0.8' }));
    const { token } = await sessions.login('op2', PASSWORD, { address: '10.0.0.7' });
    await sessions.close(token);
    const fresh = (await entries(store)).slice(before);
    expect(fresh.map((e) => e.type)).toEqual(['session.signInFailed', 'session.signInFailed', 'session.signedIn', 'session.signedOut']);
    expect(fresh[0]!.payload).toEqual({ username: 'op2', address: '10.0.0.7', reason: 'wrongPassword' });
    expect(fresh[1]!.payload).toEqual({ username: 'ghost', address: '10.0.0.8', reason: 'unknownUser' });
    expect(fresh[2]).toMatchObject({ actor: 'u-op2', payload: { userId: 'u-op2', kind: 'seat', address: '10.0.0.7', method: 'password', secondFactor: 'none' } });
    expect(fresh[3]!.payload).toEqual({ sessionId: (fresh[2]!.payload as { sessionId: string }).sessionId, userId: 'u-op2' });
    const text = JSON.stringify(fresh);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain(token);
  });

  it('ends a seat session idle past the room\u2019s limit, even one held in memory, and every session after 12 h', async () => {
    let idleMinutes = 30;
    const sessions = new Sessions(store, { now, seatIdleMinutes: () => idleMinutes });
    const { token } = await sessions.login('op2', PASSWORD);
    clock += 29 * MINUTE;
    await expect(sessions.userOf(token)).resolves.toMatchObject({ id: 'u-op2' });
    clock += 29 * MINUTE;
    await expect(sessions.userOf(token)).resolves.toMatchObject({ id: 'u-op2' });
    clock += 30 * MINUTE;
    expect((await refusal(sessions.userOf(token))).code).toBe('sessionExpired');
    // Gone from the store too: a restarted hub does not bring it back.
    expect((await refusal(new Sessions(store, { now }).userOf(token))).code).toBe('unauthenticated');

    // The admin's setting: 10 minutes.
    const short = await sessions.login('op2', PASSWORD);
    idleMinutes = 10;
    clock += 11 * MINUTE;
    expect((await refusal(sessions.userOf(short.token))).code).toBe('sessionExpired');

    // Busy all shift long: still over at 12 h.
    idleMinutes = 30;
    const busy = await sessions.login('op2', PASSWORD);
    for (let t = 0; t < 12 * 60 - 20; t += 20) {
      clock += 20 * MINUTE;
      await sessions.userOf(busy.token);
    }
    clock += 20 * MINUTE;
    expect((await refusal(sessions.userOf(busy.token))).code).toBe('sessionExpired');
  });

  it('keeps the wall signed in without an idle limit, for 30 days, until an admin revokes it', async () => {
    const sessions = new Sessions(store, { now });
    const { token } = await sessions.login('wall', PASSWORD);
    clock += 5 * 24 * 60 * MINUTE;
    await expect(sessions.userOf(token)).resolves.toMatchObject({ role: 'wall' });
    const listed = (await sessions.list()).find((s) => s.userId === 'u-wall')!;
    expect(listed).toMatchObject({ username: 'wall', role: 'wall', kind: 'wall', address: null });
    expect(listed.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(Object.keys(listed).sort()).toEqual(['address', 'expiresAt', 'id', 'kind', 'lastSeenAt', 'name', 'openedAt', 'role', 'userId', 'username']);
    const admin = { id: 'u-admin', username: 'admin', name: 'admin', role: 'admin' as const };
    await sessions.revoke(listed.id, admin);
    expect((await refusal(sessions.userOf(token))).code).toBe('unauthenticated');
    expect((await entries(store, 'session.revoked')).at(-1)!.payload).toEqual({ sessionId: listed.id, userId: 'u-wall', by: 'u-admin' });
    const later = await sessions.login('wall', PASSWORD);
    clock += SIGN_IN_POLICY.wallLifetimeMs;
    expect((await refusal(sessions.userOf(later.token))).code).toBe('sessionExpired');
  });

  it('hands a window a pairing code that works once, within a minute', async () => {
    const sessions = new Sessions(store, { now });
    const wall = (await store.access.user('u-wall'))!;
    const code = sessions.pairingCode(wall);
    const { token } = await sessions.pair(code, null);
    await expect(sessions.userOf(token)).resolves.toMatchObject({ id: 'u-wall' });
    expect((await refusal(sessions.pair(code, null))).code).toBe('badCredentials');
    const late = sessions.pairingCode(wall);
    clock += 61_000;
    expect((await refusal(sessions.pair(late, null))).code).toBe('badCredentials');
  });

  it('gives a commander without a second factor a session that may only enrol one', async () => {
    const sessions = new Sessions(store, { now });
    const signIn = await sessions.login('cmd', PASSWORD);
    expect(signIn.enrolment).toBe(true);
    expect((await refusal(sessions.userOf(signIn.token))).code).toBe('enrolmentRequired');
    const { secret, otpauthUri, qrSvg } = await sessions.beginEnrolment(signIn.user);
    expect(otpauthUri).toBe(`otpauth://totp/DutyDeck:cmd?secret=${secret}&issuer=DutyDeck`);
    expect(qrSvg).toMatch(/^<svg/);
    expect((await refusal(sessions.confirmEnrolment(signIn.token, '000000', null))).code).toBe('badCredentials');
    const step = (ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000) });
    const done = await sessions.confirmEnrolment(signIn.token, step(clock), '10.0.0.5');
    expect(done.recoveryCodes).toHaveLength(10);
    await expect(sessions.userOf(done.token!)).resolves.toMatchObject({ role: 'commander' });
    expect((await refusal(sessions.userOf(signIn.token))).code).toBe('unauthenticated');

    // From now on the code is asked for; the code enrolment used is not taken again.
    expect((await refusal(sessions.login('cmd', PASSWORD))).code).toBe('secondFactorRequired');
    expect((await refusal(sessions.login('cmd', PASSWORD, { code: step(clock) }))).path).toBe('code');
    clock += 30_000;
    const code = step(clock);
    await expect(sessions.login('cmd', PASSWORD, { code })).resolves.toMatchObject({ user: { id: 'u-cmd' } });
    expect((await refusal(sessions.login('cmd', PASSWORD, { code }))).code).toBe('badCredentials');
    // A recovery code works once.
    const recovery = done.recoveryCodes[0]!;
    await expect(sessions.login('cmd', PASSWORD, { code: recovery.toUpperCase() })).resolves.toMatchObject({ user: { id: 'u-cmd' } });
    expect((await refusal(sessions.login('cmd', PASSWORD, { code: recovery }))).code).toBe('badCredentials');
    expect((await entries(store, 'recoveryCode.used')).at(-1)!.payload).toEqual({ userId: 'u-cmd', left: 9 });
    const journal = JSON.stringify(await entries(store));
    expect(journal).not.toContain(secret);
    expect(journal).not.toContain(recovery);
    expect((await entries(store, 'secondFactor.enrolled')).map((e) => e.payload)).toEqual([{ userId: 'u-cmd' }]);
    clock += 60_000;
    cmdSecret = secret;
    cmdRecovery = done.recoveryCodes[1]!;
  });

  it('hands a seat\u2019s replica the secret once, within 2 minutes of a sign-in with an authenticator code, journaled without it', async () => {
    const sessions = new Sessions(store, { now });
    const code = () => generateSync({ secret: cmdSecret, epoch: Math.floor(clock / 1000) });
    const first = await sessions.login('cmd', PASSWORD, { code: code() });
    const copied = await sessions.secondFactorForSeat(first.token, '10.0.0.7');
    expect(copied).toEqual({ secret: cmdSecret, lastStep: Math.floor(clock / 30_000) });
    // Once per sign-in.
    expect((await refusal(sessions.secondFactorForSeat(first.token, '10.0.0.7'))).code).toBe('forbidden');
    // Not after 2 minutes.
    clock += 30_000;
    const late = await sessions.login('cmd', PASSWORD, { code: code() });
    clock += 2 * MINUTE + 1;
    expect((await refusal(sessions.secondFactorForSeat(late.token, '10.0.0.7'))).code).toBe('forbidden');
    // Not after a recovery code (the phone may be lost), nor from a hub that only copies the journal.
    const recovered = await sessions.login('cmd', PASSWORD, { code: cmdRecovery });
    expect((await refusal(sessions.secondFactorForSeat(recovered.token, '10.0.0.7'))).code).toBe('forbidden');
    expect((await refusal(new Sessions(store, { now, journal: false }).secondFactorForSeat(recovered.token, '10.0.0.7'))).code).toBe('forbidden');
    // An account without a second factor has none to copy.
    const operator = await sessions.login('op', PASSWORD);
    expect((await refusal(sessions.secondFactorForSeat(operator.token, '10.0.0.7'))).code).toBe('notFound');

    const copies = await entries(store, 'secondFactor.copiedToSeat');
    expect(copies.map((e) => e.payload)).toEqual([{ userId: 'u-cmd', sessionId: expect.any(String), address: '10.0.0.7' }]);
    expect(JSON.stringify(await entries(store))).not.toContain(cmdSecret);
  });
});

describe('the hub: stream, admin endpoints and logs', () => {
  let hub: RunningHub;
  let dataDir: string;
  const lines: string[] = [];

  async function api(path: string, init: { method?: string; token?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${hub.url}/api/v1${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  }
  const signIn = async (username: string) => {
    const code = await demoCode(dataDir, username);
    return api('/sessions', { body: { username, password: 'dutydeck-demo', ...(code ? { code } : {}) } });
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-signin-hub-'));
    hub = await startHub({ dataDir, port: 0, demo: true, demoTown: false, log: (line) => lines.push(line) });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('asks the demo commander for a code, and takes the one its demo authenticator shows', async () => {
    expect(demoSecret(dataDir, 'commander1')).toMatch(/^[A-Z2-7]+$/);
    const without = await api('/sessions', { body: { username: 'commander1', password: 'dutydeck-demo' } });
    expect(without.status).toBe(401);
    expect(without.body.error.code).toBe('secondFactorRequired');
    expect((await signIn('commander1')).status).toBe(201);
  });

  it('lets the admin list sessions and revoke one, closing its stream', async () => {
    const operator = (await signIn('operator1')).body.token as string;
    const admin = (await signIn('admin')).body.token as string;
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/stream`);
    const messages: any[] = [];
    socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    await new Promise((done) => socket.once('open', done));
    socket.send(JSON.stringify({ type: 'hello', token: operator, after: 0 }));
    await expect.poll(() => messages.some((m) => m.type === 'ready')).toBe(true);

    expect((await api('/sessions', { token: operator })).status).toBe(403);
    const list = await api('/sessions', { token: admin });
    expect(list.status).toBe(200);
    const mine = list.body.items.filter((s: any) => s.username === 'operator1');
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toMatch(/[0-9a-f]{64}/);
    expect((await api(`/sessions/${mine[0].id}`, { method: 'DELETE', token: admin })).status).toBe(200);
    expect(await closed).toBe(1008);
    expect(messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'sessionExpired' } });
    expect((await api('/sessions/current', { token: operator })).status).toBe(401);
    socket.terminate();
  });

  it('lets the admin reset a second factor, after which the user enrols again', async () => {
    const admin = (await signIn('admin')).body.token as string;
    const users = (await api('/roster', { token: admin })).body.users as Array<{ id: string; name: string }>;
    const commander2 = users.find((u) => u.name === '值班指挥长 刘洋')!;
    expect((await api(`/users/${commander2.id}/second-factor`, { method: 'DELETE', token: admin })).status).toBe(200);
    const enrolment = await api('/sessions', { body: { username: 'commander2', password: 'dutydeck-demo' } });
    expect(enrolment.status).toBe(201);
    expect(enrolment.body.enrolment).toBe(true);
    const token = enrolment.body.token as string;
    expect((await api('/incidents', { token })).body.error.code).toBe('enrolmentRequired');
    const begun = await api('/sessions/current/second-factor', { method: 'POST', token });
    expect(begun.status).toBe(200);
    const code = generateSync({ secret: begun.body.secret, epoch: Math.floor(Date.now() / 1000) });
    const done = await api('/sessions/current/second-factor/confirm', { token, body: { code } });
    expect(done.status).toBe(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    expect((await api('/incidents', { token: done.body.token })).status).toBe(200);
    const journal = (await api('/journal?limit=5000', { token: admin })).body.entries as JournalEntry[];
    expect(journal.filter((e) => e.type === 'secondFactor.reset').map((e) => e.payload)).toEqual([{ userId: commander2.id, by: expect.any(String) }]);
  });

  it('lets an admin set the seats\u2019 idle limit, journaled as a config change', async () => {
    const admin = (await signIn('admin')).body.token as string;
    const answer = await api('/commands', { token: admin, body: { type: 'config.update', idempotencyKey: 'idle-limit-1', payload: { key: 'sessions', value: { seatIdleMinutes: 15 } } } });
    expect(answer.status).toBe(200);
    expect((await api('/config', { token: admin })).body.sessions).toEqual({ seatIdleMinutes: 15 });
    const operator = (await signIn('operator1')).body.token as string;
    expect((await api('/config', { token: operator, body: undefined })).status).toBe(200);
    expect((await api('/commands', { token: operator, body: { type: 'config.update', idempotencyKey: 'idle-limit-2', payload: { key: 'sessions', value: { seatIdleMinutes: 600 } } } })).status).toBe(403);
  });

  it('writes no token or pairing code to its log', async () => {
    const pairing = await hub.issueWindowPairing('wall-board');
    const paired = await api('/sessions/pair', { body: { code: pairing } });
    expect(paired.status).toBe(201);
    expect((await api('/sessions/pair', { body: { code: pairing } })).status).toBe(401);
    const token = (await signIn('operator1')).body.token as string;
    await api('/incidents/%zz', { token });
    await api('/commands', { token, body: { nonsense: true } });
    const log = lines.join('\n');
    for (const secret of [pairing, paired.body.token, token]) expect(log).not.toContain(secret);
    expect(log).not.toMatch(/token=|Bearer /);
  });
});
