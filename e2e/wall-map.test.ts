// The wall map against a real hub with the demo town, in real Chromium (WebGL through
// SwiftShader): the town drawn offline at town and street zoom, and the map flying to the
// incident a commander pushes to the wall. The screenshots are for a person to judge.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { screenshot } from './support/screenshots';
import { api, tokenFor } from './support/session';
import { distanceMeters } from '../shared/geo/distance';

const chromium = findChromium();

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
    hub = await startHubProcess();
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
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('draws the whole town with every layer on', async () => {
    await waitForMap(page);
    const map = page.getByTestId('wall-map');
    await expect(map.getAttribute('data-incidents')).resolves.toBe(String(reported.length));
    for (const layer of ['emergency', 'jointEnforcement', 'grid', 'places', 'cameras', 'units', 'incidents']) {
      await expect(page.getByTestId(`layer-${layer}`).isChecked()).resolves.toBe(true);
    }
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
});
