// The attack bench's checks (e2e/support/attacks.ts) must attack and observe for real: against
// a hub they hold, against a server that accepts everything they do not.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../electron/hub/hub';
import { AttackContext, HTTP, INTAKE, runCategory, WEBSOCKET, type Category, type Check } from './support/attacks';

const pick = (category: Category, name: string): Check => {
  const check = category.checks.find((c) => c.name === name || c.name.endsWith(name));
  if (!check) throw new Error(`no check "${name}" in ${category.id}`);
  return check;
};

const CHECKS = [pick(WEBSOCKET, 'unmasked client frame'), pick(HTTP, 'unknown API route → 404, not 500'), pick(INTAKE, 'billion laughs (DOCTYPE, nested entities)')];

describe('the attack checks against a hub', () => {
  let hub: RunningHub;

  beforeAll(async () => {
    hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-attacks-')), port: 0, demo: true, demoTown: false, log: () => {} });
  });

  afterAll(async () => {
    await hub?.close();
  });

  it('holds: the frame closed with its code, the route 404, the entity attack refused fast, nothing journaled', async () => {
    const context = new AttackContext({ url: hub.url, port: hub.port });
    // Signed in first, as the bench is: a sign-in is journaled, a refusal is not.
    await context.token('operator1');
    const result = await runCategory(context, { id: 'sample', refusalsOnly: true, checks: CHECKS });
    expect(result.results.map((r) => [r.name, r.held, r.detail])).toEqual(CHECKS.map((c) => [c.name, true, expect.any(String)]));
    expect(result.results[0]!.detail).toMatch(/closed with 1002/);
    expect(result.results[2]!.detail).toMatch(/answered 400 invalid/);
    expect(result.seqAfter).toBe(result.seqBefore);
  });
});

describe('the attack checks against a server that refuses nothing', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    // Signs anyone in, takes every POST (201) and fails every GET (500) but /health; never upgrades.
    server = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        const health = request.url === '/api/v1/health';
        const body = health ? { ok: true, journalSeq: 1 } : request.url === '/api/v1/sessions' ? { token: 'a'.repeat(43) } : { incidentId: 'x', status: 'created' };
        response.writeHead(health ? 200 : request.method === 'POST' ? 201 : 500, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('does not hold: each check reports what it saw instead', async () => {
    const context = new AttackContext({ url: `http://127.0.0.1:${port}`, port });
    const outcomes = await Promise.all(CHECKS.map((check) => check.run(context)));
    expect(outcomes.map((o) => o.held)).toEqual([false, false, false]);
    expect(outcomes[0]!.detail).toMatch(/not 101/);
    expect(outcomes[1]!.detail).toMatch(/answered 500/);
    expect(outcomes[2]!.detail).toMatch(/answered 201/);
  });
});
