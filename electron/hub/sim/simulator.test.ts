import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { generateTown } from '../town/generate';
import { UnitTracker } from '../units/tracker';
import { ManualClock } from './clock';
import { startSimulator, type Simulator } from './simulator';
import { simStoreOver } from './sync-store.fixture';

const START = Date.parse('2026-11-22T00:00:00Z');
const MINUTES = 200;
const RATE = 3;

describe('simulator over a store, 200 simulated minutes at 3 reports a minute', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dutydeck-sim-'));
  const clock = new ManualClock(START);
  let store: Store;
  let simulator: Simulator;
  let tracker: UnitTracker;
  let sawMoving = 0;

  beforeAll(async () => {
    store = new Store(join(dir, 'dutydeck.sqlite'), () => new Date(clock.now()));
    // Durability is the store's own test; here fsync would only make the test slow.
    store.db.pragma('synchronous = OFF');
    store.write.importTown(generateTown(1, { addresses: 4_000, enterprises: 600, sites: 40 }), 'test', 'wgs84', { userId: 'test', role: 'system' });
    tracker = new UnitTracker(store.duty.units());
    simulator = (await startSimulator(simStoreOver(store, (entries) => tracker.apply(entries)), { rate: RATE, seed: 5, clock, tracker }))!;
    for (let minute = 0; minute < MINUTES; minute += 10) {
      await clock.advance(10 * 60_000);
      sawMoving = Math.max(sawMoving, tracker.tick().filter((u) => u.status === 'enRoute').length);
    }
    await simulator.stop();
  }, 60_000);

  afterAll(() => {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports land at about the rate asked, with duplicates among them', () => {
    const { reports, duplicates } = simulator.stats;
    expect(reports).toBeGreaterThan(MINUTES * RATE * 0.85);
    expect(reports).toBeLessThan(MINUTES * RATE * 1.15);
    expect(duplicates / reports).toBeGreaterThan(0.04);
    expect(duplicates / reports).toBeLessThan(0.12);
    expect(simulator.stats.merged).toBeGreaterThan(duplicates * 0.5);
  });

  it('incidents go the whole way: dispatched, accepted, on scene, resolved and closed', () => {
    const { stats } = simulator;
    // Dispatch follows the department (shared/dispatch/recommend.ts): the lead department's few
    // teams take their own cases, farther and in turn, so in 200 minutes a third or more close
    // (half did while the nearest unit of any department was sent).
    expect(stats.closed).toBeGreaterThan(stats.reports * 0.33);
    const states = new Map<string, number>();
    for (const incident of store.incidents.list('all', 100_000)) states.set(incident.state, (states.get(incident.state) ?? 0) + 1);
    expect(states.get('closed')).toBe(stats.closed);
    expect(states.get('merged')).toBe(stats.merged);
    expect(stats.returned).toBeGreaterThan(0);
    expect(stats.settledOnSpot).toBeGreaterThan(0);
    expect(stats.cancelled).toBeGreaterThan(0);
    // The serious ones were dispatched and closed by the commander, the rest by the seat.
    const actors = new Set(store.journal.page(0, 100_000).entries.filter((e) => e.type === 'incident.closed').map((e) => `${e.actor}/${e.role}`));
    expect(actors).toEqual(new Set(['sim:seat/operator', 'sim:commander/commander']));
  });

  it('the engine refuses nothing the simulator does', () => {
    expect(simulator.stats.refused).toEqual({});
  });

  it('units drive to their incidents along the roads', () => {
    expect(sawMoving).toBeGreaterThan(0);
  });
});
