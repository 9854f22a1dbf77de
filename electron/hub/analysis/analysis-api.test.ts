import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub';

let hub: RunningHub;
let token = '';

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-analysis-api-')), port: 0, demo: true, demoHistoryDays: 0, riskCheckMs: 100, warningCheckMs: 100, log: () => {} });
  const response = await fetch(`${hub.url}/api/v1/sessions`, { method: 'POST', body: JSON.stringify({ username: 'operator1', password: 'dutydeck-demo' }), headers: { 'content-type': 'application/json' } });
  token = ((await response.json()) as { token: string }).token;
}, 30_000);
afterAll(() => hub?.close());

describe('analysis API', () => {
  it('answers the indices of a day for the town or one region', async () => {
    const all = await get('/indices?date=2026-11-20');
    expect(all.status).toBe(200);
    expect(all.body.items.length).toBeGreaterThan(100);
    const town = all.body.items.find((r: { level: string }) => r.level === 'command');
    const one = await get(`/indices?date=2026-11-20&region=${town.regionId}`);
    expect(one.body.items).toEqual([town]);
    expect(town.indices.riskSites.inputs.places).toBeGreaterThan(0);
    expect((await get('/indices?date=20-11-2026')).status).toBe(400);
  });

  it('journals the risk map and answers it with reasons; warnings are a list', async () => {
    await expect.poll(async () => (await get('/risk')).body.items.filter((g: { since: string | null }) => g.since !== null).length, { timeout: 5000 }).toBeGreaterThan(100);
    const risk = await get('/risk');
    expect(risk.status).toBe(200);
    expect(risk.body.items[0]).toHaveProperty('reasons.placesByCode');
    const warnings = await get('/warnings');
    expect(warnings.status).toBe(200);
    expect(warnings.body.items).toEqual([]);
  });
});
