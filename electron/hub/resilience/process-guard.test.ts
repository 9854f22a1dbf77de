// A real hub process whose code throws outside any request: it logs both errors and keeps
// serving, because a duty room's seats, wall and SLA clocks all hang on that one process.
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../../../e2e/support/hub-process';

let hub: HubProcess | undefined;

afterAll(async () => {
  await hub?.stop();
});

describe('process guards', () => {
  it('log an uncaught exception and an unhandled rejection, and the hub keeps serving', async () => {
    const fixture = join(__dirname, 'fixtures', 'throw-on-signal.mjs');
    hub = await startHubProcess({ demo: false, env: { NODE_OPTIONS: `--import ${fixture}` } });
    expect((await fetch(`${hub.url}/api/v1/health`)).status).toBe(200);
    process.kill(hub.pid, 'SIGUSR2');
    const end = Date.now() + 10_000;
    while (!(hub.output().includes('injected uncaught exception') && hub.output().includes('injected unhandled rejection')) && Date.now() < end) {
      await new Promise((done) => setTimeout(done, 50));
    }
    expect(hub.output()).toMatch(/an error nobody caught \(uncaughtException\).*injected uncaught exception/s);
    expect(hub.output()).toMatch(/a promise failed with nobody waiting for it.*injected unhandled rejection/s);
    expect(hub.exitCode()).toBeNull();
    expect((await fetch(`${hub.url}/api/v1/health`)).status).toBe(200);
  }, 60_000);
});
