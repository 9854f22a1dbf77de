// The seat's queue in real Chromium, against a real demo hub serving the instrumented renderer
// (`npm run build:renderer:instrumented` first). The code measured is the real queue slice, listeners,
// selectors and IncidentQueue component, driven through the window's bench hook:
//  (a) bursts of 1,000 journal entries (new reports, triage, dispatch, units signing for and
//      arriving, feedback, resolution, closure) onto 10,000 open incidents, as the stream
//      brings them: ten messages of 100 into the window's per-frame inbox (app/sync.ts),
//      applied by every consumer the stream feeds and drawn in one frame; the time from that
//      frame's first callback to the queue laid out, and that divided per 100 entries (shown,
//      not judged: issue 17 says the burst divided by ten does not count);
//  (b) the same entries when each 100 lands in a frame of its own (a steady trickle): the
//      window's fold (every slice and listener the batch reaches), React commit and layout per
//      batch, through the queue's own hook: the target, p99 ≤ 16 ms;
//  (c) frame intervals while the queue of 10,000 scrolls programmatically, one step a frame.
// The 10,000 open incidents are journal entries folded through the same hook; the hub's own
// journal stays small, so its stream does not interfere.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { Channel, Incident, Report } from '../shared/domain';
import type { JournalEntry } from '../shared/journal/catalog';
import { launchChromium } from '../e2e/support/chromium';
import { INSTRUMENTED_RENDERER_DIR, startHubProcess } from '../e2e/support/hub-process';
import type { BenchResult } from './support/result';
import { login } from './support/clients';
import { fmt, percentile } from './support/stats';

const OPEN = 10_000;
/** Bursts applied as the stream brings them, one frame each: the target's population. */
const STREAM_BURSTS = 15;
/** Bursts applied 100 entries a frame. */
const TRICKLE_BURSTS = 5;
const BURST_SIZE = 1_000;
const BATCH = 100;
const SCROLL_FRAMES = 240;
const SCROLL_STEP_PX = 90;
/** Far above the demo hub's own journal, so synthetic entries never collide with real ones. */
const SEQ_BASE = 50_000_000;

interface StreamHook {
  push(entries: JournalEntry[]): void;
}

interface QueueHook {
  fold(entries: JournalEntry[]): { commit: number; layout: number };
  rowCount(): number;
}

