import { describe, expect, it } from 'vitest';
import { backtest, expectedCount, fitForecast, poissonMedian, poissonTail, poissonUpperBound, warningsAt, type HourlyCounts } from './forecast';
import { dayStart, dayFromKey, HOUR, hourOfWeek } from './facts';

describe('Poisson helpers', () => {
  it('tail, bound and median', () => {
    expect(poissonTail(1, 1)).toBeCloseTo(1 - Math.exp(-1), 12);
    expect(poissonTail(0, 3)).toBe(1);
    // λ = 1: P(X ≥ 5) = 0.00366, P(X ≥ 6) = 0.000594.
    expect(poissonTail(6, 1)).toBeCloseTo(0.000594, 6);
    expect(poissonUpperBound(1, 0.001)).toBe(5);
    expect(poissonMedian(0.05)).toBe(0);
    expect(poissonMedian(1)).toBe(1);
  });
});

// Two grids over 9 weeks from a town Monday: grid 0 has one incident every Monday 10:00–11:00.
const start = dayStart(dayFromKey('2026-09-07'));
const hours = 9 * 168;
const counts = new Uint16Array(2 * hours);
for (let w = 0; w < 9; w++) counts[w * 168 + 10] = 1;
const data: HourlyCounts = { grids: ['G1', 'G2'], start, hours, counts };

describe('forecast per grid and hour', () => {
  const model = fitForecast(data, 8 * 168);

  it('is hour-of-week seasonality × level × grid share', () => {
    expect(hourOfWeek(start + 10 * HOUR)).toBe(10);
    expect(model.profile[10]).toBe(1);
    expect(model.level).toBe(1);
    expect(model.shares[0]).toBeCloseTo(18 / 28, 12); // (8 + 20/2) / (8 + 20)
    expect(expectedCount(model, 0, start + 8 * 168 * HOUR + 10 * HOUR)).toBeCloseTo(18 / 28, 12);
    expect(expectedCount(model, 1, start + 8 * 168 * HOUR + 11 * HOUR)).toBe(0);
  });

  it('warns when a count passes the upper bound, with its numbers', () => {
    const burst = { ...data, counts: Uint16Array.from(counts) };
    burst.counts[8 * 168 + 10] = 6;
    const [warning] = warningsAt(burst, model, 8 * 168 + 10, 0.001, new Map([['G1', '网格一']]));
    expect(warning).toMatchObject({ gridId: 'G1', observed: 6, upperBound: 4 });
    expect(warning!.explanation).toContain('网格一: 6 incidents');
    expect(warningsAt(data, model, 8 * 168 + 10, 0.001)).toEqual([]);
  });

  it('backtests against the same hour last week', () => {
    const result = backtest(data, 8 * 168);
    expect(result.days).toBe(7);
    expect(result.maeNaive).toBe(0); // a perfectly weekly series: the naive forecast is exact
    expect(result.warnings).toBe(0);
    // The backtested week holds one incident in 7 × 24 × 2 cells: forecasting zero misses it.
    expect(result.maeZero).toBeCloseTo(1 / (7 * 24 * 2), 12);
    // Summed over the town the hour is exact (18/28 + 10/28 = 1); per grid and day the share
    // pulled toward the quiet grid is off by 10/28 twice on that Monday.
    expect(result.townHour).toEqual({ maeMean: 0, maeNaive: 0 });
    expect(result.gridDay.maeMean).toBeCloseTo(20 / 28 / (7 * 2), 12);
    expect(result.gridDay.maeNaive).toBe(0);
  });
});
