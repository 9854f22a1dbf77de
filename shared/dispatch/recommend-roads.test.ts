import { describe, expect, it } from 'vitest';
import { RoadGraph } from '../geo/roads';
import type { Unit } from '../units';
import { recommendUnits } from './recommend';

const LAT = 30.33;
const at = (dLon: number, dLat: number): [number, number] => [120 + dLon / 1000, LAT + dLat / 1000];
const unit = (id: string, [lon, lat]: [number, number]): Unit => ({
  id,
  name: id,
  kind: 'team',
  department: 'cityManagement',
  gridId: 'G1',
  regionIds: ['G1'],
  location: { lon, lat },
  status: 'available',
  openAssignments: 0,
});

describe('dispatch recommendation by road', () => {
  // A river in the middle: the only bridge is far to the east. The unit across the river is
  // nearer as the crow flies, the one on the same bank is nearer by road.
  const graph = RoadGraph.fromRoads([
    { path: [at(0, 0), at(30, 0)] }, // south bank
    { path: [at(0, 4), at(30, 4)] }, // north bank
    { path: [at(30, 0), at(30, 4)] }, // the bridge
  ]);
  const input = { location: { lon: at(0, 0)[0], lat: at(0, 0)[1] }, regionChain: [], lead: 'cityManagement' as const, coHandlers: [], exclude: new Set<string>() };
  const units = [unit('across', at(0, 4)), unit('sameBank', at(8, 0))];

  it('ranks by straight line without a road graph', () => {
    expect(recommendUnits(units, input).map((r) => r.unitId)).toEqual(['across', 'sameBank']);
  });

  it('ranks by road distance where the graph exists, and reports road metres and ETA', () => {
    const ranked = recommendUnits(units, { ...input, distance: graph.distanceFunction() });
    expect(ranked.map((r) => r.unitId)).toEqual(['sameBank', 'across']);
    const across = ranked.find((r) => r.unitId === 'across')!;
    // Along the south bank to the bridge, over it, and back: about 6.2 km.
    expect(across.reasons.distanceMeters).toBeGreaterThan(6_000);
    expect(across.reasons.etaMinutes).toBeCloseTo(across.reasons.distanceMeters / (25_000 / 60), 0);
  });
});
