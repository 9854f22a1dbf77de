import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, bd09ToWgs84, fromWgs84, gcj02ToBd09, gcj02ToWgs84, toWgs84, wgs84ToBd09, wgs84ToGcj02 } from './datum';

// Sandun's government, and a spread of points across the town and China.
const POINTS: Array<[number, number]> = [
  [120.08, 30.33],
  [120.05, 30.3],
  [120.12, 30.36],
  [116.397, 39.908],
  [113.264, 23.129],
];

describe('datum conversion', () => {
  it('shifts WGS-84 to GCJ-02 by the few hundred metres every Chinese map shows', () => {
    // Published reference value for Tiananmen: WGS-84 116.397, 39.908 → GCJ-02 ≈ 116.40324, 39.90940.
    const [lon, lat] = wgs84ToGcj02(116.397, 39.908);
    expect(lon).toBeCloseTo(116.40324, 4);
    expect(lat).toBeCloseTo(39.9094, 4);
  });

  it('round-trips WGS-84 ⇄ GCJ-02 ⇄ BD-09 within 1e-6°', () => {
    for (const [lon, lat] of POINTS) {
      const g = wgs84ToGcj02(lon, lat);
      const back = gcj02ToWgs84(...g);
      expect(Math.abs(back[0] - lon)).toBeLessThan(1e-6);
      expect(Math.abs(back[1] - lat)).toBeLessThan(1e-6);
      const b = gcj02ToBd09(...g);
      const g2 = bd09ToGcj02(...b);
      expect(Math.abs(g2[0] - g[0])).toBeLessThan(1e-6);
      expect(Math.abs(g2[1] - g[1])).toBeLessThan(1e-6);
      const w = bd09ToWgs84(...wgs84ToBd09(lon, lat));
      expect(Math.abs(w[0] - lon)).toBeLessThan(1e-6);
      expect(Math.abs(w[1] - lat)).toBeLessThan(1e-6);
    }
  });

  it('converts any datum to WGS-84 and back', () => {
    for (const datum of ['wgs84', 'gcj02', 'bd09'] as const) {
      const [lon, lat] = toWgs84(datum, ...fromWgs84(datum, 120.08, 30.33));
      expect(lon).toBeCloseTo(120.08, 6);
      expect(lat).toBeCloseTo(30.33, 6);
    }
  });

  it('leaves positions outside China alone in GCJ-02', () => {
    expect(wgs84ToGcj02(2.35, 48.85)).toEqual([2.35, 48.85]);
  });
});
