import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { JournalEntry } from '../../shared/journal/catalog';
import { startHub, type RunningHub } from './hub';

let hub: RunningHub;
const tokens: Record<string, string> = {};

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}/api/v1${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

let keyCounter = 0;
function reportCommand(title: string, key = `test-key-${++keyCounter}`) {
  return JSON.stringify({
    type: 'incident.report',
    idempotencyKey: key,
    payload: { channel: 'hotline12345', category: 'streetVending', title, location: { lon: 120.08, lat: 30.33 } },
  });
}

beforeAll(async () => {
  hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-hub-')), port: 0, demo: true, demoTown: false, log: () => {} });
  for (const username of ['operator1', 'wall1']) {
    const { body } = await api('/sessions', { method: 'POST', body: JSON.stringify({ username, password: 'dutydeck-demo' }) });
    tokens[username] = body.token;
  }
});

afterAll(async () => {
  await hub.close();
});

describe('hub API', () => {
  it('answers health without a session', async () => {
    const { status, body } = await api('/health');
    expect(status).toBe(200);
    expect(body).toEqual({ ok: true, mode: 'primary', journalSeq: expect.any(Number) });
  });

  it('signs in demo accounts and refuses wrong credentials with 401 and an error body', async () => {
    expect(tokens.operator1).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const wrong = await api('/sessions', { method: 'POST', body: JSON.stringify({ username: 'operator1', password: 'nope' }) });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('badCredentials');
    const me = await api('/sessions/current', { token: tokens.operator1 });
    expect(me.body.user).toMatchObject({ username: 'operator1', role: 'operator' });
  });

  it('requires a session for commands and queries', async () => {
    expect((await api('/incidents')).status).toBe(401);
    expect((await api('/incidents', { token: 'x'.repeat(43) })).status).toBe(401);
  });

  it('takes a report and shows it in the open queue and by id', async () => {
    const { status, body } = await api('/commands', { method: 'POST', token: tokens.operator1, body: reportCommand('占道经营 文一西路') });
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, seq: expect.any(Number), incidentId: expect.any(String) });
    const list = await api('/incidents?status=open', { token: tokens.operator1 });
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(body.incidentId);
    const one = await api(`/incidents/${body.incidentId}`, { token: tokens.wall1 });
    expect(one.body.reports[0]).toMatchObject({ channel: 'hotline12345', title: '占道经营 文一西路' });
    expect((await api('/incidents/nope', { token: tokens.operator1 })).status).toBe(404);
  });

  it('applies the same idempotency key once', async () => {
    const command = reportCommand('重复提交', 'same-key-123');
    const first = await api('/commands', { method: 'POST', token: tokens.operator1, body: command });
    const second = await api('/commands', { method: 'POST', token: tokens.operator1, body: command });
    expect(second.body).toEqual(first.body);
    const { body } = await api('/incidents?status=all', { token: tokens.operator1 });
    expect(body.items.filter((i: { title: string }) => i.title === '重复提交')).toHaveLength(1);
  });

  it('refuses the wall any command with 403, writing nothing', async () => {
    const before = (await api('/health')).body.journalSeq;
    const { status, body } = await api('/commands', { method: 'POST', token: tokens.wall1, body: reportCommand('大屏不能受理') });
    expect(status).toBe(403);
    expect(body.error.code).toBe('forbidden');
    expect((await api('/health')).body.journalSeq).toBe(before);
  });

  it('refuses bad input with a code, a message and a path, writing nothing', async () => {
    const before = (await api('/health')).body.journalSeq;
    const cases: Array<[string, RequestInit, number, string, string?]> = [
      ['malformed JSON', { body: '{"type":' }, 400, 'malformedJson'],
      ['wrong content type', { body: reportCommand('x'), headers: { 'content-type': 'text/plain' } }, 415, 'unsupportedMediaType'],
      ['unknown command', { body: JSON.stringify({ type: 'incident.explode', payload: {}, idempotencyKey: 'abcdefgh' }) }, 400, 'invalid', 'type'],
      ['wrong type of field', { body: JSON.stringify({ type: 'incident.report', idempotencyKey: 'abcdefgh', payload: { channel: 'phone', category: 'noise', title: 7, address: 'a' } }) }, 400, 'invalid', 'payload.title'],
      ['unknown field', { body: JSON.stringify({ type: 'incident.report', idempotencyKey: 'abcdefgh', payload: {}, extra: 1 }) }, 400, 'invalid'],
      ['oversized body', { body: JSON.stringify({ pad: 'x'.repeat(1024 * 1024 + 10) }) }, 413, 'bodyTooLarge'],
    ];
    for (const [label, init, status, code, path] of cases) {
      const result = await api('/commands', { method: 'POST', token: tokens.operator1, ...init });
      expect({ label, status: result.status, code: result.body.error.code }).toEqual({ label, status, code });
      expect(result.body.error.message.length, label).toBeGreaterThan(5);
      if (path) expect(result.body.error.path, label).toBe(path);
    }
    const badQuery = await api('/journal?after=-1', { token: tokens.operator1 });
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.path).toBe('query.after');
    expect((await api('/health')).body.journalSeq).toBe(before);
  });

  it('pages the journal', async () => {
    const { body } = await api('/journal?after=0&limit=3', { token: tokens.operator1 });
    expect(body.entries.map((e: JournalEntry) => e.seq)).toEqual([1, 2, 3]);
    expect(body.last).toBeGreaterThanOrEqual(3);
    expect(body.entries[1].prevHash).toBe(body.entries[0].hash);
  });
});

describe('journal stream', () => {
  function subscribe(after: number, token = tokens.wall1!) {
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/stream`);
    const seqs: number[] = [];
    const messages: any[] = [];
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, after })));
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString());
      messages.push(message);
      if (message.type === 'entries') seqs.push(...message.entries.map((e: JournalEntry) => e.seq));
    });
    return { socket, seqs, messages };
  }

  async function until(predicate: () => boolean, ms = 5000): Promise<void> {
    const end = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > end) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  it('sends the backlog then live entries, in order, with no gaps or repeats', async () => {
    const sub = subscribe(2);
    // Commands land while the backlog is being sent.
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => api('/commands', { method: 'POST', token: tokens.operator1, body: reportCommand(`直播 ${i}`) })),
    );
    const last = Math.max(...results.map((r) => r.body.seq));
    await until(() => sub.seqs.at(-1) === last);
    expect(sub.messages[0]).toMatchObject({ type: 'ready', user: { role: 'wall' } });
    expect(sub.seqs).toEqual(Array.from({ length: last - 2 }, (_, i) => i + 3));
    sub.socket.close();
  });

  it('refuses a stream without a valid session', async () => {
    const sub = subscribe(0, 'y'.repeat(43));
    const closed = await new Promise<number>((resolve) => sub.socket.on('close', (code) => resolve(code)));
    expect(closed).toBe(1008);
    expect(sub.messages[0]).toMatchObject({ type: 'error', error: { code: 'unauthenticated' } });
  });
});
