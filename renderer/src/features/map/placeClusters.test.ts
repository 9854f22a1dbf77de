import { describe, expect, it } from 'vitest';
import { SAFETY_CODES } from '../../../../shared/town';
import { buildPlaceClusters, worstCode } from './placeClusters';
import type { Place } from './placeLayers';

const place = (i: number, lon: number, lat: number, safetyCode: Place['safetyCode']): Place => ({
  id: `P${i}`,
  kind: 'enterprise',
  name: `企业${i}`,
  lon,
  lat,
  safetyCode,
  gridId: 'G001',
});

describe('places grouped below street zoom', () => {
  // Two neighbourhoods 3 km apart, 50 places each.
  const places = [
    ...Array.from({ length: 50 }, (_, i) => place(i, 120.05 + (i % 7) * 0.0004, 30.32 + Math.floor(i / 7) * 0.0004, i === 3 ? 'red' : 'green')),
    ...Array.from({ length: 50 }, (_, i) => place(50 + i, 120.08 + (i % 7) * 0.0004, 30.32 + Math.floor(i / 7) * 0.0004, 'blue')),
  ];
  const index = buildPlaceClusters(places);

  it('keeps every place in exactly one group, with its safety code counted', () => {
    const groups = index.at(13);
    expect(groups.reduce((sum, g) => sum + g.count, 0)).toBe(100);
    const counts = Object.fromEntries(SAFETY_CODES.map((code) => [code, groups.reduce((sum, g) => sum + g.counts[code], 0)]));
    expect(counts).toEqual({ green: 49, blue: 50, yellow: 0, orange: 0, red: 1 });
    expect(groups.length).toBe(2);
    expect(groups.map((g) => worstCode(g.counts)).sort()).toEqual(['blue', 'red']);
  });

  it('splits groups as the map zooms in', () => {
    expect(index.at(17).length).toBeGreaterThan(index.at(13).length);
    expect(index.at(13.7)).toBe(index.at(13));
  });
});
