// Resilience figures (issues 7 and 17): how fast a replica catches up with a primary of
// 100,000+ journal entries — a new seat from nothing, and a running seat back from an outage
// by journal pages (`npm run bench -- back-online` runs that case alone) — how fast an outbox
// of 1,000 actions replays, and crash trials (SIGKILL during a burst, the unanswered re-sent;
// bench/crash.ts) with what was lost or doubled.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DATABASE_FILE, startHub, type RunningHub } from '../electron/hub/hub';
import { OutboxRelay } from '../electron/hub/replica/relay';
import { PrimaryClient } from '../electron/hub/replica/primary-client';
import { OutboxStore } from '../electron/hub/store/outbox/outbox';
import { crashFigures, crashPass, crashRuns } from './crash';
import { startHubProcess } from '../e2e/support/hub-process';
import { ReplicaSync } from '../electron/hub/replica/sync';
import { openStoreClient } from '../electron/hub/store/thread/client';
import { openDatabase } from '../electron/hub/store/database';
import { runMaintenance, warmMaintenance } from '../electron/hub/store/ops/maintenance';
import { firstProjectionDifference } from '../electron/hub/store/ops/projection-check';
import { DEMO_EVENTS_PER_DAY } from '../electron/hub/town/demo-history';
import { DEMO_TOWN_SEED } from '../electron/hub/town/demo-town';
import { generateTown } from '../electron/hub/town/generate';
import { generateHistory } from '../electron/hub/town/history';
import { historyEntries } from '../electron/hub/town/history-entries';
import type { BenchResult } from './support/result';
import { percentile } from './support/stats';
import { bundleElectron, ELECTRON_ENTRIES } from '../electron/tools/bundle';
import type { NewSeat } from './support/new-seat';

/** New seats of each form started one after another against the same primary; medians are reported. */
const NEW_SEATS = 5;

/**
 * How a new seat's process is run. `shipped`: bundled as CommonJS, its SQLite threads from
 * the bundled worker files beside it, as the packaged app runs (electron/tools/bundle.ts).
 * `source`: TypeScript through tsx, as `npm run hub` runs in a checkout, every thread
 * compiling its modules as it starts.
 */
const SEAT_FORMS = {
  shipped: ['out/bench/new-seat.cjs'],
  source: ['--import', 'tsx', 'bench/support/new-seat.ts'],
} as const;
type SeatForm = keyof typeof SEAT_FORMS;

/** The new-seat script bundled beside its own copies of the worker bundles (out/bench/, never packaged). */
async function bundleNewSeat(): Promise<void> {
  const workers = ELECTRON_ENTRIES.filter((entry) => entry.output.endsWith('-worker.cjs')).map((entry) => ({ ...entry, output: entry.output.replace('out/electron/', 'out/bench/') }));
  const { skipped } = await bundleElectron(process.cwd(), [...workers, { source: 'bench/support/new-seat.ts', output: SEAT_FORMS.shipped[0] }]);
  if (skipped.length) throw new Error(`could not bundle the new seat: ${skipped.join(', ')}`);
}

interface SeatFigures {
  seconds: number;
  min: number;
  max: number;
  seats: number;
  seeded: boolean;
  megabytes: number;
  verified: boolean;
}

function seatFigures(seats: NewSeat[]): SeatFigures {
  const times = seats.map((seat) => seat.seconds);
  return {
    seconds: percentile(times, 50),
    min: Math.min(...times),
    max: Math.max(...times),
    seats: seats.length,
    seeded: seats.every((seat) => seat.seeded),
    megabytes: seats[0]!.megabytes,
    verified: seats.every((seat) => seat.verified),
  };
}

const PASSWORD = 'dutydeck-demo';
const tmp = (name: string) => mkdtempSync(join(tmpdir(), `dutydeck-bench-${name}-`));

