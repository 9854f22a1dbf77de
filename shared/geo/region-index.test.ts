import { describe, expect, it } from 'vitest';
import type { Region, Ring } from '../town';
import { interiorPoint, pointInPolygon, polygonAreaKm2 } from './polygon';
import { RegionIndex } from './region-index';

const square = (x0: number, y0: number, x1: number, y1: number): Ring => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/** A 4×4 checkerboard of grids under 2 joint-enforcement regions under one command region. */
function board(): Region[] {
  const regions: Region[] = [
    { id: 'C', name: '指挥圈', level: 'command', parentId: null, polygon: [square(120, 30, 120.04, 30.04)], regionHead: null },
    { id: 'W', name: '西', level: 'jointEnforcement', parentId: 'C', polygon: [square(120, 30, 120.02, 30.04)], regionHead: null },
    { id: 'E', name: '东', level: 'jointEnforcement', parentId: 'C', polygon: [square(120.02, 30, 120.04, 30.04)], regionHead: null },
  ];
  for (let i = 0; i < 4; i++) {
    for (let j = 0; j < 4; j++) {
      regions.push({
        id: `G${i}${j}`,
        name: `网格${i}${j}`,
        level: 'grid',
        parentId: i < 2 ? 'W' : 'E',
        polygon: [square(120 + i * 0.01, 30 + j * 0.01, 120 + (i + 1) * 0.01, 30 + (j + 1) * 0.01)],
        regionHead: null,
      });
    }
  }
  return regions;
}

describe('polygon geometry', () => {
  it('measures area in km² and tells inside from outside, holes included', () => {
    const km = polygonAreaKm2([square(120, 30, 120.01, 30.01)]);
    expect(km).toBeGreaterThan(1.0);
    expect(km).toBeLessThan(1.2); // 0.01° ≈ 1.11 km north, 0.96 km east at 30° N
    const withHole = [square(0, 0, 10, 10), square(4, 4, 6, 6)];
    expect(pointInPolygon(1, 1, withHole)).toBe(true);
    expect(pointInPolygon(5, 5, withHole)).toBe(false);
    expect(pointInPolygon(11, 5, withHole)).toBe(false);
  });

  it('finds a point inside a concave polygon whose centroid is outside', () => {
    const u: Ring = [[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]];
    const [x, y] = interiorPoint([u]);
    expect(pointInPolygon(x, y, [u])).toBe(true);
  });
});

describe('region index', () => {
  it('locates a point to its grid and every region above it', () => {
    const index = new RegionIndex(board());
    const found = index.locate(120.025, 30.005);
    expect(found?.grid.id).toBe('G20');
    expect(found?.ancestors.map((r) => r.id)).toEqual(['E', 'C']);
    expect(index.regionAt(120.005, 30.035, 'jointEnforcement')?.id).toBe('W');
    expect(index.locate(119.9, 30.01)).toBeNull();
  });

  it('agrees with brute force on random points', () => {
    const regions = board();
    const index = new RegionIndex(regions, 7);
    const grids = regions.filter((r) => r.level === 'grid');
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let k = 0; k < 2000; k++) {
      const lon = 119.99 + rand() * 0.06;
      const lat = 29.99 + rand() * 0.06;
      const brute = grids.find((g) => pointInPolygon(lon, lat, g.polygon))?.id ?? null;
      expect(index.gridAt(lon, lat)?.id ?? null).toBe(brute);
    }
  });
});
