// The hub as the room's network sees it: HTTPS with its own certificate, HTTP/2 (HTTP/1.1
// still allowed for the stream), the stream over TLS, replicas that accept only the pinned
// certificate, static files that never leave their folder, and an internal error that costs
// one request a 500 and nothing else.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect as http2Connect } from 'node:http2';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { demoCode } from '../../../e2e/support/second-factor';
import { startHub, type RunningHub } from '../hub';
import { pinnedFetch } from '../replica/pin';
import type * as Roster from './roster';
import { waitingUpTo } from '../../../shared/until.fixture';

// An internal error the hub did not foresee, thrown once from inside a real route.
const inject = vi.hoisted(() => ({ fail: false }));
vi.mock('./roster', async (importOriginal) => {
  const real = await importOriginal<typeof Roster>();
  return {
    ...real,
    buildRoster: (...args: Parameters<typeof real.buildRoster>) => {
      if (inject.fail) {
        inject.fail = false;
        throw new TypeError('injected: cannot read properties of undefined');
      }
      return real.buildRoster(...args);
    },
  };
});

const PASSWORD = 'dutydeck-demo';
let hub: RunningHub;
let fingerprint: string;
let pinned: typeof fetch;
let rendererDir: string;
let dataDir: string;
const logged: string[] = [];

const until = waitingUpTo(15_000);

/** One HTTP/2 request, its status, headers and raw (undecoded) body. */
async function h2(url: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  const session = http2Connect(url, { rejectUnauthorized: false });
  try {
    return await new Promise((resolve, reject) => {
      session.once('error', reject);
      const request = session.request(headers);
      const chunks: Buffer[] = [];
      let head: Record<string, unknown> = {};
      request.once('response', (h) => (head = h));
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.once('end', () => resolve({ status: Number(head[':status']), headers: head, body: Buffer.concat(chunks) }));
      request.once('error', reject);
      request.end();
    });
  } finally {
    session.close();
  }
}

