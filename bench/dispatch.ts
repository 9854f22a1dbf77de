// Dispatch: the recommendation's latency with road distance on (one Dijkstra from the
// incident, then every unit ranked), with the demo town's units and with 500; target p99
// ≤ 20 ms. And the simulator's sustained command rate in storm mode over 30 simulated seconds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Town } from '../shared/town';
import { ManualClock } from '../electron/hub/sim/clock';
import { startSimulator } from '../electron/hub/sim/simulator';
import { simStoreOver } from '../electron/hub/sim/sync-store.fixture';
import { Store } from '../electron/hub/store/store';
import { generateTown } from '../electron/hub/town/generate';
import { Random } from '../electron/hub/town/random';
import type { BenchResult } from './support/result';
import { fmt, percentile } from './support/stats';

const TARGET_P99_MS = 20;
const OPERATOR = { userId: 'bench', role: 'operator' } as const;

/** The demo town with grid workers copied (positions jittered ~150 m) until it has `units` units. */
function withUnits(town: Town, units: number, rng: Random): Town {
  const workers = town.officers.filter((o) => o.kind === 'gridWorker');
  const have = town.teams.length + workers.length;
  const extra = Array.from({ length: Math.max(0, units - have) }, (_, k) => {
    const o = workers[k % workers.length]!;
    return { ...o, id: `${o.id}-b${k}`, home: { lon: o.home.lon + rng.range(-0.0015, 0.0015), lat: o.home.lat + rng.range(-0.0013, 0.0013) } };
  });
  return { ...town, officers: [...town.officers, ...extra] };
}

function recommendationTimes(town: Town, rng: Random, calls: number): { ms: number[]; units: number } {
  const dir = mkdtempSync(join(tmpdir(), 'dutydeck-bench-dispatch-'));
  const store = new Store(join(dir, 'dutydeck.sqlite'));
  try {
    store.write.importTown(town, 'bench', 'wgs84', { userId: 'bench', role: 'system' });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const address = rng.pick(town.addresses);
      const outcome = store.execute(
        { type: 'incident.report', idempotencyKey: `bench-dispatch-${i}`, payload: { channel: 'hotline12345', category: 'sanitation', title: '垃圾堆放未清运', location: address.location, address: address.text } },
        OPERATOR,
      );
      if (outcome.ok && outcome.value.incidentId) ids.push(outcome.value.incidentId);
    }
    for (let i = 0; i < 50; i++) store.incidents.recommendations(ids[i % ids.length]!); // warm-up
    const ms: number[] = [];
    for (let i = 0; i < calls; i++) {
      const t = performance.now();
      store.incidents.recommendations(ids[i % ids.length]!);
      ms.push(performance.now() - t);
    }
    return { ms, units: store.duty.units().length };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function stormRate(town: Town): Promise<{ commands: number; reports: number; seconds: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'dutydeck-bench-storm-'));
  const clock = new ManualClock(Date.parse('2026-11-22T02:00:00Z'));
  const store = new Store(join(dir, 'dutydeck.sqlite'), () => new Date(clock.now()));
  try {
    store.write.importTown(town, 'bench', 'wgs84', { userId: 'bench', role: 'system' });
    const simulator = (await startSimulator(simStoreOver(store), { rate: 30, storm: true, clock, seed: 3 }))!;
    // A warm minute first, so triage, dispatch and the units' steps are in the mix.
    await clock.advance(60_000);
    const before = simulator.stats.commands;
    const reportsBefore = simulator.stats.reports;
    const t = performance.now();
    await clock.advance(30_000);
    const seconds = (performance.now() - t) / 1000;
    await simulator.stop();
    return { commands: simulator.stats.commands - before, reports: simulator.stats.reports - reportsBefore, seconds };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function dispatchBench(calls = 1_000): Promise<BenchResult> {
  const rng = new Random(17);
  const town = generateTown(1);
  const demo = recommendationTimes(town, rng, calls);
  const large = recommendationTimes(withUnits(town, 500, rng), rng, calls);
  const storm = await stormRate(town);
  const p99 = Math.max(percentile(demo.ms, 99), percentile(large.ms, 99));
  return {
    name: 'Dispatch recommendation by road; simulator in storm mode',
    figures: {
      [`recommendation, ${demo.units} units: p50 / p99 (ms)`]: `${fmt(percentile(demo.ms, 50))} / ${fmt(percentile(demo.ms, 99))}`,
      [`recommendation, ${large.units} units: p50 / p99 (ms)`]: `${fmt(percentile(large.ms, 50))} / ${fmt(percentile(large.ms, 99))}`,
      'storm (600 reports/min), 30 simulated s: commands': storm.commands,
      'storm: wall time (s)': fmt(storm.seconds),
      'storm: sustained commands per second': Math.round(storm.commands / storm.seconds),
      'storm: simulated speed-up over real time': fmt(30 / storm.seconds, 1),
    },
    target: `recommendation p99 ≤ ${TARGET_P99_MS} ms with 500 units, road distance on`,
    pass: p99 <= TARGET_P99_MS,
  };
}
