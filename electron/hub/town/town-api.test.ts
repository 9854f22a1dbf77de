import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type RunningHub } from '../hub';

let hub: RunningHub;
let dataDir: string;
const logs: string[] = [];
const tokens: Record<string, string> = {};

async function get(path: string, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${hub.url}/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: response.status, body: await response.json() };
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-town-api-'));
  hub = await startHub({ dataDir, port: 0, demo: true, log: (line) => logs.push(line) });
  for (const username of ['operator1', 'wall1']) {
    const response = await fetch(`${hub.url}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: 'dutydeck-demo' }),
    });
    tokens[username] = ((await response.json()) as { token: string }).token;
  }
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('the town API in demo mode', () => {
  it('imports the demo town on first start and says so', async () => {
    expect(logs.some((line) => line.includes('imported the demo town'))).toBe(true);
    const { body } = await get('/town', tokens.operator1);
    expect(body).toMatchObject({ imported: true, datum: 'wgs84', counts: { regions: 174, addresses: 60000 }, timeZone: 'Asia/Shanghai' });
  });

  it('requires a session', async () => {
    expect((await get('/town/regions')).status).toBe(401);
  });

  it('serves regions by level, with polygons', async () => {
    const { status, body } = await get('/town/regions?level=grid', tokens.operator1);
    expect(status).toBe(200);
    expect(body.items).toHaveLength(125);
    expect(body.items[0]).toMatchObject({ id: 'G001', level: 'grid', parentId: expect.stringMatching(/^JE/), regionHead: expect.any(String) });
    expect(body.items[0].polygon[0].length).toBeGreaterThan(4);
    expect((await get('/town/regions', tokens.operator1)).body.items).toHaveLength(174);
    expect((await get('/town/regions?level=district', tokens.operator1)).status).toBe(400);
  });

  it('locates a point to its grid and the regions above it', async () => {
    const { body: places } = await get('/town/places', tokens.operator1);
    expect(places.items).toHaveLength(11_120);
    const place = places.items[0];
    expect(Object.keys(place).sort()).toEqual(['gridId', 'id', 'kind', 'lat', 'lon', 'name', 'safetyCode']);
    const { body } = await get(`/town/locate?lon=${place.lon}&lat=${place.lat}`, tokens.operator1);
    expect(body.grid.id).toBe(place.gridId);
    expect(body.ancestors.map((c: any) => c.level)).toEqual(['jointEnforcement', 'emergency', 'riskPrevention', 'command']);
    expect((await get('/town/locate?lon=0&lat=0', tokens.operator1)).body).toEqual({ grid: null, ancestors: [] });
  });

  it('serves the base map, cameras and units; the wall sees masked phones', async () => {
    const { body: map } = await get('/town/basemap', tokens.wall1);
    expect(map.roads.length).toBeGreaterThan(100);
    expect(map.landmarks.map((l: any) => l.name)).toContain('三墩镇人民政府');
    const { body: cameras } = await get('/town/cameras', tokens.wall1);
    expect(cameras.items).toHaveLength(400);
    const { body: units } = await get('/town/units', tokens.wall1);
    expect(units.stations).toHaveLength(12);
    expect(units.teams).toHaveLength(60);
    expect(units.officers[0].phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect((await get('/town/units', tokens.operator1)).body.officers[0].phone).toMatch(/^\d{11}$/);
  });

  it('serves the demo camera clips as HLS, and nothing outside their folder', async () => {
    const { body: cameras } = await get('/town/cameras', tokens.operator1);
    const playlist = await fetch(`${hub.url}${cameras.items[0].streamUrl}`);
    expect(playlist.status).toBe(200);
    expect(playlist.headers.get('content-type')).toBe('application/vnd.apple.mpegurl');
    const text = await playlist.text();
    expect(text).toMatch(/^#EXTM3U/);
    const segment = text.split('\n').find((line) => line.endsWith('.m4s'))!;
    const media = await fetch(`${hub.url}/media/demo/clip-1/${segment}`);
    expect(media.headers.get('content-type')).toBe('video/iso.segment');
    expect((await media.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    expect((await fetch(`${hub.url}/media/demo/%2e%2e/%2e%2e/%2e%2e/package.json`)).status).toBe(404);
  });

  it('does not import again on the next start', async () => {
    await hub.close();
    logs.length = 0;
    hub = await startHub({ dataDir, port: 0, demo: true, log: (line) => logs.push(line) });
    expect(logs.some((line) => line.includes('imported the demo town'))).toBe(false);
  });
});
