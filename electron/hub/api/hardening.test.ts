// What a hostile client on the room's LAN can send, and that none of it stops the hub or
// writes a journal entry: malformed WebSocket frames, deep JSON, bad escapes, foreign Host and
// Origin headers, a reused idempotency key, too many or too slow connections.
import { request as httpRequest } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { BINARY, closeCodeOf, frame, rawConnection, rawWebSocket, TEXT } from '../../../e2e/support/raw-socket';
import { startHub, type RunningHub } from '../hub';

let hub: RunningHub;
let operator: string;

async function api(path: string, init: { method?: string; token?: string; body?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, ...(init.body === undefined ? {} : { body: init.body }) });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a text answer
  }
  return { status: response.status, body };
}

const journalSeq = async () => (await api('/api/v1/health')).body.journalSeq as number;

/** A request with headers fetch will not send (Host). */
function rawRequest(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: hub.port, path, headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-hardening-')), port: 0, demo: true, demoTown: false, log: () => {}, limits: { headersTimeoutMs: 1_500, requestTimeoutMs: 3_000 } });
  operator = (await api('/api/v1/sessions', { body: JSON.stringify({ username: 'operator1', password: 'dutydeck-demo' }) })).body.token;
});

afterAll(async () => {
  await hub?.close();
});

describe('the journal stream against hostile frames', () => {
  const cases: Array<[string, (c: Awaited<ReturnType<typeof rawWebSocket>>['connection']) => void, number]> = [
    ['a malformed JSON hello', (c) => c.write(frame(TEXT, Buffer.from('{"type":'))), 1008],
    ['an unmasked frame', (c) => c.write(frame(TEXT, Buffer.from('{}'), { mask: false })), 1002],
    ['text that is not UTF-8', (c) => c.write(frame(TEXT, Buffer.from([0xc3, 0x28, 0xff, 0xfe]))), 1007],
    ['a frame over the size limit', (c) => c.write(frame(TEXT, Buffer.alloc(64 * 1024, 0x61))), 1009],
    ['a binary hello', (c) => c.write(frame(BINARY, Buffer.from([1, 2, 3]))), 1003],
    ['a hello with a forged token', (c) => c.write(frame(TEXT, Buffer.from(JSON.stringify({ type: 'hello', token: 'x'.repeat(43), after: 0 })))), 1008],
    ['a reserved opcode', (c) => c.write(frame(0x3, Buffer.from('?'))), 1002],
  ];
  for (const [label, send, code] of cases) {
    it(`closes that one connection on ${label} (${code}) and keeps serving`, async () => {
      const before = await journalSeq();
      const { connection, status } = await rawWebSocket(hub.port, '/api/v1/stream');
      expect(status).toBe(101);
      send(connection);
      expect(await connection.closed(5_000)).toBe(true);
      expect(closeCodeOf(connection.received())).toBe(code);
      expect((await api('/api/v1/health')).status).toBe(200);
      expect(await journalSeq()).toBe(before);
    });
  }

  it('closes a socket that sends no hello within 10 s', async () => {
    const { connection, status } = await rawWebSocket(hub.port, '/api/v1/stream');
    expect(status).toBe(101);
    expect(await connection.closed(9_000)).toBe(false);
    expect(await connection.closed(3_000)).toBe(true);
    expect(closeCodeOf(connection.received())).toBe(1008);
  }, 20_000);

  it('refuses the upgrade from a page of another origin', async () => {
    const { connection, status } = await rawWebSocket(hub.port, '/api/v1/stream', { Origin: 'http://evil.example' });
    expect(status).toBe(403);
    connection.end();
  });
});

