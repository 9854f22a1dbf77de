// A replica seat geocodes from its own copy of the town: address autocomplete, pinyin lookup
// and grid fill answer the same as at the primary, and go on answering while the primary is away.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub';
import { waitingUpTo } from '../../../shared/until.fixture';

const PASSWORD = 'dutydeck-demo';
let primary: RunningHub | null = null;
let replica: RunningHub;

async function get(hub: RunningHub, path: string, token: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

async function login(hub: RunningHub): Promise<string> {
  const response = await fetch(`${hub.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'operator1', password: PASSWORD }) });
  return ((await response.json()) as { token: string }).token;
}

const until = waitingUpTo(30_000);

beforeAll(async () => {
  primary = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-geo-primary-')), port: 0, demo: true, demoHistoryDays: 0, log: () => {}, slaCheckMs: 3_600_000 });
  replica = await startHub({
    dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-geo-replica-')),
    port: 0,
    log: () => {},
    primary: { url: primary.url, credentials: { username: 'operator2', password: PASSWORD }, retryMs: 200 },
  });
}, 120_000);

afterAll(async () => {
  await replica?.close();
  await primary?.close();
});

describe('geocoding at a replica seat', () => {
  it('answers as the primary does, online and with the primary gone', async () => {
    const atPrimary = await login(primary!);
    const atSeat = await login(replica);
    // Autocomplete, a full address and a pinyin abbreviation (振华路 → zhl).
    let house = '';
    for (let n = 1; n < 200 && !house; n++) {
      if ((await get(primary!, `/geocode?q=${encodeURIComponent(`振华路${n}号`)}`, atPrimary)).body.status === 'matched') house = `振华路${n}号`;
    }
    const queries = ['振华路', house, 'zhl'];
    const answers = async (hub: RunningHub, token: string) => Promise.all(queries.map(async (q) => (await get(hub, `/geocode?q=${encodeURIComponent(q)}&limit=5`, token)).body));
    const expected = await answers(primary!, atPrimary);
    expect(expected[1].status).toBe('matched');
    expect(expected[1].match.gridId).toMatch(/\S/);
    expect(expected[2].suggestions.length).toBeGreaterThan(0);
    // The seat copies the town when it first syncs; its index follows.
    await until('the seat geocoding its copy of the town', async () => (await get(replica, `/geocode?q=${encodeURIComponent(queries[1]!)}`, atSeat)).body.status === 'matched');
    expect(await answers(replica, atSeat)).toEqual(expected);

    await primary!.close();
    primary = null;
    await until('the seat to notice the primary is away', async () => (await fetch(`${replica.url}/api/v1/health`).then((r) => r.json())).stale === true);
    expect(await answers(replica, atSeat)).toEqual(expected);
  }, 120_000);
});