async function signIn(hub: RunningHub, username: string): Promise<{ token: string; user: { id: string } }> {
  const response = await fetch(`${hub.url}/api/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  return response.json() as Promise<{ token: string; user: { id: string } }>;
}

interface CatchUp {
  entries: number;
  /** New seats, each in its own process: the replica hub starting from an empty data directory until it serves the primary's last entry (median of NEW_SEATS of each form). */
  fromNothing: Record<SeatForm, SeatFigures> | null;
  backOnline: BackOnline;
}

/** A running seat whose link was down while the primary appended OUTAGE_ENTRIES entries, catching up by journal pages. */
interface BackOnline {
  /** What the seat held before the outage (the town and HISTORY_BEFORE_DAYS of history). */
  heldBefore: number;
  /** Entries the primary appended while the seat was away. */
  missed: number;
  /** From reconnecting (signing in again) to the replica's seq equal to the primary's. */
  seconds: number;
  /** CPU seconds spent meanwhile, all threads: the seat's process and the primary's (a busy machine stretches the wall time, not these). */
  cpu: { seat: number; primary: number };
  /** The chain verifies, its head is the primary's, and the projections are what the journal makes. */
  verified: boolean;
  detail: string;
}

/** The demo town's history a seat held before its outage; then the primary appends OUTAGE_ENTRIES. */
const HISTORY_BEFORE_DAYS = 10;
const OUTAGE_ENTRIES = 100_000;
/** Days of history the outage's entries are taken from (more than OUTAGE_ENTRIES' worth). */
const OUTAGE_DAYS = 90;

/** Imports `days` of the demo town's generated history ending at `end`, at most `limit` entries, through the journal. */
async function importHistory(file: string, seed: number, days: number, end: Date, limit = Infinity): Promise<number> {
  const store = await openStoreClient(file);
  try {
    const town = generateTown(DEMO_TOWN_SEED);
    const history = generateHistory(town, seed, { days, end, perDay: DEMO_EVENTS_PER_DAY });
    const entries = historyEntries(history, await store.duty.units(), end).slice(0, limit);
    await store.write.importEntries(entries, 'demo-history');
    return entries.length;
  } finally {
    await store.close();
  }
}

/**
 * A primary (its own process, as on another machine) with the demo town and history. A seat
 * that already holds a replica (the town and HISTORY_BEFORE_DAYS of history) loses its link;
 * the primary appends OUTAGE_ENTRIES entries meanwhile; the seat comes back and catches up
 * by journal pages (timed: from signing in again to its seq equal to the primary's). Then,
 * for comparison, new seats start from nothing against the same primary (seeded from its
 * snapshot, then following the journal).
 */
async function catchUp(options: { newSeats: boolean }): Promise<CatchUp> {
  process.stdout.write(`  building a primary with the demo town and ${HISTORY_BEFORE_DAYS} days of history …\n`);
  const dataDir = tmp('primary');
  const primaryFile = join(dataDir, DATABASE_FILE);
  const now = new Date();
  await (await startHub({ dataDir, port: 0, demo: true, demoHistoryDays: 0, log: () => {}, slaCheckMs: 3_600_000 })).close();
  await importHistory(primaryFile, 1, HISTORY_BEFORE_DAYS, new Date(now.getTime() - (OUTAGE_DAYS + 1) * 86_400_000));
  const credentials = { username: 'operator2', password: PASSWORD };

  // The seat: its replica's store, as startReplicaHub opens it, caught up with the primary.
  const seatFile = join(tmp('replica'), DATABASE_FILE);
  // The seat's maintenance thread has run (its cache check at start) and is kept.
  warmMaintenance();
  const seat = await openStoreClient(seatFile);
  await seat.write.replicaDurability();
  // As startReplicaHub makes it: the cache's WAL folded on the maintenance thread.
  const foldWal = () => runMaintenance({ kind: 'checkpoint', file: seatFile });
  let primary = await startHubProcess({ dataDir });
  let heldBefore: number;
  try {
    heldBefore = await new ReplicaSync(seat, new PrimaryClient(primary.url), credentials, 0, { log: () => {}, foldWal }).catchUp();
  } finally {
    await primary.stop();
  }

  // The outage: the seat keeps its store open; the primary takes OUTAGE_ENTRIES more.
  process.stdout.write(`  the seat holds ${heldBefore} entries; the primary appends ${OUTAGE_ENTRIES} while it is away …\n`);
  await importHistory(primaryFile, 2, OUTAGE_DAYS, now, OUTAGE_ENTRIES);
  primary = await startHubProcess({ dataDir });
  try {
    const client = new PrimaryClient(primary.url);
    const { journalSeq: entries } = await client.health();

    const sync = new ReplicaSync(seat, client, credentials, await seat.journal.seq(), { log: () => {}, foldWal });
    const cpuBefore = { seat: process.cpuUsage(), primary: processCpuSeconds(primary.pid) };
    const started = performance.now();
    const caughtUp = await sync.catchUp();
    const seconds = (performance.now() - started) / 1000;
    const seatCpu = process.cpuUsage(cpuBefore.seat);
    const cpu = { seat: (seatCpu.user + seatCpu.system) / 1e6, primary: processCpuSeconds(primary.pid) - cpuBefore.primary };
    const head = (await seat.journal.page(caughtUp - 1, 1)).entries[0];
    const primaryHead = (await client.journalPage((await client.login(credentials.username, credentials.password)).token, caughtUp - 1, 1)).entries[0];
    await seat.close();
    const chain = await runMaintenance({ kind: 'check', file: seatFile });
    const db = openDatabase(seatFile);
    const difference = firstProjectionDifference(db);
    db.close();
    const problems = [
      caughtUp >= entries ? null : `the seat stopped at ${caughtUp} of ${entries}`,
      chain.ok ? null : `the chain does not verify: ${chain.reason}`,
      head && primaryHead && head.hash === primaryHead.hash ? null : `entry ${caughtUp} differs from the primary's`,
      difference ? `projection ${difference.table} ${String(difference.keyValue)} is not what the journal makes` : null,
    ].filter((p): p is string => p !== null);
    // The primary's own entries (a checkpoint as it stopped, say) count as missed too.
    const backOnline = { heldBefore, missed: caughtUp - heldBefore, seconds, cpu, verified: problems.length === 0, detail: problems.join('; ') };
    process.stdout.write(`  back online by pages: ${backOnline.missed} entries in ${seconds.toFixed(2)} s (CPU: seat ${cpu.seat.toFixed(2)} s, primary ${cpu.primary.toFixed(2)} s)${problems.length ? ` — ${backOnline.detail}` : ''}\n`);
    if (!options.newSeats) return { entries, fromNothing: null, backOnline };

    await bundleNewSeat();
    const seats: Record<SeatForm, NewSeat[]> = { shipped: [], source: [] };
    // The forms take turns, so a slow spell of the machine falls on both.
    for (let i = 0; i < NEW_SEATS; i++) {
      for (const form of Object.keys(SEAT_FORMS) as SeatForm[]) {
        const run = spawnSync(process.execPath, [...SEAT_FORMS[form], primary.url, credentials.username, String(entries)], {
          encoding: 'utf8',
          env: { ...process.env, DUTYDECK_PRIMARY_PASSWORD: credentials.password },
          timeout: 120_000,
        });
        const line = run.stdout.trim().split('\n').at(-1) ?? '';
        if (run.status !== 0 || !line.startsWith('{')) throw new Error(`new seat ${i + 1} (${form}) failed: ${run.stderr || run.stdout}`);
        seats[form].push(JSON.parse(line) as NewSeat);
      }
    }
    const fromNothing = { shipped: seatFigures(seats.shipped), source: seatFigures(seats.source) };
    for (const form of Object.keys(SEAT_FORMS) as SeatForm[]) {
      process.stdout.write(`  new seats from nothing (${form}): ${seats[form].map((seat) => seat.seconds.toFixed(2)).join(', ')} s\n`);
    }
    return { entries, fromNothing, backOnline };
  } finally {
    await primary.stop();
  }
}

