// The wall in real Chromium (SwiftShader here; a GPU where one is lent), against a real
// demo hub serving the instrumented renderer (`npm run build:renderer:instrumented` first):
//  (a) frame time while panning the wall map with every layer on (the live overlays, the
//      units' trails, the 30-day heat map, the five-colour risk map and the patrol arrows),
//      against the base map alone in the same run — the ratio is what SwiftShader can tell us;
//  (b) main-thread cost of one 1 Hz batch of unit positions (positions, trails, layers,
//      deck.gl redraw), with every layer on;
//  (c) JS heap of a 16-tile video wall after 1 minute and after WALL_BENCH_MINUTES (default
//      10), after a forced GC each time; growth target < 10 %.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import { INSTRUMENTED_RENDERER_DIR, startHubProcess, type HubProcess } from '../e2e/support/hub-process';
import type { BenchResult } from './support/result';
import { fmt, percentile } from './support/stats';

const MAP_LAYERS = ['emergency', 'jointEnforcement', 'grid', 'places', 'cameras', 'units', 'trails', 'incidents', 'heat', 'risk', 'patrol'];
/** Days of demo history: the heat and risk maps draw a month. */
const HISTORY_DAYS = 30;
const PAN_FRAMES = 90;
/** The map is measured at 1280×720: under SwiftShader a 1080p frame takes seconds. */
const UNIT_BATCHES = 40;
/** Each measurement stops at whichever comes first, its count or its time budget. */
// Under SwiftShader a frame with the heat map's GPU aggregation takes seconds: a minute
// gives each case enough frames to compare; on a GPU the count stops it first.
const PAN_BUDGET_MS = 60_000;
const UNIT_BUDGET_MS = 15_000;

interface MapHook {
  setView(view: { longitude: number; latitude: number; zoom: number }): void;
  moveUnits(updates: Array<{ id: string; lon: number; lat: number }>, at?: number): number;
  unitIds(): string[];
}

async function login(page: Page, hub: HubProcess, search: string): Promise<void> {
  // tsx compiles this file keeping function names through a `__name` helper, which the
  // functions handed to page.evaluate then call inside the page.
  await page.addInitScript({ content: 'window.__name = (f) => f;' });
  await page.goto(`${hub.url}/?${search}`);
  await page.getByTestId('login-username').fill('wall1');
  await page.getByTestId('login-password').fill('dutydeck-demo');
  await page.getByTestId('login-submit').click();
}

/** Frame intervals (ms) of a requestAnimationFrame loop that pans the map a little each frame. */
async function panFrames(page: Page, centre: { lon: number; lat: number }): Promise<number[]> {
  return page.evaluate(
    ({ frames, budgetMs, lon, lat }) =>
      new Promise<number[]>((resolve) => {
        const hook = (window as unknown as { __dutydeckWallMap: MapHook }).__dutydeckWallMap;
        const intervals: number[] = [];
        let last = 0;
        let n = 0;
        const first = performance.now();
        const step = (at: number) => {
          if (last) intervals.push(at - last);
          last = at;
          const phase = (n / frames) * Math.PI * 2;
          hook.setView({ longitude: lon + 0.02 * Math.cos(phase), latitude: lat + 0.012 * Math.sin(phase), zoom: 13.5 });
          n += 1;
          if (n <= frames && at - first < budgetMs) requestAnimationFrame(step);
          else resolve(intervals.slice(2)); // the first frames warm caches up
        };
        requestAnimationFrame(step);
      }),
    { frames: PAN_FRAMES, budgetMs: PAN_BUDGET_MS, lon: centre.lon, lat: centre.lat },
  );
}

