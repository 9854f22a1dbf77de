// The second factor at a seat while its primary is away: a commander who signed in at the seat
// with a code signs in there again offline only with the password and a fresh code from the
// authenticator; the seat's file holds no readable secret; an operator without a second factor
// signs in with the password as before; wrong ones lock the account here too.
import { readFileSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCode, demoSecret } from '../../../e2e/support/second-factor';
import { DATABASE_FILE, startHub, type RunningHub } from '../hub';
import { OUTBOX_FILE } from '../store/outbox/outbox';
import { waitingUpTo } from '../../../shared/until.fixture';

const PASSWORD = 'dutydeck-demo';
let primaryDir: string;
let replicaDir: string;
let primary: RunningHub;
let replica: RunningHub;
const ids = new Map<string, string>();

async function api(hub: RunningHub, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}/api/v1${path}`, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const signIn = (hub: RunningHub, username: string, extra: { password?: string; code?: string } = {}) =>
  api(hub, '/sessions', { method: 'POST', body: { username, password: extra.password ?? PASSWORD, ...(extra.code ? { code: extra.code } : {}) } });

const until = waitingUpTo(15_000);

/** Six digits that are not `code` (and, but for a one-in-500,000 chance, no other code of now). */
const wrongCode = (code: string) => String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');

beforeAll(async () => {
  primaryDir = mkdtempSync(join(tmpdir(), 'dutydeck-primary-2fa-'));
  replicaDir = mkdtempSync(join(tmpdir(), 'dutydeck-replica-2fa-'));
  primary = await startHub({ dataDir: primaryDir, port: 0, demo: true, demoTown: false, log: () => {}, slaCheckMs: 3_600_000 });
  replica = await startHub({
    dataDir: replicaDir,
    port: 0,
    log: () => {},
    primary: { url: `http://127.0.0.1:${primary.port}`, credentials: { username: 'operator2', password: PASSWORD }, retryMs: 200 },
  });
});

afterAll(async () => {
  await replica?.close();
  await primary?.close();
});

