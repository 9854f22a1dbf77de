// Resilience figures (issue 7): how fast a replica catches up from nothing with a primary of
// 100,000+ journal entries, how fast an outbox of 1,000 actions replays, and crash trials
// (SIGKILL during a burst, the unanswered re-sent; bench/crash.ts) with what was lost or doubled.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHub, type RunningHub } from '../electron/hub/hub';
import { OutboxRelay } from '../electron/hub/replica/relay';
import { PrimaryClient } from '../electron/hub/replica/primary-client';
import { OutboxStore } from '../electron/hub/store/outbox/outbox';
import { crashFigures, crashPass, crashRuns } from './crash';
import { startHubProcess } from '../e2e/support/hub-process';
import { ReplicaSync } from '../electron/hub/replica/sync';
import { openStoreClient } from '../electron/hub/store/thread/client';
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
  fromNothing: Record<SeatForm, SeatFigures>;
  /** The same entries as journal pages through the replica's projections (a running seat whose link was down). */
  byPages: { seconds: number; townSeconds: number; verified: boolean };
}

/**
 * A primary (its own process, as on another machine) with ~80 days of the demo town's
 * history, a little over 100,000 entries. A new seat's replica starts from nothing (it is
 * seeded from the primary's snapshot, then follows the journal); and, for comparison, a
 * replica's sync copies the same entries page by page into an empty cache.
 */
async function catchUp(): Promise<CatchUp> {
  process.stdout.write('  building a primary with 80 days of history …\n');
  const dataDir = tmp('primary');
  await (await startHub({ dataDir, port: 0, demo: true, demoHistoryDays: 80, log: () => {}, slaCheckMs: 3_600_000 })).close();
  const primary = await startHubProcess({ dataDir, historyDays: 80 });
  const credentials = { username: 'operator2', password: PASSWORD };
  try {
    const { journalSeq: entries } = await new PrimaryClient(primary.url).health();

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

    let started = performance.now();
    const store = await openStoreClient(join(tmp('replica'), 'dutydeck.sqlite'));
    await store.write.replicaDurability();
    const sync = new ReplicaSync(store, new PrimaryClient(primary.url), credentials, 0, { log: () => {} });
    started = performance.now();
    const paged = await sync.catchUp();
    const total = (performance.now() - started) / 1000;
    const verified = (await store.journal.verify()) === null && (await store.journal.seq()) === paged;
    await store.close();
    const townSeconds = sync.stats.townCopyMs / 1000;
    process.stdout.write(`  by pages: ${paged} entries in ${(total - townSeconds).toFixed(2)} s (+ town ${townSeconds.toFixed(2)} s)\n`);
    return { entries, fromNothing, byPages: { seconds: total - townSeconds, townSeconds, verified } };
  } finally {
    await primary.stop();
  }
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
  const sync = await catchUp();
  const perHundredK = (seconds: number) => (seconds * 100_000) / sync.entries;
  const { shipped, source } = sync.fromNothing;
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
      'by pages, a running seat back online (s)': sync.byPages.seconds.toFixed(2),
      'by pages: per 100,000 entries (s)': perHundredK(sync.byPages.seconds).toFixed(2),
      'by pages: town copy, once (s)': sync.byPages.townSeconds.toFixed(2),
      'by pages: copy verifies': sync.byPages.verified ? 'yes' : 'NO',
      'outbox replay actions': outbox.actions,
      'outbox replay time (s)': outbox.seconds.toFixed(2),
      'outbox replay conflicts': outbox.conflicts,
      ...crashFigures(crash),
    },
    target: 'catch-up ≤ 3 s per 100,000 entries (a new seat as shipped, from nothing); 1,000 outbox actions ≤ 2 s; ≥ 100 crash trials with zero losses and zero duplicates, unanswered commands re-sent with their keys',
    pass:
      perHundredK(shipped.seconds) <= 3 &&
      shipped.seeded &&
      source.seeded &&
      shipped.verified &&
      source.verified &&
      sync.byPages.verified &&
      outbox.seconds <= 2 &&
      crashPass(crash),
  };
}