beforeAll(async () => {
  rendererDir = mkdtempSync(join(tmpdir(), 'dutydeck-renderer-'));
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>DutyDeck</title>');
  // Large and repetitive, so compression is worth it and a Range is meaningful.
  writeFileSync(join(rendererDir, 'app.js'), `console.log(${JSON.stringify('值班 '.repeat(4000))});\n`);
  const outside = mkdtempSync(join(tmpdir(), 'dutydeck-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'the database password');
  mkdirSync(join(rendererDir, 'assets'));
  symlinkSync(join(outside, 'secret.txt'), join(rendererDir, 'assets', 'leak.txt'));
  symlinkSync(outside, join(rendererDir, 'outside'));
  dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-tls-'));
  hub = await startHub({ dataDir, port: 0, demo: true, demoTown: false, tls: {}, rendererDir, log: (line) => logged.push(line) });
  fingerprint = hub.certificate!.fingerprint256;
  pinned = pinnedFetch(fingerprint);
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('TLS', () => {
  it('serves HTTPS with its own certificate and prints the fingerprint replicas pin', async () => {
    expect(hub.url).toMatch(/^https:\/\//);
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const health = await pinned(`${hub.url}/api/v1/health`);
    expect(health.status).toBe(200);
  });

  it('is refused by a client pinned to another certificate, before any request is sent', async () => {
    const wrong = pinnedFetch(fingerprint.replace(/^../, fingerprint.startsWith('00') ? '11' : '00'));
    await expect(wrong(`${hub.url}/api/v1/health`)).rejects.toThrow();
    const cause = await wrong(`${hub.url}/api/v1/health`).catch((error: Error & { cause?: Error }) => error.cause ?? error);
    expect(String((cause as Error).message)).toMatch(/not the pinned one/);
  });

  it('speaks HTTP/2 to a client that offers it', async () => {
    const session = http2Connect(hub.url, { rejectUnauthorized: false });
    try {
      await new Promise<void>((resolve, reject) => session.once('connect', () => resolve()).once('error', reject));
      expect(session.alpnProtocol).toBe('h2');
    } finally {
      session.close();
    }
    expect((await h2(hub.url, { ':path': '/api/v1/health' })).status).toBe(200);
  });

  it('carries the journal stream over TLS (HTTP/1.1 upgrade)', async () => {
    const token = (await (await pinned(`${hub.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator1', password: PASSWORD }) })).json()).token as string;
    const socket = new WebSocket(`${hub.url.replace('https', 'wss')}/api/v1/stream`, { rejectUnauthorized: false });
    const first = await new Promise<string>((resolve, reject) => {
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', token, after: 0 })));
      socket.once('message', (data) => resolve(data.toString()));
      socket.once('error', reject);
    });
    socket.close();
    expect(JSON.parse(first).type).toBe('ready');
  });

  it('lets a replica sync from a primary whose fingerprint it pins, and refuses one that does not match', async () => {
    const primaryUrl = `https://127.0.0.1:${hub.port}`;
    const good = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-pinned-')), port: 0, log: () => {}, primary: { url: primaryUrl, fingerprint, credentials: { username: 'operator2', password: PASSWORD }, retryMs: 200 } });
    try {
      const seq = (await (await pinned(`${hub.url}/api/v1/health`)).json()).journalSeq as number;
      await until('the replica to copy the journal', async () => ((await (await fetch(`${good.url}/api/v1/health`)).json()).journalSeq as number) >= seq);
    } finally {
      await good.close();
    }
    const lines: string[] = [];
    const wrongPin = fingerprint.replace(/..$/, fingerprint.endsWith('00') ? '11' : '00');
    const bad = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-mispinned-')), port: 0, log: (line) => lines.push(line), primary: { url: primaryUrl, fingerprint: wrongPin, credentials: { username: 'operator2', password: PASSWORD }, retryMs: 200 } }).catch((error: Error) => error);
    try {
      if (bad instanceof Error) expect(bad.message).toMatch(/not the pinned one/);
      else await until('the replica to say the pin does not match', async () => lines.some((line) => /not the pinned one/.test(line)));
    } finally {
      if (!(bad instanceof Error)) await bad.close();
    }
  }, 60_000);
});

describe('static files', () => {
  it('never follows a symlink out of its folder', async () => {
    for (const path of ['/assets/leak.txt', '/outside/secret.txt', '/outside%2Fsecret.txt', '/assets/..%2F..%2Fetc%2Fpasswd']) {
      const answer = await pinned(`${hub.url}${path}`);
      expect([400, 403, 404]).toContain(answer.status);
      expect(await answer.text()).not.toContain('the database password');
    }
  });

  it('answers a repeated request by ETag with 304, a Range with 206, and compresses what is worth it', async () => {
    // Over HTTP/2 by hand: fetch adds "cache-control: no-cache" to conditional requests and
    // decodes bodies itself, which would hide exactly what is tested here.
    const first = await h2(hub.url, { ':path': '/app.js' });
    expect(first.status).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toBeTruthy();
    expect((await h2(hub.url, { ':path': '/app.js', 'if-none-match': etag })).status).toBe(304);
    const part = await h2(hub.url, { ':path': '/app.js', range: 'bytes=0-10' });
    expect(part.status).toBe(206);
    expect(part.body.toString()).toBe('console.log');
    const zipped = await h2(hub.url, { ':path': '/app.js', 'accept-encoding': 'gzip' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.body).toString()).toContain('值班');
    expect(zipped.body.length).toBeLessThan(2_000);
  });
});

describe('an internal error', () => {
  it('answers that one request 500, logs it, and keeps serving', async () => {
    const token = (await (await pinned(`${hub.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'commander1', password: PASSWORD, code: await demoCode(dataDir, 'commander1') }) })).json()).token as string;
    inject.fail = true;
    const failed = await pinned(`${hub.url}/api/v1/roster`, { headers: { authorization: `Bearer ${token}` } });
    expect(inject.fail).toBe(false);
    expect(failed.status).toBe(500);
    const body = await failed.json();
    expect(body.error.code).toBe('internal');
    expect(JSON.stringify(body)).not.toContain('injected');
    expect(logged.some((line) => line.includes('injected: cannot read properties'))).toBe(true);
    const again = await pinned(`${hub.url}/api/v1/roster`, { headers: { authorization: `Bearer ${token}` } });
    expect(again.status).toBe(200);
  });
});