describe('HTTP requests a client could get wrong or forge', () => {
  it('answers JSON nested too deep with 400 and a code, not 500', async () => {
    const before = await journalSeq();
    for (const depth of [40, 5_000, 200_000]) {
      const deep = await api('/api/v1/commands', { token: operator, body: '['.repeat(depth) + ']'.repeat(depth) });
      expect(deep.status, `depth ${depth}`).toBe(400);
      expect(deep.body.error).toMatchObject({ code: 'invalid', path: 'body' });
    }
    expect(await journalSeq()).toBe(before);
  });

  it('answers bad %-escapes in the path and the query with 400', async () => {
    for (const path of ['/api/v1/incidents/%E0%A4%A', '/api/v1/incidents/%zz', '/api/v1/journal?after=%zz', '/api/v1/journal?%E0%A4%A=1']) {
      const answer = await api(path, { token: operator });
      expect(answer.status, path).toBe(400);
      expect(answer.body.error.code, path).toBe('invalid');
    }
    const file = await rawRequest('/assets/%E0%A4%A.js', { host: `127.0.0.1:${hub.port}` });
    expect(file.status).toBeLessThan(500);
  });

  it('answers only to its own names (DNS rebinding) and only to its own pages', async () => {
    const rebound = await rawRequest('/api/v1/health', { host: 'evil.example:4580' });
    expect(rebound.status).toBe(421);
    expect(JSON.parse(rebound.body).error.code).toBe('badHost');
    // Without a Host at all, Node's parser refuses the HTTP/1.1 request before the hub sees it.
    expect([400, 421]).toContain((await rawRequest('/api/v1/health', {})).status);
    expect((await rawRequest('/api/v1/health', { host: `localhost:${hub.port}` })).status).toBe(200);
    const before = await journalSeq();
    const forged = await api('/api/v1/commands', {
      token: operator,
      headers: { origin: 'http://evil.example' },
      body: JSON.stringify({ type: 'incident.report', idempotencyKey: 'origin-1', payload: { channel: 'hotline12345', category: 'streetVending', title: '跨站' } }),
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error.code).toBe('badOrigin');
    const own = await api('/api/v1/health', { headers: { origin: new URL(hub.url).origin } });
    expect(own.status).toBe(200);
    expect(await journalSeq()).toBe(before);
  });

  it('refuses an idempotency key sent again with another payload (409) and answers the same one as before', async () => {
    const command = (title: string) => JSON.stringify({ type: 'incident.report', idempotencyKey: 'reused-key-1', payload: { channel: 'hotline12345', category: 'streetVending', title, location: { lon: 120.08, lat: 30.33 } } });
    const first = await api('/api/v1/commands', { token: operator, body: command('施工噪音 1') });
    expect(first.status).toBe(200);
    const before = await journalSeq();
    const again = await api('/api/v1/commands', { token: operator, body: command('施工噪音 1') });
    expect(again.body).toEqual(first.body);
    const other = await api('/api/v1/commands', { token: operator, body: command('另一件事') });
    expect(other.status).toBe(409);
    expect(other.body.error).toMatchObject({ code: 'conflict', path: 'idempotencyKey' });
    expect(await journalSeq()).toBe(before);
  });
});

describe('connections', () => {
  it('closes a connection that sends nothing, and one that sends its headers too slowly', async () => {
    const silent = await rawConnection(hub.port);
    const slow = await rawConnection(hub.port);
    slow.write('GET /api/v1/health HTTP/1.1\r\n');
    const drip = setInterval(() => slow.write('X-Slow: 1\r\n'), 200);
    try {
      expect(await silent.closed(8_000)).toBe(true);
      expect(await slow.closed(8_000)).toBe(true);
    } finally {
      clearInterval(drip);
    }
    expect((await api('/api/v1/health')).status).toBe(200);
  }, 20_000);

  it('caps the connections one address holds', async () => {
    const held = await Promise.all(Array.from({ length: 64 }, () => rawConnection(hub.port)));
    const over = await rawConnection(hub.port);
    expect(await over.closed(2_000)).toBe(true);
    for (const c of held) c.end();
    await new Promise((done) => setTimeout(done, 200));
    expect((await api('/api/v1/health')).status).toBe(200);
  });
});

describe('a hub on the LAN', () => {
  it('refuses to serve a LAN address over plain HTTP unless told, and says why', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-lan-'));
    await expect(startHub({ dataDir, port: 0, host: '0.0.0.0', tls: false, log: () => {} })).rejects.toThrow(/plain HTTP.*--insecure-http/s);
    const insecure = await startHub({ dataDir, port: 0, host: '0.0.0.0', tls: false, insecureHttp: true, log: () => {} });
    expect(insecure.url).toMatch(/^http:\/\//);
    await insecure.close();
  });
});

describe('a stream socket that errors', () => {
  it('does not end the hub when a client vanishes mid-backlog', async () => {
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/stream`);
    await new Promise((done) => socket.once('open', done));
    socket.send(JSON.stringify({ type: 'hello', token: operator, after: 0 }));
    socket.terminate();
    await new Promise((done) => setTimeout(done, 200));
    expect((await api('/api/v1/health')).status).toBe(200);
  });
});
