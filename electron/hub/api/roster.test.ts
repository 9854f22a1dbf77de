import { mkdtempSync } from 'node:fs';
import { demoCode } from '../../../e2e/support/second-factor';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RosterSchema } from '../../../shared/protocol/engine';
import { StreamServerMessageSchema } from '../../../shared/protocol/schemas';
import { startHub, type RunningHub } from '../hub';
import { ONLINE_WINDOW_MS, Presence } from './presence';

let hub: RunningHub;
const tokens: Record<string, string> = {};

async function api(path: string, token?: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${hub.url}/api/v1${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function roster(token = tokens.commander1) {
  const { status, body } = await api('/roster', token);
  expect(status).toBe(200);
  return RosterSchema.parse(body);
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-roster-'));
  hub = await startHub({ dataDir, port: 0, demo: true, demoTown: false, log: () => {} });
  for (const username of ['commander1', 'operator1', 'wall1']) {
    const code = await demoCode(dataDir, username);
    const { body } = await api('/sessions', undefined, { method: 'POST', body: JSON.stringify({ username, password: 'dutydeck-demo', ...(code ? { code } : {}) }) });
    tokens[username] = body.token;
  }
});

afterAll(async () => {
  await hub.close();
});

describe('GET /roster', () => {
  it('needs a session', async () => {
    expect((await api('/roster')).status).toBe(401);
  });

  it('lists the room by role with who is online, and no one on duty before a shift starts', async () => {
    const { onDuty, users } = await roster();
    expect(onDuty).toBeNull();
    const byName = new Map(users.map((u) => [u.name, u]));
    expect(byName.get('值班指挥长 陈建国')).toMatchObject({ role: 'commander', online: true, lastSeenAt: expect.any(String) });
    expect(byName.get('坐席员 王敏')).toMatchObject({ role: 'operator', online: true });
    // operator2 never signed in to this hub.
    expect(byName.get('坐席员 李强')).toMatchObject({ role: 'operator', online: false, lastSeenAt: null });
    // No town here (demoTown: false): the region head has no region to answer for and is not made.
    expect(users.map((u) => u.role).sort()).toEqual(['admin', 'commander', 'commander', 'operator', 'operator', 'wall']);
  });

  it('names the commander who started the shift', async () => {
    const started = await api('/commands', tokens.commander1, { method: 'POST', body: JSON.stringify({ type: 'shift.start', payload: {}, idempotencyKey: 'roster-shift-1' }) });
    expect(started.status).toBe(200);
    const { onDuty, users } = await roster(tokens.operator1);
    const commander = users.find((u) => u.role === 'commander')!;
    expect(onDuty).toEqual({ commanderId: commander.id, name: '值班指挥长 陈建国', since: expect.any(String) });
  });

  it('counts an open stream as online, and a signed-out user as offline at once, stream and all', async () => {
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/stream`);
    const ready = new Promise<void>((resolve) => socket.on('message', (data) => JSON.parse(data.toString()).type === 'ready' && resolve()));
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token: tokens.wall1, after: 0 })));
    await ready;
    expect((await roster()).users.find((u) => u.role === 'wall')).toMatchObject({ online: true });
    // Signing the wall's session out ends its stream with it (a session's streams never outlive it).
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    expect((await api('/sessions/current', tokens.wall1, { method: 'DELETE' })).status).toBe(200);
    await closed;
    await new Promise((r) => setTimeout(r, 20));
    expect((await roster()).users.find((u) => u.role === 'wall')).toMatchObject({ online: false, lastSeenAt: expect.any(String) });

    expect((await api('/sessions/current', tokens.operator1, { method: 'DELETE' })).status).toBe(200);
    expect((await roster()).users.find((u) => u.name === '坐席员 王敏')).toMatchObject({ online: false });
  });

  it('tells every open stream when someone comes to a window or leaves, so no desk polls the roster', async () => {
    const heard: Array<{ userId: string; online: boolean }> = [];
    const open = (token: string) =>
      new Promise<WebSocket>((resolve) => {
        const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/stream`);
        socket.on('message', (data) => {
          const message = StreamServerMessageSchema.parse(JSON.parse(data.toString()));
          if (message.type === 'ready') resolve(socket);
          if (message.type === 'presence' && token === tokens.commander1) heard.push({ userId: message.userId, online: message.online });
        });
        socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, after: 0 })));
      });
    const desk = await open(tokens.commander1!);
    const { body } = await api('/sessions', undefined, { method: 'POST', body: JSON.stringify({ username: 'operator2', password: 'dutydeck-demo' }) });
    const operator2 = (await roster()).users.find((u) => u.name === '坐席员 李强')!;
    const until = async (count: number) => {
      for (let i = 0; i < 100 && heard.length < count; i++) await new Promise((r) => setTimeout(r, 10));
    };
    await until(1);
    expect(heard).toEqual([{ userId: operator2.id, online: true }]);
    const seat = await open(body.token);
    seat.close();
    // A stream opened and closed by someone already online changes nothing anyone needs to hear.
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toHaveLength(1);
    expect((await api('/sessions/current', body.token, { method: 'DELETE' })).status).toBe(200);
    await until(2);
    expect(heard).toEqual([
      { userId: operator2.id, online: true },
      { userId: operator2.id, online: false },
    ]);
    desk.close();
  });
});

