// `npm run bench -- attack`: a hub process on loopback, exactly as `npm run hub` starts it,
// takes a bounded suite of hostile input (e2e/support/attacks.ts): WebSocket frames built by
// hand, HTTP the parsers must refuse, slow and surplus connections, traversal out of the served
// root, hostile CAP/Open311/JSON intake, password guessing, and role-masked reads. Per category
// it prints tried / held. Throughout, /health is polled (from an address of its own) and, around
// each category whose input must all be refused, the journal's head seq is compared.
import { performance } from 'node:perf_hooks';
import { INSTRUMENTED_RENDERER_DIR, startHubProcess } from '../e2e/support/hub-process';
import { AttackContext, CATEGORIES, health, runCategory, send, type CategoryResult } from '../e2e/support/attacks';
import type { BenchResult } from './support/result';

const TARGET = 'every check held, hub up throughout, journal seq unchanged by refused input';

interface Poller {
  polls: number;
  failed: number;
  slowestMs: number;
  stop(): Promise<void>;
}

/** /health once a second from 127.0.0.2, each given 5 s, while the attacks run. */
function pollHealth(url: string, port: number): Poller {
  const poller: Poller = { polls: 0, failed: 0, slowestMs: 0, stop: async () => {} };
  let running = true;
  const loop = (async () => {
    while (running) {
      const up = await health({ url, port }, { from: '127.0.0.2', timeoutMs: 5_000 });
      poller.polls++;
      if (!up.ok) poller.failed++;
      poller.slowestMs = Math.max(poller.slowestMs, up.ms);
      await new Promise((done) => setTimeout(done, 1_000));
    }
  })();
  poller.stop = async () => {
    running = false;
    await loop;
  };
  return poller;
}

/** What the journal gained between two seqs, by type (read as the operator). */
async function written(context: AttackContext, from: number, to: number): Promise<string> {
  const answer = await send(context.hub, { path: `/api/v1/journal?after=${from}&limit=${Math.min(5_000, Math.max(1, to - from))}`, headers: { authorization: `Bearer ${await context.token('operator1')}` } });
  const counts = new Map<string, number>();
  for (const entry of (JSON.parse(answer.text).entries ?? []) as Array<{ type: string }>) counts.set(entry.type, (counts.get(entry.type) ?? 0) + 1);
  return [...counts].map(([type, n]) => `${type}×${n}`).join(', ');
}

export async function attackBench(): Promise<BenchResult> {
  const started = performance.now();
  let hub = await startHubProcess({ historyDays: 0 });
  const { dataDir, port } = hub;
  // An input that wedges the hub is recorded; the hub is then killed and started again on the
  // same port and data, so the rest of the suite is still measured.
  const revive = async () => {
    process.stdout.write('  ! the hub answers nothing: killing it (SIGKILL) and starting it again\n');
    await hub.stop('SIGKILL');
    hub = await startHubProcess({ dataDir, port, historyDays: 0 });
  };
  // The hub serves the windows from this checkout's instrumented renderer (the bench has just built it).
  const context = new AttackContext({ url: hub.url, port, staticRoot: INSTRUMENTED_RENDERER_DIR }, revive);
  const poller = pollHealth(hub.url, hub.port);
  const figures: Record<string, string | number> = {};
  const categories: CategoryResult[] = [];
  let betweenDown = 0;
  let seqMoved = 0;
  try {
    for (const category of CATEGORIES) {
      const categoryStarted = performance.now();
      const result = await runCategory(context, category, (r) => process.stdout.write(`  ${r.held ? '✓' : '✗'} ${category.id}: ${r.name} — ${r.detail}\n`))
        .catch((error: unknown): CategoryResult => {
          process.stdout.write(`  ✗ ${category.id}: could not run — ${(error as Error).message}\n`);
          return { id: category.id, results: [{ name: 'setup', held: false, detail: (error as Error).message }], seqBefore: null, seqAfter: null, notes: [] };
        });
      categories.push(result);
      const up = await health(context.hub);
      if (!up.ok) betweenDown++;
      const held = result.results.filter((r) => r.held).length;
      figures[`${category.id}: tried / held`] = `${result.results.length} / ${held}${result.notes.length ? `  (${result.notes.join('; ')})` : ''}`;
      if (category.refusalsOnly) {
        const same = result.seqBefore !== null && result.seqBefore === result.seqAfter;
        if (!same) {
          seqMoved++;
          const what = result.seqBefore !== null && result.seqAfter !== null ? await written(context, result.seqBefore, result.seqAfter) : 'unknown';
          figures[`${category.id}: journal seq`] = `${result.seqBefore} → ${result.seqAfter} MOVED (${what})`;
        } else {
          figures[`${category.id}: journal seq`] = `${result.seqBefore} → ${result.seqAfter} unchanged`;
        }
      } else {
        figures[`${category.id}: journal seq`] = `${result.seqBefore} → ${result.seqAfter} (not compared: ${category.id === 'auth' ? 'failed sign-ins may be journaled' : 'writes its probe on purpose'})`;
      }
      process.stdout.write(`  ${category.id}: ${held}/${result.results.length} held in ${((performance.now() - categoryStarted) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    await poller.stop();
  }
  const exited = hub.exitCode();
  // A hub still busy with some input would never get to its SIGTERM handler.
  const stopped = hub.stop();
  const timer = setTimeout(() => void hub.stop('SIGKILL'), 10_000);
  await stopped;
  clearTimeout(timer);
  const notHeld = categories.flatMap((c) => c.results.filter((r) => !r.held).map((r) => `${c.id}: ${r.name}`));
  const capTimes = categories.find((c) => c.id === 'intake')?.results.filter((r) => r.name.startsWith('CAP') && r.ms !== undefined) ?? [];
  const tried = categories.reduce((n, c) => n + c.results.length, 0);
  const hubUp = exited === null && context.revivals === 0 && poller.failed === 0 && betweenDown === 0;
  figures["CAP answer times (ms; ≥ 5000: no answer)"] = capTimes.map((r) => r.ms!.toFixed(0)).join(', ');
  figures['all: tried / held'] = `${tried} / ${tried - notHeld.length}`;
  figures['not held'] = notHeld.length ? notHeld.join(' | ') : 'none';
  figures['hub up throughout'] = `${hubUp ? 'yes' : 'NO'}: process ${exited === null ? 'running' : `exited (${exited})`}, ${context.revivals} restarts after it answered nothing, ${poller.polls - poller.failed}/${poller.polls} background polls answered (slowest ${poller.slowestMs.toFixed(0)} ms), ${categories.length - betweenDown}/${categories.length} between categories`;
  figures['journal seq unchanged by refused input'] = seqMoved ? `NO (${seqMoved} categories moved it)` : 'yes';
  figures['time (s)'] = ((performance.now() - started) / 1000).toFixed(0);
  const pass = notHeld.length === 0 && hubUp && seqMoved === 0;
  figures[`final: ${TARGET}`] = pass ? 'PASS' : 'FAIL';
  return { name: 'Attack: hostile input against a hub process on loopback', figures, target: TARGET, pass };
}
