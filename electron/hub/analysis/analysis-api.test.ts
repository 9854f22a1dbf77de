import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { townDay } from '../../../shared/time';
import { firstRiskScores } from '../api/risk-scores.fixture';
import { startHub, type RunningHub } from '../hub';

let hub: RunningHub;
let token = '';

async function get(path: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}/api/v1${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-analysis-api-')), port: 0, demo: true, demoHistoryDays: 0, riskCheckMs: 100, riskScoresMs: 200, warningCheckMs: 100, log: () => {} });
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

  it('answers the heat map as flat points, not records, and refuses a bad query in words', async () => {
    const post = (body: unknown) => fetch(`${hub.url}/api/v1/commands`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const since = new Date(Date.now() - 60_000).toISOString();
    const locations = [
      { lon: 120.071, lat: 30.331 },
      { lon: 120.082, lat: 30.342 },
    ];
    for (const [i, location] of locations.entries()) {
      expect((await post({ type: 'incident.report', idempotencyKey: `heat-${process.pid}-${i}`, payload: { channel: 'hotline12345', category: 'noise', title: `热力 ${i}`, location } })).status).toBe(200);
    }
    const heat = await get(`/heat?since=${encodeURIComponent(since)}`);
    expect(heat.status).toBe(200);
    expect(heat.body.truncated).toBe(false);
    expect(heat.body.points).toHaveLength(6);
    // Newest first: the second report, then the first.
    expect(heat.body.points.slice(0, 2)).toEqual([120.082, 30.342]);
    expect(heat.body.points[2]).toBeGreaterThanOrEqual(Date.parse(since));
    const one = await get(`/heat?since=${encodeURIComponent(since)}&limit=1`);
    expect(one.body).toEqual({ points: heat.body.points.slice(0, 3), truncated: true });
    const bad = await get('/heat?since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'invalid', path: 'query.since' });
  });

  it('counts a town day by category and channel from the analysis, for the duty room only', async () => {
    const post = (body: unknown) => fetch(`${hub.url}/api/v1/commands`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const today = townDay(Date.now());
    const before = (await get(`/day-counts?date=${today}`)).body as { total: number; byChannel: Array<{ key: string; count: number }> };
    expect((await post({ type: 'incident.report', idempotencyKey: `day-${process.pid}`, payload: { channel: 'gridApp', category: 'noise', title: '今日计数', location: { lon: 120.075, lat: 30.335 } } })).status).toBe(200);
    const after = await get(`/day-counts?date=${today}`);
    expect(after.status).toBe(200);
    expect(after.body.date).toBe(today);
    expect(after.body.total).toBe(before.total + 1);
    const grid = (counts: typeof before) => counts.byChannel.find((c) => c.key === 'gridApp')?.count ?? 0;
    expect(grid(after.body)).toBe(grid(before) + 1);
    // Yesterday by default; a malformed day is refused in words.
    expect((await get('/day-counts')).body.date).not.toBe(today);
    expect((await get('/day-counts?date=today')).status).toBe(400);
    // A unit's account acts on its own assignments: the town's figures are not its to read.
    const unit = await fetch(`${hub.url}/api/v1/sessions`, { method: 'POST', body: JSON.stringify({ username: 'unit1', password: 'dutydeck-demo' }), headers: { 'content-type': 'application/json' } });
    expect(unit.ok).toBe(true);
    const unitToken = ((await unit.json()) as { token: string }).token;
    const refused = await fetch(`${hub.url}/api/v1/day-counts`, { headers: { authorization: `Bearer ${unitToken}` } });
    expect(refused.status).toBe(403);
  });

  it('sends every grid\u2019s live score on the stream, validated as the windows read it, the same as GET /risk', async () => {
    const scores = await firstRiskScores(hub.url, token);
    const risk = (await get('/risk')).body.items as Array<{ gridId: string; score: number }>;
    expect(scores.length).toBe(risk.length);
    expect(scores.length).toBeGreaterThan(100);
    expect(new Set(scores.map((s) => s.gridId))).toEqual(new Set(risk.map((r) => r.gridId)));
  });
});