describe('presence', () => {
  it('goes offline once the last request is older than the window, unless a stream is open', () => {
    let now = Date.parse('2026-11-22T02:00:00Z');
    const presence = new Presence(() => now);
    expect(presence.of('u1')).toEqual({ online: false, lastSeenAt: null });
    presence.touch('u1');
    now += ONLINE_WINDOW_MS;
    expect(presence.of('u1')).toEqual({ online: true, lastSeenAt: '2026-11-22T02:00:00.000Z' });
    now += 1;
    expect(presence.of('u1').online).toBe(false);
    const first = presence.streamOpened('u1');
    const second = presence.streamOpened('u1');
    now += 10 * ONLINE_WINDOW_MS;
    first();
    first(); // closing twice counts once
    expect(presence.of('u1').online).toBe(true);
    now += 10 * ONLINE_WINDOW_MS;
    expect(presence.of('u1')).toEqual({ online: true, lastSeenAt: new Date(now).toISOString() });
    second();
    now += ONLINE_WINDOW_MS + 1;
    expect(presence.of('u1').online).toBe(false);
  });

  it('says when a user turns on- or offline, once each time, the window running out included', () => {
    let now = Date.parse('2026-11-22T02:00:00Z');
    const timers: Array<{ at: number; run: () => void; cancelled: boolean }> = [];
    const presence = new Presence(
      () => now,
      (run, ms) => {
        const timer = { at: now + ms, run, cancelled: false };
        timers.push(timer);
        return () => (timer.cancelled = true);
      },
    );
    /** Moves the clock on, running the timers that fall due as setTimeout would. */
    const advance = (ms: number) => {
      now += ms;
      for (const timer of timers.splice(0)) {
        if (timer.cancelled) continue;
        if (timer.at <= now) timer.run();
        else timers.push(timer);
      }
    };
    const heard: string[] = [];
    presence.onChange((userId, { online }) => heard.push(`${userId} ${online ? 'online' : 'offline'}`));

    presence.touch('u1');
    presence.touch('u1');
    expect(heard).toEqual(['u1 online']);
    advance(ONLINE_WINDOW_MS / 2);
    presence.touch('u1'); // the window starts again from here
    advance(ONLINE_WINDOW_MS / 2 + 1);
    expect(heard).toEqual(['u1 online']);
    advance(ONLINE_WINDOW_MS / 2);
    expect(heard).toEqual(['u1 online', 'u1 offline']);

    const closeStream = presence.streamOpened('u1');
    advance(10 * ONLINE_WINDOW_MS);
    expect(heard).toEqual(['u1 online', 'u1 offline', 'u1 online']);
    closeStream();
    advance(ONLINE_WINDOW_MS);
    expect(heard).toHaveLength(3);
    advance(1);
    expect(heard.at(-1)).toBe('u1 offline');

    // Signing out ends the session's streams (JournalStream): offline when the last one closes.
    const u2Stream = presence.streamOpened('u2');
    presence.signedOut('u2');
    u2Stream();
    expect(heard.slice(-2)).toEqual(['u2 online', 'u2 offline']);
    // Nothing was left waiting to say it again.
    advance(10 * ONLINE_WINDOW_MS);
    expect(heard.slice(-2)).toEqual(['u2 online', 'u2 offline']);
    expect(heard).toHaveLength(6);
  });
});
