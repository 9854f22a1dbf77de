import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { StreamServerMessageSchema } from '../../../shared/protocol/schemas';
import { startHub, type RunningHub } from '../hub';

// A demo room without a town: no units, but the wiring (endpoint, snapshot after ready) is the same.
let hub: RunningHub;
let token: string;

beforeAll(async () => {
  hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-live-')), port: 0, demo: true, demoTown: false, log: () => {} });
  const response = await fetch(`${hub.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator1', password: 'dutydeck-demo' }) });
  token = ((await response.json()) as { token: string }).token;
});

afterAll(async () => {
  await hub.close();
});

describe('live unit positions', () => {
  it('GET /api/v1/units/positions answers every unit with the time', async () => {
    const response = await fetch(`${hub.url}/api/v1/units/positions`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ at: expect.any(String), units: [] });
    expect((await fetch(`${hub.url}/api/v1/units/positions`)).status).toBe(401);
  });

  it('a stream client gets a positions snapshot right after ready', async () => {
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/stream`);
    const types: string[] = [];
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, after: 0 })));
      socket.on('message', (data) => {
        const message = StreamServerMessageSchema.parse(JSON.parse(data.toString()));
        types.push(message.type);
        if (message.type === 'positions') resolve();
      });
      socket.on('error', reject);
    });
    socket.close();
    expect(types.slice(0, 2)).toEqual(['ready', 'positions']);
  });
});
