// A primary and a replica hub in this process: the replica copies the journal verbatim,
// forwards commands, keeps them in its outbox while the primary is away, replays them when
// it returns, and keeps refusals as conflicts.
import { demoCode } from '../../../e2e/support/second-factor';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, startHub, type RunningHub } from '../hub';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { Store } from '../store/store';
import { firstRiskScores } from '../api/risk-scores.fixture';
import { ensureSoundCache } from './replica-hub';
import { waitingUpTo } from '../../../shared/until.fixture';

const PASSWORD = 'dutydeck-demo';
let primaryDir: string;
let primary: RunningHub;
let primaryPort: number;
let replicaDir: string;
let replica: RunningHub;

async function api(hub: RunningHub | string, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const base = typeof hub === 'string' ? hub : hub.url;
  const response = await fetch(`${base}/api/v1${path}`, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

/** At the primary or a replica (which passes the code on): the primary's demo secrets give the code. */
const login = async (hub: RunningHub, username: string) => {
  const code = await demoCode(primaryDir, username);
  return (await api(hub, '/sessions', { method: 'POST', body: { username, password: PASSWORD, ...(code ? { code } : {}) } })).body.token as string;
};

let keys = 0;
const report = (title: string) => ({
  type: 'incident.report',
  idempotencyKey: `replica-test-${process.pid}-${++keys}`,
  payload: { channel: 'hotline12345', category: 'streetVending', title, location: { lon: 120.08, lat: 30.33 } },
});

const until = waitingUpTo(10_000);

const startPrimary = async (port = 0) => startHub({ dataDir: primaryDir, port, demo: true, demoTown: false, log: () => {}, slaCheckMs: 3_600_000 });
const startReplica = () =>
  startHub({ dataDir: replicaDir, port: 0, log: () => {}, primary: { url: `http://127.0.0.1:${primaryPort}`, credentials: { username: 'operator2', password: PASSWORD }, retryMs: 200 }, riskScoresMs: 200 });

beforeAll(async () => {
  primaryDir = mkdtempSync(join(tmpdir(), 'dutydeck-primary-'));
  replicaDir = mkdtempSync(join(tmpdir(), 'dutydeck-replica-'));
  primary = await startPrimary();
  primaryPort = primary.port;
  replica = await startReplica();
});

afterAll(async () => {
  await replica?.close();
  await primary?.close();
});

describe('a seat replica', () => {
  it('starts from nothing and copies the journal verbatim', async () => {
    // Signing in is journaled at the primary (the replica's sign-ins too), so sign in first.
    const token = await login(primary, 'operator1');
    const seatToken = await login(replica, 'operator1');
    const { body: p } = await api(primary, '/health');
    const health = await until('catch-up', async () => {
      const { body } = await api(replica, '/health');
      return body.journalSeq >= p.journalSeq && !body.stale && body;
    });
    expect(health).toMatchObject({ mode: 'replica', stale: false, pending: 0, conflicts: 0 });
    const a = await api(primary, `/journal?after=0&limit=${p.journalSeq}`, { token });
    const b = await api(replica, `/journal?after=0&limit=${p.journalSeq}`, { token: seatToken });
    expect(b.body.entries).toEqual(a.body.entries);
  });

  it('sends the risk scores on its own stream from its own analysis, the same grids as its GET /risk', async () => {
    const token = await login(replica, 'operator1');
    const scores = await firstRiskScores(replica.url, token);
    const risk = (await api(replica, '/risk', { token })).body.items as Array<{ gridId: string }>;
    expect(new Set(scores.map((s) => s.gridId))).toEqual(new Set(risk.map((r) => r.gridId)));
  });

  it('forwards a window’s command to the primary as its user, and the entry comes back', async () => {
    const token = await login(replica, 'operator1');
    const answer = await api(replica, '/commands', { method: 'POST', token, body: report('路口占道经营') });
    expect(answer.status).toBe(200);
    expect(answer.body.incidentId).toMatch(/^\d{8}-\d{4}$/);
    await until('the incident on the replica', async () => (await api(replica, `/incidents/${answer.body.incidentId}`, { token })).status === 200);
    const onPrimary = await api(primary, `/incidents/${answer.body.incidentId}`, { token: await login(primary, 'operator1') });
    expect(onPrimary.body.reports[0].takenBy).toBe((await api(replica, '/sessions/current', { token })).body.user.id);
  });

  it('keeps commands in the outbox while the primary is away and replays them in order when it returns', async () => {
    const token = await login(replica, 'operator1');
    const commander = await login(replica, 'commander1');
    const first = await api(replica, '/commands', { method: 'POST', token, body: report('断线前受理的事件') });
    const incidentId = first.body.incidentId as string;
    await until('the incident on the replica', async () => (await api(replica, `/incidents/${incidentId}`, { token })).status === 200);

    await primary.close();
    await until('stale', async () => (await api(replica, '/health')).body.stale);
    const offline = await api(replica, '/commands', { method: 'POST', token, body: report('离线时受理的事件') });
    expect(offline.status).toBe(202);
    expect(offline.body).toEqual({ ok: true, pending: true, outboxId: expect.any(Number) });
    // Signing in again works from the seat's memory while the primary is away.
    const again = await login(replica, 'operator1');
    expect(again).toBeTruthy();
    const triage = { type: 'incident.triage', idempotencyKey: `replica-test-triage-${keys++}`, payload: { incidentId, category: 'streetVending', priority: 'P3', lead: 'cityManagement' } };
    const queued = await api(replica, '/commands', { method: 'POST', token: commander, body: triage });
    expect(queued.status).toBe(202);
    const outbox = await api(replica, '/outbox', { token });
    expect(outbox.body.items.map((i: { state: string }) => i.state)).toEqual(['pending', 'pending']);
    expect((await api(replica, '/health')).body).toMatchObject({ stale: true, pending: 2 });

    primary = await startPrimary(primaryPort);
    await until('the outbox to empty', async () => (await api(replica, '/health')).body.pending === 0 && !(await api(replica, '/health')).body.stale);
    const open = (await api(primary, '/incidents?status=open', { token: await login(primary, 'operator1') })).body.items as Array<{ id: string; title: string; state: string }>;
    expect(open.find((i) => i.title === '离线时受理的事件')).toBeTruthy();
    expect(open.find((i) => i.id === incidentId)?.state).toBe('triaged');
  });

  it('keeps a refusal as a conflict the operator sees until dismissed', async () => {
    const token = await login(replica, 'commander1');
    const made = await api(replica, '/commands', { method: 'POST', token, body: report('将被关闭的事件') });
    const incidentId = made.body.incidentId as string;
    await until('the incident on the replica', async () => (await api(replica, `/incidents/${incidentId}`, { token })).status === 200);
    await primary.close();
    await until('stale', async () => (await api(replica, '/health')).body.stale);
    const cancel = { type: 'incident.cancel', idempotencyKey: `replica-test-cancel-${keys++}`, payload: { incidentId, reason: '重复来电' } };
    expect((await api(replica, '/commands', { method: 'POST', token, body: cancel })).status).toBe(202);

    // The seat is switched off with its command still waiting; meanwhile the primary comes
    // back and its own commander cancels the incident first.
    await replica.close();
    primary = await startPrimary(primaryPort);
    const direct = await login(primary, 'commander1');
    expect((await api(primary, '/commands', { method: 'POST', token: direct, body: { ...cancel, idempotencyKey: `replica-test-direct-${keys++}` } })).status).toBe(200);
    replica = await startReplica();
    const conflict = await until('the conflict', async () => {
      const items = (await api(replica, '/outbox', { token })).body.items as Array<{ id: number; state: string; error: { code: string } | null }>;
      return items.find((i) => i.state === 'conflict');
    });
    expect(conflict.error?.code).toBe('illegalState');
    expect((await api(replica, '/health')).body.conflicts).toBe(1);
    expect((await api(replica, `/outbox/${conflict.id}/dismiss`, { method: 'POST', token })).status).toBe(200);
    expect((await api(replica, '/outbox', { token })).body.items).toEqual([]);
  });

  it('rebuilds a corrupt cache from the primary and keeps the outbox', async () => {
    await replica.close();
    writeFileSync(join(replicaDir, DATABASE_FILE), 'this is not a database, it was overwritten');
    const lines: string[] = [];
    expect(await ensureSoundCache(join(replicaDir, DATABASE_FILE), (line) => lines.push(line))).toEqual({ state: 'rebuilt' });
    expect(lines[0]).toMatch(/failed its check/);
    replica = await startReplica();
    const { body: p } = await api(primary, '/health');
    await until('catch-up after rebuild', async () => (await api(replica, '/health')).body.journalSeq === p.journalSeq);
  });
});

describe('replicated entries are verified before they are kept', () => {
  it('refuses an altered entry and stores nothing of its batch', () => {
    const source = new Store(join(primaryDir, DATABASE_FILE));
    const entries = source.journal.page(0, 50).entries;
    source.close();
    const copy = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-copy-')), DATABASE_FILE));
    const tampered = entries.map((e, i) => (i === 3 ? { ...e, payload: { ...(e.payload as object), forged: true } } : e)) as JournalEntry[];
    expect(() => copy.write.appendReplicated(tampered)).toThrow(/entry 4 does not verify: hash does not match/);
    expect(copy.journal.seq()).toBe(0);
    expect(() => copy.write.appendReplicated(entries.slice(1))).toThrow(/expected seq 1/);
    expect(copy.write.appendReplicated(entries)).toHaveLength(entries.length);
    expect(copy.write.appendReplicated(entries)).toHaveLength(0); // a repeat is skipped, not doubled
    expect(copy.journal.verify()).toBeNull();
    copy.close();
  });
});
