import { describe, expect, it } from 'vitest';
import type { Polygon } from '../town';
import { TownEdge } from './area-distance';

// A square town of about 4 km × 4.4 km at Sandun's latitude.
const TOWN: Polygon = [[[120.06, 30.30], [120.10, 30.30], [120.10, 30.34], [120.06, 30.34], [120.06, 30.30]]];
const edge = new TownEdge(TOWN);
const square = (lon: number, lat: number, d: number) => [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]] as Array<[number, number]>;

describe('how far an alert area lies from the town', () => {
  it('is 0 for an area inside, overlapping, crossing or surrounding the town', () => {
    expect(edge.gapKm({ polygons: [square(120.07, 30.31, 0.01)], circles: [] })).toBe(0);
    expect(edge.gapKm({ polygons: [square(120.09, 30.33, 0.05)], circles: [] })).toBe(0);
    // A thin band across the town: no vertex of either inside the other, edges cross.
    expect(edge.gapKm({ polygons: [[[120.05, 30.32], [120.11, 30.32], [120.11, 30.321], [120.05, 30.321], [120.05, 30.32]]], circles: [] })).toBe(0);
    // Zhejiang-wide: every vertex hundreds of km away.
    expect(edge.gapKm({ polygons: [square(118, 27, 5)], circles: [] })).toBe(0);
    expect(edge.gapKm({ polygons: [], circles: [{ center: [120.08, 30.32], radiusKm: 0.5 }] })).toBe(0);
  });

  it('measures a neighbour’s area to within metres, and a circle by its rim', () => {
    // 0.01° of longitude east of the town's edge: about 0.96 km at 30.3°N.
    expect(edge.gapKm({ polygons: [square(120.11, 30.31, 0.01)], circles: [] })).toBeCloseTo(0.96, 1);
    expect(edge.gapKm({ polygons: [], circles: [{ center: [120.12, 30.32], radiusKm: 1 }] })).toBeCloseTo(0.92, 1);
  });

  it('calls another continent far', () => {
    // The CAP spec's thunderstorm example, in the United States.
    expect(edge.gapKm({ polygons: [[[-120.95, 38.47], [-120.3, 38.34], [-120.3, 38.47], [-120.95, 38.47]]], circles: [] })).toBeGreaterThan(9000);
    expect(edge.gapKm({ polygons: [], circles: [{ center: [-121.2, 37.8], radiusKm: 30 }] })).toBeGreaterThan(9000);
  });
});