const CHANNELS: Channel[] = ['hotline12345', 'police110', 'gridApp', 'cityManagement', 'iot', 'videoAi', 'phone', 'walkIn'];
const CATEGORIES = ['noise', 'streetVending', 'sanitation', 'illegalConstruction', 'fireHazard', 'publicOrder', 'municipalFacility', 'groupRenting'];
const DEPARTMENTS = ['police', 'cityManagement', 'marketSupervision', 'emergencyManagement', 'gridService'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'];

class Journal {
  private seq = SEQ_BASE;
  private clock = Date.now() - 6 * 3600_000;

  entry(type: string, payload: unknown): JournalEntry {
    this.seq += 1;
    this.clock += 1_000;
    return { seq: this.seq, time: new Date(this.clock).toISOString(), actor: 'bench', role: 'operator', type, payload, prevHash: '', hash: '' } as JournalEntry;
  }

  reported(i: number, gridIds: string[]): JournalEntry {
    const id = `B-${String(i).padStart(6, '0')}`;
    const channel = CHANNELS[i % CHANNELS.length]!;
    const at = new Date(this.clock + 1_000).toISOString();
    const incident: Incident & { gridId: string | null } = {
      id,
      state: 'reported',
      title: `压测工单 ${i}：夜间施工噪声扰民`,
      category: CATEGORIES[i % CATEGORIES.length]!,
      priority: null,
      location: { lon: 120.05 + (i % 100) / 1000, lat: 30.31 + (i % 77) / 1000 },
      address: `三墩镇振华路 ${i % 500} 号`,
      channels: [channel],
      reportCount: 1,
      createdAt: at,
      updatedAt: at,
      lastSeq: this.seq + 1,
      lastAction: 'incident.reported',
      gridId: gridIds.length ? gridIds[i % gridIds.length]! : null,
    };
    const report: Report = {
      id: `R-${id}`,
      incidentId: id,
      channel,
      receivedAt: at,
      title: incident.title,
      description: '压测',
      category: incident.category,
      location: incident.location,
      address: incident.address,
      reporter: null,
      takenBy: 'bench',
    };
    return this.entry('incident.reported', { incident, report });
  }
}

/** One burst: 1,000 entries of a busy quarter hour, touching incidents already in the queue. */
function burst(journal: Journal, b: number, nextNew: () => number, gridIds: string[]): JournalEntry[] {
  const out: JournalEntry[] = [];
  // Each burst works on its own 130 incidents, so each step meets the state it expects.
  const base = b * 130;
  const id = (k: number) => `B-${String(base + k).padStart(6, '0')}`;
  for (let k = 0; k < 130; k += 1) {
    out.push(journal.entry('incident.triaged', { incidentId: id(k), category: CATEGORIES[k % CATEGORIES.length], priority: PRIORITIES[k % 4], lead: DEPARTMENTS[k % DEPARTMENTS.length], coHandlers: [] }));
  }
  for (let k = 0; k < 130; k += 1) out.push(journal.entry('incident.dispatched', { incidentId: id(k), units: [{ unitId: `U${k % 40}`, unitName: `联勤${k % 40}组` }] }));
  for (let k = 0; k < 120; k += 1) out.push(journal.entry('unit.accepted', { incidentId: id(k), unitId: `U${k % 40}` }));
  for (let k = 0; k < 100; k += 1) out.push(journal.entry('unit.arrived', { incidentId: id(k), unitId: `U${k % 40}` }));
  for (let k = 0; k < 80; k += 1) out.push(journal.entry('incident.feedbackGiven', { incidentId: id(k), text: '已到场处置', photos: [], settledOnSpot: k % 2 === 0 }));
  for (let k = 0; k < 80; k += 1) out.push(journal.entry('incident.resolved', { incidentId: id(k), summary: '已处置' }));
  for (let k = 0; k < 60; k += 1) out.push(journal.entry('incident.closed', { incidentId: id(k), rating: 5 }));
  while (out.length < BURST_SIZE) out.push(journal.reported(nextNew(), gridIds));
  // New reports arrive throughout, not all at the end.
  const reports = out.filter((e) => e.type === 'incident.reported');
  const rest = out.filter((e) => e.type !== 'incident.reported');
  const mixed: JournalEntry[] = [];
  const every = Math.max(1, Math.floor(rest.length / reports.length));
  for (let i = 0; i < rest.length; i += 1) {
    mixed.push(rest[i]!);
    if (i % every === every - 1 && reports.length) mixed.push(reports.shift()!);
  }
  mixed.push(...reports);
  // Sequence numbers follow the order of application.
  return mixed.map((e, i) => ({ ...e, seq: SEQ_BASE + 1_000_000 + b * BURST_SIZE + i, ...(e.type === 'incident.reported' ? { payload: withSeq(e.payload, SEQ_BASE + 1_000_000 + b * BURST_SIZE + i) } : {}) })) as JournalEntry[];
}

function withSeq(payload: unknown, seq: number): unknown {
  const p = payload as { incident: Incident; report: Report };
  return { ...p, incident: { ...p.incident, lastSeq: seq } };
}

/**
 * One batch through the hook, then the main thread's work in the frame after it: from its
 * animation-frame callbacks to the first task after them (style, layout and paint left
 * over, and compositing). Work a batch defers to the frame would not show in the batch's
 * own time; here it does.
 */
const fold = (page: Page, entries: JournalEntry[]) =>
  page.evaluate(
    (batch) =>
      new Promise<{ commit: number; layout: number; frame: number }>((resolve) => {
        const spent = (window as unknown as { __dutydeckQueue: QueueHook }).__dutydeckQueue.fold(batch);
        requestAnimationFrame(() => {
          const started = performance.now();
          setTimeout(() => resolve({ ...spent, frame: performance.now() - started }));
        });
      }),
    entries,
  );

/**
 * A burst as stream messages: pushed into the window's inbox within one task, as queued
 * WebSocket messages are handled back to back. Timed from the first animation-frame callback
 * of the frame that applies it (registered before the inbox's) to the queue laid out in a
 * callback registered after it; React commits in between, in the microtask after the
 * inbox's callback. `frame` is what the main thread still does in that frame (paint).
 */
const streamBurst = (page: Page, messages: JournalEntry[][]) =>
  page.evaluate(
    (chunks) =>
      new Promise<{ work: number; frame: number; applied: boolean }>((resolve) => {
        const hook = (window as unknown as { __dutydeckStream: StreamHook }).__dutydeckStream;
        const count = () => Number(document.querySelector('[data-testid="open-count"]')?.getAttribute('data-count'));
        const before = count();
        let started = 0;
        requestAnimationFrame(() => {
          started = performance.now();
        });
        for (const chunk of chunks) hook.push(chunk);
        requestAnimationFrame(() => {
          void document.querySelector('[data-testid="queue-list"]')?.getBoundingClientRect();
          void document.querySelector('[data-testid="queue-row"]')?.getBoundingClientRect();
          const work = performance.now() - started;
          const after = count();
          const rest = performance.now();
          setTimeout(() => resolve({ work, frame: performance.now() - rest, applied: after !== before }));
        });
      }),
    messages,
  );

/** Frame intervals of a requestAnimationFrame loop; `step` pixels scrolled each frame (0: idle, the baseline). */
async function scrollFrames(page: Page, stepPx: number): Promise<number[]> {
  return page.evaluate(
    ({ frames, step }) =>
      new Promise<number[]>((resolve) => {
        const list = document.querySelector<HTMLElement>('[data-testid="queue-list"]')!;
        const intervals: number[] = [];
        let last = 0;
        let n = 0;
        const tick = (at: number) => {
          if (last) intervals.push(at - last);
          last = at;
          if (step) list.scrollTop += step;
          n += 1;
          if (n <= frames) requestAnimationFrame(tick);
          else resolve(intervals.slice(5)); // the first frames warm caches up
        };
        requestAnimationFrame(tick);
      }),
    { frames: SCROLL_FRAMES, step: stepPx },
  );
}

export async function queueBench(): Promise<BenchResult> {
  if (!existsSync(join(INSTRUMENTED_RENDERER_DIR, 'index.html'))) {
    throw new Error('The queue bench needs the instrumented renderer: run `npm run build:renderer:instrumented` first.');
  }
  const hub = await startHubProcess();
  const browser = await launchChromium();
  try {
    const token = await login(hub.url, 'operator1');
    const regions = (await fetch(`${hub.url}/api/v1/town/regions?level=grid`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json())) as {
      items: Array<{ id: string }>;
    };
    const gridIds = regions.items.map((r) => r.id);

    const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await page.addInitScript({ content: 'window.__name = (f) => f;' });
    await page.goto(`${hub.url}/?window=seat`);
    await page.getByTestId('login-username').fill('operator1');
    await page.getByTestId('login-password').fill('dutydeck-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('queue-list').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => 'fold' in ((window as unknown as { __dutydeckQueue?: object }).__dutydeckQueue ?? {}));
    await page.waitForFunction(() => 'push' in ((window as unknown as { __dutydeckStream?: object }).__dutydeckStream ?? {}));

    const progress = (what: string) => process.stdout.write(`  … ${what}\n`);
    progress(`seeding ${OPEN.toLocaleString('en')} open incidents`);
    const journal = new Journal();
    let made = 0;
    const nextNew = () => made++;
    for (let i = 0; i < OPEN; i += 500) {
      const chunk: JournalEntry[] = [];
      for (let k = 0; k < 500 && made < OPEN; k += 1) chunk.push(journal.reported(nextNew(), gridIds));
      await fold(page, chunk);
    }
    const open = Number(await page.getByTestId('open-count').getAttribute('data-count'));

    let burstNo = 0;
    progress(`${STREAM_BURSTS} bursts of ${BURST_SIZE} entries as stream messages of ${BATCH}`);
    const burstWork: number[] = [];
    const burstWithFrame: number[] = [];
    for (let b = 0; b < STREAM_BURSTS; b += 1) {
      const entries = burst(journal, burstNo++, nextNew, gridIds);
      const messages: JournalEntry[][] = [];
      for (let i = 0; i < entries.length; i += BATCH) messages.push(entries.slice(i, i + BATCH));
      const { work, frame, applied } = await streamBurst(page, messages);
      if (!applied) throw new Error('A burst pushed into the stream inbox did not change the open count by the next frame.');
      burstWork.push(work);
      burstWithFrame.push(work + frame);
    }

    progress(`${TRICKLE_BURSTS} bursts of ${BURST_SIZE} entries, ${BATCH} a frame`);
    // Row elements created per batch: what a batch costs in style and layout grows with it,
    // and a row already on screen showing another incident should be patched, not rebuilt.
    await page.evaluate(() => {
      const w = window as unknown as { __rowsBuilt: number };
      w.__rowsBuilt = 0;
      new MutationObserver((records) => {
        for (const r of records) for (const node of r.addedNodes) if (node instanceof HTMLElement && node.dataset.testid === 'queue-row') w.__rowsBuilt += 1;
      }).observe(document.querySelector('[data-testid="queue-list"]')!, { childList: true, subtree: true });
    });
    const rowsBuilt = () =>
      page.evaluate(() => {
        const w = window as unknown as { __rowsBuilt: number };
        const n = w.__rowsBuilt;
        w.__rowsBuilt = 0;
        return n;
      });
    const built: number[] = [];
    const perBatch: number[] = [];
    const commits: number[] = [];
    const layouts: number[] = [];
    const toFrame: number[] = [];
    const perBurst: number[] = [];
    for (let b = 0; b < TRICKLE_BURSTS; b += 1) {
      const entries = burst(journal, burstNo++, nextNew, gridIds);
      let total = 0;
      for (let i = 0; i < entries.length; i += BATCH) {
        const { commit, layout, frame } = await fold(page, entries.slice(i, i + BATCH));
        const ms = commit + layout;
        perBatch.push(ms);
        commits.push(commit);
        layouts.push(layout);
        toFrame.push(ms + frame);
        built.push(await rowsBuilt());
        total += ms;
      }
      perBurst.push(total);
    }
    const afterBursts = Number(await page.getByTestId('open-count').getAttribute('data-count'));
    const rendered = await page.evaluate(() => (window as unknown as { __dutydeckQueue: QueueHook }).__dutydeckQueue.rowCount());

    progress('scrolling the queue');
    await page.getByTestId('queue-list').evaluate((el) => (el.scrollTop = 0));
    await page.waitForTimeout(300);
    // The same page not scrolling: what this machine's frame loop gives at best.
    const idle = await scrollFrames(page, 0);
    const frames = await scrollFrames(page, SCROLL_STEP_PX);
    const p = (values: number[], q: number) => percentile(values, q);
    const per100 = burstWork.map((ms) => ms / (BURST_SIZE / BATCH));
    const p99 = p(perBatch, 99);
    return {
      name: `Seat queue: journal folding and scrolling with ${OPEN.toLocaleString('en')} open (Chromium ${browser.version()})`,
      figures: {
        'open incidents before / after the bursts': `${open} / ${afterBursts}`,
        'rows in the DOM (virtualized)': rendered,
        'burst of 1,000 as 10 stream messages, one frame: apply + commit + layout p50 / p99 (ms)': `${fmt(p(burstWork, 50))} / ${fmt(p(burstWork, 99))}`,
        'the same per 100 entries: p50 (ms)': fmt(p(per100, 50)),
        'the same per 100 entries: p99 (ms)': fmt(p(per100, 99)),
        'the same and the rest of its frame: p50 / p99 (ms)': `${fmt(p(burstWithFrame, 50))} / ${fmt(p(burstWithFrame, 99))}`,
        'stream bursts measured': burstWork.length,
        '100 entries a frame, queue only: fold + commit + layout p50 / p99 (ms)': `${fmt(p(perBatch, 50))} / ${fmt(p(perBatch, 99))}`,
        'of which fold + React commit / style + layout: p50 (ms)': `${fmt(p(commits, 50))} / ${fmt(p(layouts, 50))}`,
        'the same and the next frame\'s rendering: p50 / p99 (ms)': `${fmt(p(toFrame, 50))} / ${fmt(p(toFrame, 99))}`,
        'burst of 1,000 at 100 a frame: median total (ms)': fmt(p(perBurst, 50)),
        'batches measured': perBatch.length,
        'row elements built per batch: p50 / max': `${p(built, 50)} / ${Math.max(...built)}`,
        'scroll, 10k open: frame p50 (ms)': fmt(p(frames, 50)),
        'scroll, 10k open: frame p95 (ms)': fmt(p(frames, 95)),
        'scroll: frames measured': frames.length,
        'same page idle (baseline): frame p50 / p95 (ms)': `${fmt(p(idle, 50))} / ${fmt(p(idle, 95))}`,
      },
      target: 'p99 ≤ 16 ms for 100 entries landing in a frame of their own with 10,000 open: fold + commit + layout (case b)',
      pass: p99 <= 16,
    };
  } finally {
    await browser.close();
    await hub.stop();
  }
}
