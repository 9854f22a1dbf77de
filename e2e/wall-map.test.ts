// The wall map against a real hub with the demo town and a month of its history, in real
// Chromium (WebGL through SwiftShader): the town drawn offline at town and street zoom, the
// map flying to the incident a commander pushes to the wall, and the analysis overlays (heat,
// five-colour risk map, patrol suggestion) with the units' trails. The screenshots are for a
// person to judge.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { join } from 'node:path';
import { screenshot, SCREENSHOT_DIR } from './support/screenshots';
import { api, tokenFor } from './support/session';
import { distanceMeters } from '../shared/geo/distance';

const chromium = findChromium();
const LIVE_LAYERS = ['emergency', 'jointEnforcement', 'grid', 'places', 'cameras', 'units', 'trails', 'incidents'];
const ANALYSIS_LAYERS = ['heat', 'risk', 'patrol'];

interface MapHook {
  setView(view: { longitude: number; latitude: number; zoom: number }): void;
  moveUnits(updates: Array<{ id: string; lon: number; lat: number }>, at?: number): number;
  unitIds(): string[];
  project(lon: number, lat: number): [number, number] | null;
}

/** With every overlay on, SwiftShader needs well over the default 30 s for a 1080p frame on a busy machine. */
async function slowScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), timeout: 120_000 });
}

async function setView(page: Page, view: { longitude: number; latitude: number; zoom: number }): Promise<void> {
  await page.evaluate((v) => (window as unknown as { __dutydeckWallMap: MapHook }).__dutydeckWallMap.setView(v), view);
}

async function setLayer(page: Page, layer: string, on: boolean): Promise<void> {
  const box = page.getByTestId(`layer-${layer}`);
  if ((await box.isChecked()) !== on) await box.click();
}

interface LonLat {
  lon: number;
  lat: number;
}

let commandCount = 0;
async function command(hub: HubProcess, token: string, type: string, payload: unknown): Promise<{ incidentId?: string }> {
  commandCount += 1;
  return api(hub, '/commands', token, { type, payload, idempotencyKey: `wall-map-e2e-${commandCount}-${Date.now()}` });
}

/** Vertex mean of a polygon's outer ring: inside for the demo town's compact grids. */
function centre(polygon: number[][][]): LonLat {
  const ring = polygon[0]!.slice(0, -1);
  return { lon: ring.reduce((s, p) => s + p[0]!, 0) / ring.length, lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length };
}

async function waitForMap(page: Page): Promise<void> {
  await page.locator('[data-testid="wall-map"][data-ready="true"]').waitFor({ timeout: 30_000 });
}

/** Frames land asynchronously under SwiftShader; give the last one time to reach the screen. */
async function settle(page: Page, ms = 600): Promise<void> {
  await page.waitForTimeout(ms);
}