describe('a seat signs in with the second factor while its primary is away', () => {
  it('takes the secret from the primary at a sign-in with a code, journaled there with the seat’s address and without the secret', async () => {
    for (const username of ['commander1', 'commander2', 'admin']) {
      const answer = await signIn(replica, username, { code: (await demoCode(primaryDir, username))! });
      expect(answer.status).toBe(201);
      ids.set(username, answer.body.user.id as string);
    }
    expect((await signIn(replica, 'operator1')).status).toBe(201);
    const operator = (await signIn(primary, 'operator1')).body.token as string;
    const journal = (await api(primary, '/journal?after=0&limit=5000', { token: operator })).body.entries as Array<{ type: string; payload: Record<string, unknown> }>;
    const copies = journal.filter((e) => e.type === 'secondFactor.copiedToSeat');
    expect(copies).toHaveLength(3);
    expect(copies[0]!.payload).toEqual({ userId: expect.any(String), sessionId: expect.any(String), address: expect.stringMatching(/127\.0\.0\.1$/) });
    expect(JSON.stringify(journal)).not.toContain(demoSecret(primaryDir, 'commander1'));
  });

  it('forgets a seat’s copy when an admin resets the second factor at the primary', async () => {
    const admin = (await signIn(primary, 'admin', { code: (await demoCode(primaryDir, 'admin'))! })).body.token as string;
    expect((await api(primary, `/users/${ids.get('commander2')}/second-factor`, { method: 'DELETE', token: admin })).status).toBe(200);
    const seq = (await api(primary, '/health')).body.journalSeq as number;
    await until('the reset at the seat', async () => (await api(replica, '/health')).body.journalSeq >= seq);
  });

  it('asks for the code offline, refuses a wrong one, takes a fresh one once, and refuses it replayed', async () => {
    await primary.close();
    await until('stale', async () => (await api(replica, '/health')).body.stale);

    const without = await signIn(replica, 'commander1');
    expect(without.status).toBe(401);
    expect(without.body.error).toMatchObject({ code: 'secondFactorRequired', path: 'code' });

    const code = (await demoCode(primaryDir, 'commander1'))!;
    const wrong = await signIn(replica, 'commander1', { code: wrongCode(code) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toMatchObject({ code: 'badCredentials', path: 'code' });
    // The right code with a wrong password opens nothing either.
    expect((await signIn(replica, 'commander1', { password: 'not-the-password', code })).status).toBe(401);

    const right = await signIn(replica, 'commander1', { code });
    expect(right.status).toBe(201);
    expect(right.body.user.username).toBe('commander1');
    expect((await api(replica, '/sessions/current', { token: right.body.token })).status).toBe(200);

    const replayed = await signIn(replica, 'commander1', { code });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error).toMatchObject({ code: 'badCredentials', path: 'code' });
  });

  it('refuses an account whose second factor the seat does not hold, saying to sign in while the primary is up', async () => {
    const reset = await signIn(replica, 'commander2', { code: (await demoCode(primaryDir, 'commander2'))! });
    expect(reset.status).toBe(503);
    expect(reset.body.error.code).toBe('signInAtPrimaryFirst');
    expect(reset.body.error.message).toMatch(/sign in here once .* while the primary is up/);
    // Never signed in at this seat: the same answer.
    expect((await signIn(replica, 'operator3')).body.error.code).toBe('signInAtPrimaryFirst');
  });

  it('signs an operator without a second factor in with the password alone, as before', async () => {
    const operator = await signIn(replica, 'operator1');
    expect(operator.status).toBe(201);
    expect(operator.body.user.role).toBe('operator');
  });

  it('locks an account at the seat after 5 wrong sign-ins, for 15 minutes, even with the right password and code', async () => {
    for (let i = 1; i <= 4; i++) expect((await signIn(replica, 'admin', { password: 'wrong', code: '123456' })).status).toBe(401);
    const locking = await signIn(replica, 'admin', { password: 'wrong' });
    expect(locking.status).toBe(423);
    expect(locking.body.error.code).toBe('lockedOut');
    const until = Date.parse(/\d{4}-\d{2}-\d{2}T[\d:.]+Z/.exec(locking.body.error.message)![0]);
    expect(until - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(until - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect((await signIn(replica, 'admin', { code: (await demoCode(primaryDir, 'admin'))! })).status).toBe(423);
  });

  it('keeps no readable secret in the seat’s files', async () => {
    await replica.close();
    const files = [OUTBOX_FILE, `${OUTBOX_FILE}-wal`, DATABASE_FILE, `${DATABASE_FILE}-wal`].map((f) => join(replicaDir, f)).filter(existsSync);
    expect(files.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(files.map((f) => readFileSync(f)));
    expect(bytes.includes('seat_second_factors')).toBe(true);
    for (const username of ['commander1', 'admin']) {
      const secret = demoSecret(primaryDir, username)!;
      expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
      expect(bytes.includes(secret)).toBe(false);
      expect(bytes.includes(secret.toLowerCase())).toBe(false);
    }
  });
});

describe('the outbox file’s migrations', () => {
  it('brings a file from before they were numbered to the current version, keeping its sign-ins', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { OutboxStore } = await import('../store/outbox/outbox');
    const { OUTBOX_MIGRATIONS } = await import('../store/outbox/outbox-schema');
    const file = join(mkdtempSync(join(tmpdir(), 'dutydeck-outbox-')), OUTBOX_FILE);
    const old = new Database(file);
    old.exec(`CREATE TABLE sign_ins (username TEXT PRIMARY KEY, user_id TEXT NOT NULL, user TEXT NOT NULL, password_hash TEXT NOT NULL,
      primary_token TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT, WITHOUT ROWID`);
    const user = { id: 'u1', username: 'commander1', name: '指挥长', role: 'commander' };
    old.prepare('INSERT INTO sign_ins VALUES (?, ?, ?, ?, ?, ?)').run('commander1', 'u1', JSON.stringify(user), 'scrypt$x', 'token', '2026-01-01T00:00:00Z');
    old.close();
    const outbox = new OutboxStore(file);
    // Remembered before seats kept second factors: no flag, no secret; the role still asks for one.
    expect(outbox.signIn('commander1')).toEqual({ user, passwordHash: 'scrypt$x', primaryToken: 'token', secondFactor: false });
    expect(outbox.secondFactor('commander1')).toBeNull();
    outbox.close();
    const reopened = new Database(file);
    expect(reopened.pragma('user_version', { simple: true })).toBe(OUTBOX_MIGRATIONS.length);
    reopened.close();
  });
});
