import { describe, expect, it } from 'vitest';
import { colourOf, computeRisk, DEFAULT_RISK_PARAMS } from './risk';
import { fact, place, REGIONS } from './analysis.fixture';

const now = Date.parse('2026-11-20T04:00:00.000Z');
const incidents = [
  ...Array.from({ length: 6 }, (_, i) => fact({ id: `i${i}`, createdAt: `2026-11-1${i}T02:00:00.000Z` })),
  // Older than 30 days: not counted.
  fact({ id: 'old', createdAt: '2026-09-01T02:00:00.000Z', gridId: 'G2' }),
  // Open, its 3-day resolve clock long gone.
  fact({ id: 'late', createdAt: '2026-11-10T02:00:00.000Z', state: 'dispatched', dispatchedAt: '2026-11-10T02:10:00.000Z' }),
];
const places = Array.from({ length: 5 }, (_, i) => place(`r${i}`, 'G1', 'red', []));

describe('five-colour risk map', () => {
  const [g1, g2] = computeRisk({ regions: REGIONS, places, incidents, now });

  it('scores sites 100, density 2× the town mean 60, one overdue 20 → 0.4·100 + 0.4·60 + 0.2·20 = 68 → red', () => {
    expect(g1!.reasons).toMatchObject({ redEquivalents: 5, incidents30d: 7, townMean30d: 3.5, densityRatio: 2, openOverdue: 1, sitesPart: 100, densityPart: 60, overduePart: 20 });
    expect(g1!.score).toBe(68);
    expect(g1!.colour).toBe('red');
  });

  it('leaves a quiet grid without places green', () => {
    expect(g2!.score).toBe(0);
    expect(g2!.colour).toBe('green');
  });

  it('maps scores to five bands, and holds a colour within the hysteresis', () => {
    expect([0, 20, 35, 50, 65].map((s) => colourOf(s))).toEqual(['green', 'blue', 'yellow', 'orange', 'red']);
    expect(colourOf(64, DEFAULT_RISK_PARAMS, 'red')).toBe('red');
    expect(colourOf(62, DEFAULT_RISK_PARAMS, 'red')).toBe('orange');
    expect(computeRisk({ regions: REGIONS, places, incidents, now, previous: new Map([['G2', 'blue']]) })[1]!.colour).toBe('green');
  });
});