describe.skipIf(!chromium)('wall map', () => {
  let hub: HubProcess;
  let browser: Browser;
  let page: Page;
  let operator: string;
  let commander: string;
  const reported: Array<{ id: string; at: LonLat }> = [];

  beforeAll(async () => {
    // A month of history: the heat map and the risk map need one to show anything.
    hub = await startHubProcess({ historyDays: 30 });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    operator = await tokenFor(hub, 'operator1');
    commander = await tokenFor(hub, 'commander1');

    const { items: grids } = await api<{ items: Array<{ name: string; polygon: number[][][] }> }>(hub, '/town/regions?level=grid', operator);
    const reports = [
      { grid: 17, channel: 'hotline12345', category: 'streetVending', title: '振华路菜场门口占道经营', description: '市民来电：早市摊贩占用人行道。' },
      { grid: 64, channel: 'gridApp', category: 'fireHazard', title: '沿街商铺电动车违规充电', description: '网格员巡查发现：店内飞线充电。' },
      { grid: 101, channel: 'phone', category: 'noise', title: '工地夜间施工噪声扰民', description: '居民来电：23 点后仍在施工。' },
    ];
    for (const report of reports) {
      const grid = grids[report.grid % grids.length]!;
      const at = centre(grid.polygon);
      const { incidentId } = await command(hub, operator, 'incident.report', {
        channel: report.channel,
        category: report.category,
        title: report.title,
        description: report.description,
        location: at,
        address: `三墩镇${grid.name}`,
      });
      reported.push({ id: incidentId!, at });
    }
    // The second one is triaged and sent to its two nearest units, so the focus has lines to draw.
    const second = reported[1]!;
    await command(hub, operator, 'incident.triage', { incidentId: second.id, category: 'fireHazard', priority: 'P3', lead: 'emergencyManagement' });
    const { items: units } = await api<{ items: Array<{ id: string; location: LonLat; status: string }> }>(hub, '/units', operator);
    const nearest = units
      .filter((unit) => unit.status === 'available')
      .sort((a, b) => distanceMeters(a.location, second.at) - distanceMeters(b.location, second.at))
      .slice(0, 2);
    await command(hub, operator, 'incident.dispatch', { incidentId: second.id, unitIds: nearest.map((unit) => unit.id) });

    await page.goto(`${hub.url}/?window=wall-map`);
    await page.getByTestId('login-username').fill('wall1');
    await page.getByTestId('login-password').fill('dutydeck-demo');
    await page.getByTestId('login-submit').click();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('draws the whole town with every layer on', async () => {
    await waitForMap(page);
    const map = page.getByTestId('wall-map');
    const { items: open } = await api<{ items: Array<{ location: LonLat | null }> }>(hub, '/incidents?status=open', operator);
    expect(open.length).toBeGreaterThanOrEqual(reported.length);
    await expect(map.getAttribute('data-incidents')).resolves.toBe(String(open.filter((i) => i.location).length));
    for (const layer of LIVE_LAYERS) await expect(page.getByTestId(`layer-${layer}`).isChecked()).resolves.toBe(true);
    // The analysis overlays colour whole areas: off until someone asks for them.
    for (const layer of ANALYSIS_LAYERS) await expect(page.getByTestId(`layer-${layer}`).isChecked()).resolves.toBe(false);
    await settle(page);
    await screenshot(page, 'wall-map-town');
  });

  it('turns a layer off and on from the keyboard', async () => {
    const cameras = page.getByTestId('layer-cameras');
    await cameras.focus();
    await page.keyboard.press('Space');
    await expect(cameras.isChecked()).resolves.toBe(false);
    await page.keyboard.press('Space');
    await expect(cameras.isChecked()).resolves.toBe(true);
    await cameras.blur();
  });

  it('shows every place and street name at street zoom', async () => {
    const { at } = reported[0]!;
    await page.evaluate((view) => {
      (window as unknown as { __dutydeckWallMap: { setView(v: unknown): void } }).__dutydeckWallMap.setView(view);
    }, { longitude: at.lon, latitude: at.lat, zoom: 16.4 });
    await page.locator('[data-testid="wall-map"][data-band="street"]').waitFor();
    await settle(page, 1_000);
    await screenshot(page, 'wall-map-street');
  });

  it('flies to the incident the commander pushes to the wall', async () => {
    const focused = reported[1]!;
    await command(hub, commander, 'wall.focus', { incidentId: focused.id });
    const map = page.getByTestId('wall-map');
    await page.locator(`[data-testid="wall-map"][data-focus-id="${focused.id}"]`).waitFor({ timeout: 5_000 });
    await page.locator(`[data-testid="wall-map"][data-arrived-id="${focused.id}"]`).waitFor({ timeout: 10_000 });
    await expect(map.getAttribute('data-band')).resolves.toBe('street');
    // The incident is now in the middle of the map: a click there opens its card.
    const box = (await map.boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(page.getByTestId('map-card').textContent()).resolves.toContain('沿街商铺电动车违规充电');
    // Off the map, so the hover tooltip does not cover the focus lines in the picture.
    await page.mouse.move(box.x + 2, box.y + 2);
    await settle(page, 800);
    await screenshot(page, 'wall-map-focus');
  });

  it('shows the risk map with every grid in its colour, and a grid’s score and reasons on hover', async () => {
    const { items: risk } = await api<{ items: Array<{ gridId: string; colour: string; score: number }> }>(hub, '/risk', operator);
    const { items: grids } = await api<{ items: Array<{ id: string; name: string; polygon: number[][][] }> }>(hub, '/town/regions?level=grid', operator);
    expect(risk.length).toBe(grids.length);
    const colours = new Set(risk.map((r) => r.colour));
    // The incident card from the focus test would cover the top right of the map.
    await page.keyboard.press('Escape');
    for (const layer of [...LIVE_LAYERS, ...ANALYSIS_LAYERS]) await setLayer(page, layer, layer === 'risk' || layer === 'grid');
    const map = page.getByTestId('wall-map');
    await expect(map.getAttribute('data-risk-grids')).resolves.toBe(String(grids.length));
    // The legend names the five colours.
    const legend = page.getByTestId('map-legend');
    for (const name of ['红色', '橙色', '黄色', '蓝色', '绿色']) await expect(legend.textContent()).resolves.toContain(name);

    const all = grids.map((g) => centre(g.polygon));
    const mid = { lon: all.reduce((s, c) => s + c.lon, 0) / all.length, lat: all.reduce((s, c) => s + c.lat, 0) / all.length };
    await setView(page, { longitude: mid.lon, latitude: mid.lat, zoom: 13.4 });
    await page.locator('[data-testid="wall-map"][data-band="town"]').waitFor();
    await settle(page, 1_000);

    // Hover a grid of the worst colour near the middle (clear of the legend): the tooltip
    // says its name, its level and its score.
    const rank = ['green', 'blue', 'yellow', 'orange', 'red'];
    const top = Math.max(...risk.map((r) => rank.indexOf(r.colour)));
    const away = (g: { polygon: number[][][] }) => Math.hypot(centre(g.polygon).lon - mid.lon, centre(g.polygon).lat - mid.lat);
    const worstGrid = grids.filter((g) => rank.indexOf(risk.find((r) => r.gridId === g.id)!.colour) === top).sort((a, b) => away(a) - away(b))[0]!;
    const worst = risk.find((r) => r.gridId === worstGrid.id)!;
    const at = centre(worstGrid.polygon);
    const point = await page.evaluate(({ lon, lat }) => (window as unknown as { __dutydeckWallMap: MapHook }).__dutydeckWallMap.project(lon, lat), at);
    const box = (await map.boundingBox())!;
    expect(point).not.toBeNull();
    if (point) {
      await page.mouse.move(box.x + point[0]! - 6, box.y + point[1]! - 6);
      await page.mouse.move(box.x + point[0]!, box.y + point[1]!, { steps: 4 });
      const tooltip = page.locator('.map-tooltip');
      await tooltip.waitFor({ timeout: 30_000 });
      const text = (await tooltip.textContent()) ?? '';
      expect(text).toContain(worstGrid.name);
      expect(text).toContain('风险分');
      expect(text).toContain(`${Math.round(worst.score)} 分`);
    }
    await settle(page, 600);
    await slowScreenshot(page, 'risk-map');
    await page.mouse.move(box.x + 2, box.y + 2);
    expect(colours.size).toBeGreaterThan(1);
  }, 200_000);

  it('draws every layer at once: heat, risk, patrol arrows and the units’ trails', async () => {
    for (const layer of [...LIVE_LAYERS, ...ANALYSIS_LAYERS]) await setLayer(page, layer, true);
    const map = page.getByTestId('wall-map');
    // The month's incidents behind the heat map.
    await expect.poll(async () => Number((await map.getAttribute('data-heat-points')) || 0), { timeout: 30_000 }).toBeGreaterThan(1_000);
    await expect(page.getByTestId('map-legend').textContent()).resolves.toContain('近 30 日');

    // Red and orange grids are listed with the units that could move there.
    const { items: risk } = await api<{ items: Array<{ colour: string }> }>(hub, '/risk', operator);
    const risky = risk.filter((r) => r.colour === 'red' || r.colour === 'orange').length;
    const panel = page.getByTestId('patrol-panel');
    await expect.poll(() => panel.getAttribute('data-grids'), { timeout: 15_000 }).toBe(String(risky));
    if (risky > 0) {
      await expect.poll(() => page.getByTestId('patrol-move').count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await expect.poll(async () => Number((await map.getAttribute('data-patrol-moves')) || 0)).toBeGreaterThan(0);
    }

    // A minute of movement for a few units, each through a grid's centre, as the stream's
    // 1 Hz positions would bring it.
    const { items: grids } = await api<{ items: Array<{ polygon: number[][][] }> }>(hub, '/town/regions?level=grid', operator);
    const all = grids.map((g) => centre(g.polygon));
    const starts = all.filter((_, i) => i % 3 === 0).slice(0, 40);
    const moved = await page.evaluate((from) => {
      const hook = (window as unknown as { __dutydeckWallMap: MapHook }).__dutydeckWallMap;
      const ids = hook.unitIds().slice(0, from.length);
      const now = Date.now();
      for (let s = 0; s <= 50; s += 2) {
        hook.moveUnits(
          ids.map((id, i) => ({ id, lon: from[i]!.lon - 0.003 + s * 0.00012, lat: from[i]!.lat + Math.sin(s / 12 + i) * 0.0015 })),
          now - (50 - s) * 1_000,
        );
      }
      return ids.length;
    }, starts);
    await expect.poll(async () => Number((await map.getAttribute('data-trails')) || 0)).toBe(moved);

    const mid = { lon: all.reduce((s, c) => s + c.lon, 0) / all.length, lat: all.reduce((s, c) => s + c.lat, 0) / all.length };
    await setView(page, { longitude: mid.lon, latitude: mid.lat, zoom: 13.4 });
    await page.locator('[data-testid="wall-map"][data-band="town"]').waitFor();
    await settle(page, 1_500);
    await slowScreenshot(page, 'wall-map-all-layers-town');

    await setView(page, { longitude: starts[0]!.lon, latitude: starts[0]!.lat, zoom: 16.2 });
    await page.locator('[data-testid="wall-map"][data-band="street"]').waitFor();
    await settle(page, 1_500);
    await slowScreenshot(page, 'wall-map-all-layers-street');
  }, 400_000);
});
