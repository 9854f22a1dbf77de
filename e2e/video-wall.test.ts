// The video wall against a real hub with the demo town, in real Chromium: nine tiles of
// the hub's own HLS clips playing (two screenshots a second apart differ, because the
// clips' clocks run), and the tiles handed to the cameras near the incident a commander
// pushes to the wall.
import { readFileSync } from 'node:fs';
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

/** Tiles whose video has moved on by at least half a second during `ms`. */
async function playingTiles(page: Page, ms = 1_500): Promise<number> {
  const times = () => page.$$eval('[data-testid="video-tile"] video', (videos) => videos.map((v) => (v as HTMLVideoElement).currentTime));
  const before = await times();
  await page.waitForTimeout(ms);
  const after = await times();
  return after.filter((t, i) => t - (before[i] ?? t) >= 0.5 || (t < (before[i] ?? 0) && t > 0)).length;
}

/** A checksum of each tile's current video frame, read back through a canvas. */
const frameSums = (page: Page) =>
  page.$$eval('[data-testid="video-tile"] video', (videos) =>
    videos.map((v) => {
      const video = v as HTMLVideoElement;
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 90;
      const context = canvas.getContext('2d')!;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      return context.getImageData(0, 0, canvas.width, canvas.height).data.reduce((sum, value, i) => (sum + value * (i % 251)) % 1_000_000_007, 0);
    }),
  );

const tileCameraIds = (page: Page) =>
  page.$$eval('[data-testid="video-tile"]', (tiles) => tiles.map((tile) => tile.getAttribute('data-camera-id') ?? ''));

describe.skipIf(!chromium)('video wall', () => {
  let hub: HubProcess;
  let browser: Browser;
  let page: Page;
  let cameras: Array<{ id: string; location: LonLat }>;

  beforeAll(async () => {
    hub = await startHubProcess();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    cameras = (await api<{ items: Array<{ id: string; location: LonLat }> }>(hub, '/town/cameras', await tokenFor(hub, 'operator1'))).items;
    await page.goto(`${hub.url}/?window=wall-video&layout=9`);
    await page.getByTestId('login-username').fill('wall1');
    await page.getByTestId('login-password').fill('dutydeck-demo');
    await page.getByTestId('login-submit').click();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('plays nine tiles of live frames', async () => {
    await page.locator('[data-testid="video-wall"][data-layout="9"]').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('video-tile').count()).toBe(9);
    await expect.poll(() => playingTiles(page), { timeout: 45_000, interval: 500 }).toBeGreaterThanOrEqual(6);
    const names = await page.locator('.video-name').allTextContents();
    expect(new Set(names).size).toBe(9);
    const a = await screenshot(page, 'video-wall-9-a');
    await page.waitForTimeout(1_000);
    const b = await screenshot(page, 'video-wall-9-b');
    expect(readFileSync(a).equals(readFileSync(b))).toBe(false);
    // Not only the tiles' clocks: the pictures themselves moved on.
    const framesA = await frameSums(page);
    await page.waitForTimeout(1_000);
    const framesB = await frameSums(page);
    expect(framesA.filter((sum, i) => sum !== framesB[i]).length).toBeGreaterThanOrEqual(6);
  });

  it('hands the tiles to the cameras near the incident the commander focuses', async () => {
    const before = await tileCameraIds(page);
    // An incident at a camera well away from the town's middle, where the wall starts.
    const centre = {
      lon: cameras.reduce((s, c) => s + c.location.lon, 0) / cameras.length,
      lat: cameras.reduce((s, c) => s + c.location.lat, 0) / cameras.length,
    };
    const byDistance = [...cameras].sort((x, y) => distanceMeters(y.location, centre) - distanceMeters(x.location, centre));
    const far = byDistance[Math.floor(byDistance.length * 0.1)]!;
    const near = cameras.filter((c) => distanceMeters(c.location, far.location) < 1_000);
    const operator = await tokenFor(hub, 'operator1');
    const commander = await tokenFor(hub, 'commander1');
    const { incidentId } = await api<{ incidentId: string }>(hub, '/commands', operator, {
      type: 'incident.report',
      payload: { channel: 'phone', category: 'fireHazard', title: '仓库冒烟', description: '路人来电：仓库有烟冒出。', location: far.location, address: '三墩镇边缘仓库' },
      idempotencyKey: `video-wall-e2e-report-${Date.now()}`,
    });
    await api(hub, '/commands', commander, { type: 'wall.focus', payload: { incidentId }, idempotencyKey: `video-wall-e2e-focus-${Date.now()}` });
    await page.locator(`[data-testid="video-wall"][data-focus-id="${incidentId}"]`).waitFor({ timeout: 10_000 });
    await expect.poll(() => tileCameraIds(page), { timeout: 10_000 }).not.toEqual(before);
    const after = await tileCameraIds(page);
    const byId = new Map(cameras.map((c) => [c.id, c]));
    expect(after).toContain(far.id);
    const within = after.filter((id) => distanceMeters(byId.get(id)!.location, far.location) < 1_000);
    expect(within).toHaveLength(Math.min(9, near.length));
    expect(near.length).toBeGreaterThanOrEqual(6);
    await expect.poll(() => playingTiles(page), { timeout: 30_000, interval: 500 }).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'video-wall-9-focus');
  });

  it('says "signal lost" when a stream stops, and plays again when it returns', async () => {
    const ids = await tileCameraIds(page);
    const streams = new Map(((await api<{ items: Array<{ id: string; streamUrl: string }> }>(hub, '/town/cameras', await tokenFor(hub, 'operator1'))).items).map((c) => [c.id, c.streamUrl]));
    // The demo's cameras share a few clips: cut the clip behind the first tile, at the network.
    const clip = streams.get(ids[0]!)!.replace(/\/[^/]*$/, '/');
    const cut = ids.map((id, i) => (streams.get(id)!.startsWith(clip) ? i : -1)).filter((i) => i >= 0);
    const tile = (i: number) => page.getByTestId('video-tile').nth(i);
    const ofClip = (url: URL) => url.pathname.startsWith(clip);
    await page.route(ofClip, (route) => route.abort('connectionreset'));
    for (const i of cut) await tile(i).and(page.locator('[data-status="lost"]')).waitFor({ timeout: 60_000 });
    await expect(tile(cut[0]!).locator('.video-lost-overlay').textContent()).resolves.toMatch(/信号中断/);
    // Only the tiles of that clip: the others keep playing.
    const others = ids.length - cut.length;
    if (others > 0) await expect.poll(() => page.locator('[data-testid="video-tile"][data-status="playing"]').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(Math.min(others, 3));
    await screenshot(page, 'video-wall-signal-lost');
    // A lost tile keeps its place in the grid: the message covers that tile, not the wall.
    const boxes = await page.$$eval('[data-testid="video-tile"]', (tiles) => tiles.map((t) => t.getBoundingClientRect().width));
    expect(Math.max(...boxes) - Math.min(...boxes)).toBeLessThan(2);
    await page.unroute(ofClip);
    for (const i of cut) await tile(i).and(page.locator('[data-status="playing"]')).waitFor({ timeout: 60_000 });
  }, 180_000);
});