const BACK_ONLINE_TARGET_S = 3;

/** User and system CPU seconds of another process so far (Linux /proc; NaN elsewhere). */
function processCpuSeconds(pid: number): number {
  try {
    // Fields 14 and 15 after the command name, which is in parentheses and may hold spaces.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}
/** USER_HZ, 100 on every Linux Node runs on. */
const CLOCK_TICKS = 100;

function backOnlineFigures(b: BackOnline): Record<string, string | number> {
  const perHundredK = (b.seconds * 100_000) / b.missed;
  return {
    'back online: entries held before the outage': b.heldBefore,
    'back online: entries missed': b.missed,
    'back online: catch-up by pages (s)': b.seconds.toFixed(2),
    'back online: per 100,000 entries (s)': `${perHundredK.toFixed(2)} (target ≤ ${BACK_ONLINE_TARGET_S} s: ${backOnlineMet(b) ? 'MET' : 'NOT MET'})`,
    'back online: CPU meanwhile, seat / primary (s)': `${b.cpu.seat.toFixed(2)} / ${b.cpu.primary.toFixed(2)}`,
    'back online: copy verifies (chain, head, projections)': b.verified ? 'yes' : `NO — ${b.detail}`,
  };
}

const backOnlineMet = (b: BackOnline) => b.verified && (b.seconds * 100_000) / b.missed <= BACK_ONLINE_TARGET_S;

/** Issue 17 on its own: a running seat back from an outage catches up 100,000 entries by pages. */
export async function backOnlineBench(): Promise<BenchResult> {
  const { backOnline } = await catchUp({ newSeats: false });
  return {
    name: 'Back online: a running seat catches up the 100,000 entries it missed, by journal pages',
    figures: backOnlineFigures(backOnline),
    target: `≤ ${BACK_ONLINE_TARGET_S} s per 100,000 entries from reconnecting to the primary's seq, projections applied and the chain checked`,
    pass: backOnlineMet(backOnline),
  };
}

/** 1,000 reports waiting in an outbox, replayed against a live primary. */
async function replay(): Promise<{ actions: number; seconds: number; conflicts: number }> {
  const primary = await startHub({ dataDir: tmp('replay'), port: 0, demo: true, demoTown: false, log: () => {}, slaCheckMs: 3_600_000 });
  const { token, user } = await signIn(primary, 'operator1');
  const outbox = new OutboxStore(join(tmp('outbox'), 'outbox.sqlite'));
  outbox.rememberSignIn('operator1', { user: { id: user.id, username: 'operator1', name: 'bench', role: 'operator' }, passwordHash: '-', primaryToken: token, secondFactor: false });
  const actions = 1_000;
  for (let i = 0; i < actions; i++) {
    outbox.enqueue(user.id, {
      type: 'incident.report',
      idempotencyKey: `bench-outbox-${process.pid}-${i}`,
      payload: { channel: 'hotline12345', category: 'streetVending', title: `离线受理 ${i}`, location: { lon: 120.08, lat: 30.33 } },
    });
  }
  const relay = new OutboxRelay(outbox, new PrimaryClient(primary.url), () => {});
  const started = performance.now();
  const outcome = await relay.replay();
  const seconds = (performance.now() - started) / 1000;
  if (outbox.pendingCount() || outcome.sent !== actions) throw new Error(`outbox replay left ${outbox.pendingCount()} pending, sent ${outcome.sent}`);
  outbox.close();
  await primary.close();
  return { actions, seconds, conflicts: outcome.conflicts };
}

export async function resilienceBench(): Promise<BenchResult> {
  const sync = await catchUp({ newSeats: true });
  const perHundredK = (seconds: number) => (seconds * 100_000) / sync.entries;
  const { shipped, source } = sync.fromNothing!;
  const outbox = await replay();
  const crash = await crashRuns(Number(process.env.DUTYDECK_CRASH_TRIALS ?? 100));
  return {
    name: 'Resilience: replica catch-up, outbox replay, crash trials (SIGKILL during a burst)',
    figures: {
      'catch-up entries': sync.entries,
      'new seat from nothing (snapshot, then the journal), as shipped: median (s)': shipped.seconds.toFixed(2),
      'new seat, as shipped: min / max of the seats (s)': `${shipped.min.toFixed(2)} / ${shipped.max.toFixed(2)} (${shipped.seats} seats)`,
      'new seat, as shipped: per 100,000 entries (s)': perHundredK(shipped.seconds).toFixed(2),
      'new seat from source (tsx): median, min / max (s)': `${source.seconds.toFixed(2)}, ${source.min.toFixed(2)} / ${source.max.toFixed(2)}`,
      'new seat from source: per 100,000 entries (s)': perHundredK(source.seconds).toFixed(2),
      'new seat: seeded from a snapshot': shipped.seeded && source.seeded ? `yes, ${shipped.megabytes.toFixed(0)} MB` : 'NO',
      'new seat: copy verifies': shipped.verified && source.verified ? 'yes' : 'NO',
      ...backOnlineFigures(sync.backOnline),
      'outbox replay actions': outbox.actions,
      'outbox replay time (s)': outbox.seconds.toFixed(2),
      'outbox replay conflicts': outbox.conflicts,
      ...crashFigures(crash),
    },
    target: `catch-up ≤ 3 s per 100,000 entries (a new seat as shipped, from nothing; a running seat back online, by pages); 1,000 outbox actions ≤ 2 s; ≥ 100 crash trials with zero losses and zero duplicates, unanswered commands re-sent with their keys`,
    pass:
      perHundredK(shipped.seconds) <= 3 &&
      shipped.seeded &&
      source.seeded &&
      shipped.verified &&
      source.verified &&
      backOnlineMet(sync.backOnline) &&
      outbox.seconds <= 2 &&
      crashPass(crash),
  };
}
