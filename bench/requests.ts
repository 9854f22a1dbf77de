// `npm run bench -- requests`: how many HTTP requests a seat, a wall board and a wall map
// window make while the journal grows by 1,000 entries in storm mode, with nobody touching
// them. Every entry reaches each window on its stream; a request on top of that is a window
// going back to the hub for what the stream already brought (issue 17). Target: none.
import type { Page, Request } from 'playwright-core';
import { launchChromium } from '../e2e/support/chromium';
import { startHubProcess } from '../e2e/support/hub-process';
import { logIn } from '../e2e/support/session';
import type { BenchResult } from './support/result';

const ENTRIES = 1_000;
const WINDOWS = [
  { name: 'seat', search: 'window=seat', user: 'operator1' },
  { name: 'wall-board', search: 'window=wall-board', user: 'wall1' },
  { name: 'wall-map', search: 'window=wall-map', user: 'wall1' },
] as const;
/** A window is counted from this long after sign-in: its first loads are not the point. */
const SETTLE_MS = 8_000;

export async function requestsBench(): Promise<BenchResult> {
  // Storm traffic: 20 reports a minute ×20, in real time, so the 1,000 entries take about a
  // minute and the windows' timers (risk checks, warnings, clocks) get their turn too.
  const hub = await startHubProcess({ historyDays: 0, args: ['--simulate', '20', '--storm'] });
  const browser = await launchChromium();
  const counted = new Map<string, string[]>(WINDOWS.map((w) => [w.name, []]));
  let counting = false;
  const pages: Page[] = [];
  try {
    for (const window of WINDOWS) {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN', ignoreHTTPSErrors: true })).newPage();
      page.on('request', (request: Request) => {
        if (!counting) return;
        const url = new URL(request.url());
        counted.get(window.name)!.push(`${request.method()} ${url.pathname}`);
      });
      await page.goto(`${hub.url}/?${window.search}`);
      await logIn(page, window.user, { dataDir: hub.dataDir, waitOnline: false });
      pages.push(page);
    }
    await new Promise((done) => setTimeout(done, SETTLE_MS));
    const seq = async () => ((await (await fetch(`${hub.url}/api/v1/health`)).json()) as { journalSeq: number }).journalSeq;
    const from = await seq();
    counting = true;
    const started = performance.now();
    while ((await seq()) < from + ENTRIES) await new Promise((done) => setTimeout(done, 250));
    counting = false;
    const seconds = (performance.now() - started) / 1000;
    const figures: Record<string, number | string> = { 'journal entries': ENTRIES, 'time for them (s)': seconds.toFixed(1) };
    let total = 0;
    for (const window of WINDOWS) {
      const requests = counted.get(window.name)!;
      total += requests.length;
      const byPath = new Map<string, number>();
      for (const r of requests) byPath.set(r, (byPath.get(r) ?? 0) + 1);
      const top = [...byPath].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([path, n]) => `${path} ×${n}`);
      figures[`${window.name}: requests per 1,000 entries`] = requests.length;
      if (top.length) figures[`${window.name}: most asked`] = top.join(', ');
    }
    return {
      name: 'Requests: a seat, a wall board and a wall map window while 1,000 entries arrive (storm)',
      figures,
      target: 'no request beyond what a user’s own action asks for (0 per window, nobody acting)',
      pass: total === 0,
    };
  } finally {
    await browser.close();
    await hub.stop();
  }
}
