import { describe, expect, it } from 'vitest';
import { computeIndices, endOfDay } from './indices';
import { fact, place, REGIONS } from './analysis.fixture';
import { dayFromKey, dayKey, hourOfWeek, isoMs } from './facts';

// The day measured: Tuesday 2026-11-10, town time (UTC+8).
const D = '2026-11-10';
const baseline = ['2026-11-03', '2026-10-27', '2026-10-20', '2026-10-13'].flatMap((day, i) => [
  // Two reports on each of the four previous Tuesdays: the pressure baseline is 2.
  fact({ id: `b${i}a`, createdAt: `${day}T01:00:00.000Z`, state: 'cancelled', category: 'fire', lon: 120.2 }),
  fact({ id: `b${i}b`, createdAt: `${day}T01:30:00.000Z`, state: 'cancelled', category: 'fire', lon: 120.2 }),
]);
const incidents = [
  ...baseline,
  // Dispatched in 30 of 60 minutes; closed with a 5.
  fact({ id: 'A', createdAt: `${D}T02:00:00.000Z`, dispatchedAt: `${D}T02:30:00.000Z`, resolvedAt: `${D}T05:00:00.000Z`, closedAt: `${D}T06:00:00.000Z`, rating: 5 }),
  // A duplicate merged into A.
  fact({ id: 'C', createdAt: `${D}T02:10:00.000Z`, state: 'merged', mergedInto: 'A' }),
  // Same place and category as A an hour later: a repeat. Dispatched late; reopened once, closed with a 3.
  fact({ id: 'B', createdAt: `${D}T03:00:00.000Z`, lon: 120.1002, dispatchedAt: `${D}T04:30:00.000Z`, resolvedAt: `${D}T04:50:00.000Z`, closedAt: `${D}T05:00:00.000Z`, rating: 3, reopenCount: 1 }),
  // P4, never dispatched, its 4-hour dispatch clock ran out during the day.
  fact({ id: 'D', createdAt: `${D}T02:00:00.000Z`, state: 'reported', priority: 'P4', category: 'roadDamage', lon: 120.15 }),
  // Two P3s whose 3-day resolve clocks fall due on the day: one resolved in time, one still open.
  fact({ id: 'E', createdAt: '2026-11-07T02:00:00.000Z', category: 'litter', lon: 120.3, dispatchedAt: '2026-11-07T02:10:00.000Z', resolvedAt: '2026-11-08T02:00:00.000Z' }),
  fact({ id: 'F', createdAt: '2026-11-07T03:00:00.000Z', category: 'litter', lon: 120.4, state: 'dispatched', dispatchedAt: '2026-11-07T03:10:00.000Z' }),
];
const places = [
  place('p1', 'G1', 'red', ['2026-10-01']), // 1
  place('p2', 'G1', 'green', ['2026-01-01']), // overdue: 0.5
  place('p3', 'G1', 'yellow', ['2026-11-01']), // 0.5
  place('p4', 'G1', 'green', ['2026-09-01']), // 0
];

const run = (params?: Parameters<typeof computeIndices>[0]['params']) =>
  computeIndices({ incidents, regions: REGIONS, places, from: D, to: D, asOf: endOfDay(D), params });

describe('the six safety indices on a hand-made day', () => {
  const byRegion = new Map(run().map((r) => [r.regionId, r]));
  const g1 = byRegion.get('G1')!;

  it('1 pressure: 4 reports against a baseline of 2 → (4+1)/(2+1) = 1.667 → 33.3', () => {
    expect(g1.indices.pressure.inputs).toMatchObject({ observed: 4, expected: 2 });
    expect(g1.indices.pressure.score).toBe(33.3);
  });

  it('2 timeliness: A on time, B late, D overdue, the duplicate not counted → 1/3', () => {
    expect(g1.indices.timeliness.inputs).toEqual({ due: 3, onTime: 1 });
    expect(g1.indices.timeliness.score).toBe(33.3);
  });

  it('3 closure: of the two due on the day, one resolved within SLA → 50', () => {
    expect(g1.indices.closure.inputs).toEqual({ due: 2, onTime: 1 });
    expect(g1.indices.closure.score).toBe(50);
  });

  it('4 repeat reporting: a duplicate and a repeat at the same place among 4 reports → 50', () => {
    expect(g1.indices.repeat.inputs).toEqual({ reports: 4, repeats: 2, duplicates: 1 });
    expect(g1.indices.repeat.score).toBe(50);
  });

  it('5 risk sites: red 1 + overdue green 0.5 + yellow 0.5 over 4 places → 50', () => {
    expect(g1.indices.riskSites.inputs).toEqual({ places: 4, weight: 2, riskyCode: 2, overdueInspection: 1 });
    expect(g1.indices.riskSites.score).toBe(50);
  });

  it('6 satisfaction: mean rating 4 → 75, half the closures reopened → −50 → 25', () => {
    expect(g1.indices.satisfaction.inputs).toEqual({ closed: 2, rated: 2, meanRating: 4, reopened: 1 });
    expect(g1.indices.satisfaction.score).toBe(25);
  });

  it('weighs them into one figure, with configurable weights', () => {
    expect(g1.overall).toBe(39.6);
    const onlySatisfaction = run({ weights: { pressure: 0, timeliness: 0, closure: 0, repeat: 0, riskSites: 0, satisfaction: 1 } });
    expect(onlySatisfaction.find((r) => r.regionId === 'G1')!.overall).toBe(25);
  });

  it('adds grids up into the region above; an empty grid has nothing to measure', () => {
    const command = byRegion.get('C')!;
    expect(command.indices).toEqual(g1.indices);
    const g2 = byRegion.get('G2')!;
    expect(g2.indices.pressure.score).toBe(100);
    expect(g2.indices.timeliness.score).toBeNull();
    expect(g2.indices.satisfaction.score).toBeNull();
    expect(g2.overall).toBe(100);
  });

  it('does not count a clock that has not run out yet', () => {
    const early = computeIndices({ incidents, regions: REGIONS, places, from: D, to: D, asOf: Date.parse(`${D}T03:00:00.000Z`) });
    expect(early.find((r) => r.regionId === 'G1')!.indices.timeliness.inputs.due).toBe(2); // A and B (done); D not yet due
  });

  it('covers a range of days and town-time calendar helpers', () => {
    expect(computeIndices({ incidents, regions: REGIONS, places, from: '2026-11-01', to: D, asOf: endOfDay(D) })).toHaveLength(30);
    expect(dayKey(dayFromKey(D))).toBe(D);
    expect(hourOfWeek(Date.parse('2026-11-08T16:00:00.000Z'))).toBe(0); // Monday 00:00 in town
    for (const iso of ['2026-11-08T16:00:00.000Z', '2024-02-29T23:59:59.999Z', '2026-11-08T16:00:00Z']) expect(isoMs(iso)).toBe(Date.parse(iso));
  });
});