async function mapFigures(hub: HubProcess, page: Page): Promise<Record<string, number | string>> {
  await login(page, hub, 'window=wall-map');
  await page.locator('[data-testid="wall-map"][data-ready="true"]').waitFor({ timeout: 60_000 });
  // Every layer on, the analysis overlays (off by default) included, with their data in.
  for (const layer of MAP_LAYERS) await page.getByTestId(`layer-${layer}`).check();
  await page.locator('[data-testid="wall-map"]:not([data-heat-points=""]):not([data-risk-grids=""])').waitFor({ timeout: 60_000 });
  const heatPoints = Number(await page.getByTestId('wall-map').getAttribute('data-heat-points'));
  const token = await (await fetch(`${hub.url}/api/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'operator1', password: 'dutydeck-demo' }),
  }).then((r) => r.json() as Promise<{ token: string }>)).token;
  const cameras = (await fetch(`${hub.url}/api/v1/town/cameras`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as {
    items: Array<{ location: { lon: number; lat: number } }>;
  };
  const centre = {
    lon: cameras.items.reduce((s, c) => s + c.location.lon, 0) / cameras.items.length,
    lat: cameras.items.reduce((s, c) => s + c.location.lat, 0) / cameras.items.length,
  };

  const progress = (what: string) => process.stdout.write(`  … ${what}\n`);
  progress('panning with every layer on');
  const all = await panFrames(page, centre);
  progress('panning the base map alone');
  for (const layer of MAP_LAYERS) await page.getByTestId(`layer-${layer}`).uncheck();
  await page.waitForTimeout(500);
  const base = await panFrames(page, centre);
  for (const layer of MAP_LAYERS) await page.getByTestId(`layer-${layer}`).check();
  await page.waitForTimeout(500);

  progress('unit position batches');
  // One 1 Hz batch: every unit moves a few metres, as the hub's positions message would say.
  const costs = await page.evaluate(
    ({ batches, budgetMs }) => {
      const hook = (window as unknown as { __dutydeckWallMap: MapHook }).__dutydeckWallMap;
      const ids = hook.unitIds();
      const origin = ids.map((_, i) => ({ lon: 120.05 + (i % 20) * 0.003, lat: 30.3 + Math.floor(i / 20) * 0.002 }));
      const out: number[] = [];
      const first = performance.now();
      for (let b = 0; b < batches && performance.now() - first < budgetMs; b += 1) {
        out.push(hook.moveUnits(ids.map((id, i) => ({ id, lon: origin[i]!.lon + b * 0.00003, lat: origin[i]!.lat + b * 0.00002 }))));
      }
      const trails = Number(document.querySelector('[data-testid="wall-map"]')?.getAttribute('data-trails') || 0);
      return { units: ids.length, costs: out.slice(Math.min(5, out.length - 1)), trails };
    },
    { batches: UNIT_BATCHES, budgetMs: UNIT_BUDGET_MS },
  );
  const p = (values: number[], q: number) => percentile(values, q);
  return {
    'map pan, all layers: frame p50 (ms)': fmt(p(all, 50)),
    'map pan, all layers: frame p95 (ms)': fmt(p(all, 95)),
    'map pan, base map only: frame p50 (ms)': fmt(p(base, 50)),
    'map pan, base map only: frame p95 (ms)': fmt(p(base, 95)),
    'map pan p50 ratio all/base': fmt(p(all, 50) / p(base, 50)),
    'map pan p95 ratio all/base': fmt(p(all, 95) / p(base, 95)),
    'map pan: frames measured all / base': `${all.length} / ${base.length}`,
    'unit update: units per batch': costs.units,
    'unit update: batches measured': costs.costs.length,
    'unit update: main thread p50 (ms)': fmt(p(costs.costs, 50)),
    'unit update: main thread p99 (ms)': fmt(p(costs.costs, 99)),
    'unit update: trails drawn after the batches': costs.trails,
    'heat map: incidents of the last 30 days': heatPoints,
  };
}

async function heapAfterGc(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await cdp.detach();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
}

const playingCount = (page: Page) => page.locator('[data-testid="video-tile"][data-status="playing"]').count();
const bufferedSeconds = (page: Page) =>
  page.$$eval('[data-testid="video-tile"] video', (videos) =>
    Math.max(0, ...videos.map((v) => {
      const b = (v as HTMLVideoElement).buffered;
      let sum = 0;
      for (let i = 0; i < b.length; i += 1) sum += b.end(i) - b.start(i);
      return sum;
    })),
  );

async function videoFigures(hub: HubProcess, page: Page, minutes: number): Promise<{ figures: Record<string, number | string>; growth: number }> {
  await login(page, hub, 'window=wall-video&layout=16');
  await page.locator('[data-testid="video-wall"][data-layout="16"]').waitFor({ timeout: 30_000 });
  const started = Date.now();
  process.stdout.write(`  … 16-tile video wall for ${minutes} min\n`);
  await page.waitForTimeout(60_000);
  const at1 = await heapAfterGc(page);
  const playing1 = await playingCount(page);
  await page.waitForTimeout(Math.max(0, minutes * 60_000 - (Date.now() - started)));
  const atN = await heapAfterGc(page);
  const growth = ((atN - at1) / at1) * 100;
  return {
    growth,
    figures: {
      'video wall: tiles playing at 1 min / at end': `${playing1} / ${await playingCount(page)} of 16`,
      'video wall: most buffered by a tile (s)': fmt(await bufferedSeconds(page), 1),
      'video wall: JS heap after 1 min (MB)': fmt(at1 / 1e6),
      [`video wall: JS heap after ${minutes} min (MB)`]: fmt(atN / 1e6),
      [`video wall: heap growth 1 → ${minutes} min (%)`]: fmt(growth, 1),
    },
  };
}

export async function wallBench(minutes = Number(process.env.WALL_BENCH_MINUTES ?? 10)): Promise<BenchResult> {
  if (!existsSync(join(INSTRUMENTED_RENDERER_DIR, 'index.html'))) {
    throw new Error('The wall bench needs the instrumented renderer: run `npm run build:renderer:instrumented` first.');
  }
  const hub = await startHubProcess({ historyDays: HISTORY_DAYS });
  const browser = await launchChromium();
  try {
    // Smaller than a wall display: SwiftShader draws every pixel on the CPU.
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
    const mapPage = await context.newPage();
    const map = await mapFigures(hub, mapPage);
    await mapPage.close();
    const videoPage = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    const video = await videoFigures(hub, videoPage, minutes);
    const renderer = `Chromium ${browser.version()}`;
    return {
      name: `Wall: map panning, unit update, 16-tile video memory (${renderer})`,
      figures: { ...map, ...video.figures },
      target: `on a GPU: pan p95 ≤ 16.7 ms, unit update ≤ 4 ms; video heap growth < 10 % (measured over ${minutes} min${minutes < 10 ? ', not the 10 the issue asks for' : ''})`,
      pass: video.growth < 10 && Number(map['unit update: main thread p50 (ms)']) <= 4,
    };
  } finally {
    await browser.close();
    await hub.stop();
  }
}
