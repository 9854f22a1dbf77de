// A replica seeded from its primary's snapshot: only a sound copy that matches its manifest
// replaces the cache, and replication goes on from the snapshot's last entry.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SNAPSHOT_HEADER } from '../../../shared/protocol/replica';
import { DATABASE_FILE, startHub, type RunningHub } from '../hub';
import { checkDatabase } from '../store/ops/integrity';
import { PrimaryClient } from './primary-client';
import { SNAPSHOT_GAP, seedFromSnapshot, wantsSnapshot } from './seed';

const PASSWORD = 'dutydeck-demo';
const credentials = { username: 'operator2', password: PASSWORD };
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `dutydeck-seed-${name}-`));
let primary: RunningHub;
let keys = 0;

async function api(hub: RunningHub, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}/api/v1${path}`, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}
const login = async (hub: RunningHub, username: string) => (await api(hub, '/sessions', { method: 'POST', body: { username, password: PASSWORD } })).body.token as string;
const report = (title: string) => ({
  type: 'incident.report',
  idempotencyKey: `seed-test-${process.pid}-${++keys}`,
  payload: { channel: 'hotline12345', category: 'noise', title, location: { lon: 120.08, lat: 30.33 } },
});

/** Stands between a replica and the primary and changes the snapshot on the way. */
async function tamperingProxy(change: (manifest: Record<string, unknown>, body: Buffer) => void): Promise<{ url: string; server: Server }> {
  const server = createServer((request, response) => {
    void (async () => {
      const upstream = await fetch(`${primary.url}${request.url}`, {
        method: request.method,
        headers: { authorization: request.headers.authorization ?? '', 'content-type': 'application/json' },
        ...(request.method === 'POST' ? { body: await new Promise<string>((done) => { let text = ''; request.on('data', (c) => (text += c)); request.on('end', () => done(text)); }) } : {}),
      });
      const body = Buffer.from(await upstream.arrayBuffer());
      const headers: Record<string, string> = { 'content-type': upstream.headers.get('content-type') ?? '' };
      const manifest = upstream.headers.get(SNAPSHOT_HEADER);
      if (manifest) {
        const parsed = JSON.parse(manifest) as Record<string, unknown>;
        change(parsed, body);
        headers[SNAPSHOT_HEADER] = JSON.stringify(parsed);
      }
      response.writeHead(upstream.status, headers).end(body);
    })();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

beforeAll(async () => {
  primary = await startHub({ dataDir: tmp('primary'), port: 0, demo: true, demoTown: false, log: () => {}, slaCheckMs: 3_600_000 });
  const token = await login(primary, 'operator1');
  for (let i = 0; i < 30; i++) expect((await api(primary, '/commands', { method: 'POST', token, body: report(`快照前的事件 ${i}`) })).status).toBe(200);
});

afterAll(async () => {
  await primary?.close();
});

describe('seeding a replica from a snapshot', () => {
  it('seeds an empty cache, a rebuilt one, and a sound one only when it is far behind', () => {
    expect(wantsSnapshot({ state: 'fresh' }, null)).toBe(true);
    expect(wantsSnapshot({ state: 'rebuilt' }, null)).toBe(true);
    expect(wantsSnapshot({ state: 'sound', journalSeq: 1_000 }, 1_000 + SNAPSHOT_GAP)).toBe(false);
    expect(wantsSnapshot({ state: 'sound', journalSeq: 1_000 }, 1_001 + SNAPSHOT_GAP)).toBe(true);
    expect(wantsSnapshot({ state: 'sound', journalSeq: 1_000 }, null)).toBe(false);
  });

  it('gives a snapshot to a signed-in non-wall account only', async () => {
    const anonymous = await fetch(`${primary.url}/api/v1/replica/snapshot`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
    const wall = await fetch(`${primary.url}/api/v1/replica/snapshot`, { headers: { authorization: `Bearer ${await login(primary, 'wall1')}` } });
    expect(wall.status).toBe(403);
    expect(((await wall.json()) as { error: { code: string } }).error.code).toBe('forbidden');
  });

  it('installs a copy that verifies and matches its manifest', async () => {
    const file = join(tmp('replica'), DATABASE_FILE);
    const outcome = await seedFromSnapshot(file, new PrimaryClient(primary.url), credentials, () => {});
    const { journalSeq } = (await api(primary, '/health')).body as { journalSeq: number };
    expect(outcome).toMatchObject({ seeded: true, journalSeq });
    expect(checkDatabase(file)).toMatchObject({ ok: true, journalSeq });
  });

  it('keeps the cache it has when the snapshot does not match its manifest or does not verify', async () => {
    const changes: Array<[string, (manifest: Record<string, unknown>, body: Buffer) => void, RegExp]> = [
      ['a manifest naming another entry', (manifest) => (manifest.journalSeq = Number(manifest.journalSeq) + 1), /manifest names/],
      ['a file altered on the way', (_, body) => body.write('快照后', body.indexOf('快照前')), /arrived altered/],
      [
        'a journal rewritten with a digest to match',
        (manifest, body) => {
          for (let at = body.indexOf('快照前'); at >= 0; at = body.indexOf('快照前', at + 1)) body.write('快照后', at);
          manifest.sha256 = createHash('sha256').update(body).digest('hex');
        },
        /does not verify/,
      ],
    ];
    for (const [what, change, reason] of changes) {
      const proxy = await tamperingProxy(change);
      const file = join(tmp('tampered'), DATABASE_FILE);
      writeFileSync(file, 'the cache this seat had');
      const lines: string[] = [];
      const outcome = await seedFromSnapshot(file, new PrimaryClient(proxy.url), credentials, (line) => lines.push(line));
      proxy.server.close();
      expect(outcome, what).toMatchObject({ seeded: false, reason: expect.stringMatching(reason) });
      expect(readFileSync(file, 'utf8'), what).toBe('the cache this seat had');
      expect(lines.join('\n'), what).toMatch(/page by page/);
    }
  });

  it('starts a replica from the snapshot and follows the primary from its last entry', async () => {
    const lines: string[] = [];
    const replica = await startHub({ dataDir: tmp('started'), port: 0, log: (line) => lines.push(line), primary: { url: primary.url, credentials, retryMs: 200 } });
    try {
      expect(lines.join('\n')).toMatch(/seeded from the primary's snapshot/);
      const token = await login(primary, 'operator1');
      const made = await api(primary, '/commands', { method: 'POST', token, body: report('快照之后的事件') });
      const seatToken = await login(replica, 'operator1');
      const end = Date.now() + 10_000;
      while ((await api(replica, `/incidents/${made.body.incidentId}`, { token: seatToken })).status !== 200) {
        if (Date.now() > end) throw new Error('the new incident never reached the replica');
        await new Promise((done) => setTimeout(done, 50));
      }
      const all = await api(primary, '/journal?after=0&limit=5000', { token });
      expect((await api(replica, '/journal?after=0&limit=5000', { token: seatToken })).body.entries).toEqual(all.body.entries);
    } finally {
      await replica.close();
    }
  });
});
