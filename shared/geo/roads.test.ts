import { describe, expect, it } from 'vitest';
import { generateTown } from '../../electron/hub/town/generate';
import { Random } from '../../electron/hub/town/random';
import type { LonLat } from '../domain';
import { distanceMeters } from './distance';
import { MinHeap } from './heap';
import { RoadGraph } from './roads';

// About 96 m per 0.001° of longitude at 30.33 N, 111 m per 0.001° of latitude.
const LAT = 30.33;
const at = (dLon: number, dLat: number): [number, number] => [120 + dLon / 1000, LAT + dLat / 1000];
const ll = ([lon, lat]: [number, number]): LonLat => ({ lon, lat });

describe('road graph on a hand-made network', () => {
  // A road west–east, a road that ends on it from the north (T-junction between its
  // vertices), a road that crosses it (X, no shared vertex), and a spur drawn 2 m short
  // of the main road's end (snapped).
  const roads = [
    { path: [at(0, 0), at(10, 0)] },
    { path: [at(3, 5), at(3, 0.00001)] },
    { path: [at(7, 4), at(7, -4)] },
    { path: [at(10.02, 0), at(10, 6)] },
  ];
  const graph = RoadGraph.fromRoads(roads);

  it('joins T-junctions, crossings and near-touching ends into one network', () => {
    // Nodes: 2 ends of the main road + 2 + 2 + 1 (the spur's start snaps to the main road's end)
    // + the crossing; edges: main road split twice (3) + T (1) + X road split (2) + spur (1).
    expect(graph.nodeCount).toBe(8);
    expect(graph.edgeCount).toBe(7);
    const { dist } = graph.distancesFrom(graph.nearestNode(ll(at(0, 0))));
    expect([...dist].every(Number.isFinite)).toBe(true);
  });

  it('drives round by road where the straight line would cut across', () => {
    const from = ll(at(3, 5));
    const to = ll(at(7, 4));
    const found = graph.shortestPath(from, to)!;
    const expected = distanceMeters(from, ll(at(3, 0))) + distanceMeters(ll(at(3, 0)), ll(at(7, 0))) + distanceMeters(ll(at(7, 0)), to);
    expect(found.meters).toBeCloseTo(expected, 0);
    expect(found.path[0]).toEqual(at(3, 5));
    expect(found.path.at(-1)).toEqual(at(7, 4));
    expect(found.path.length).toBe(4);
    expect(found.meters).toBeGreaterThan(distanceMeters(from, to));
  });

  it('finds the nearest node from anywhere, even far off the network', () => {
    expect(graph.nearestNode(ll(at(9.5, 0.5)))).toBe(graph.nearestNode(ll(at(10, 0))));
    expect(graph.nearestNode(ll(at(-500, -1)))).toBe(graph.nearestNode(ll(at(0, 0))));
  });

  it('one origin, many destinations: the distance function equals the path lengths', () => {
    const distance = graph.distanceFunction();
    const from = ll(at(0, 0));
    for (const to of [at(3, 5), at(7, -4), at(10, 6)]) expect(distance(from, ll(to))).toBeCloseTo(graph.shortestPath(from, ll(to))!.meters, 6);
  });

  it('falls back to a detoured straight line between roads that do not meet', () => {
    const apart = RoadGraph.fromRoads([{ path: [at(0, 0), at(1, 0)] }, { path: [at(0, 10), at(1, 10)] }]);
    expect(apart.shortestPath(ll(at(0, 0)), ll(at(0, 10)))).toBeNull();
    const straight = distanceMeters(ll(at(0, 0)), ll(at(0, 10)));
    expect(apart.distanceFunction()(ll(at(0, 0)), ll(at(0, 10)))).toBeCloseTo(straight * 1.3, 3);
  });

  it('an empty base map has no nodes and no paths', () => {
    const empty = RoadGraph.fromRoads([]);
    expect(empty.nearestNode(ll(at(0, 0)))).toBe(-1);
    expect(empty.shortestPath(ll(at(0, 0)), ll(at(1, 1)))).toBeNull();
  });
});

describe('road graph of the demo town', () => {
  const town = generateTown(1, { addresses: 1_000, enterprises: 100, sites: 10 });
  const graph = RoadGraph.fromRoads(town.basemap.roads);

  it('every pair of random road points is connected, never shorter than the straight line', () => {
    const rng = new Random(11);
    const points = Array.from({ length: 8 }, () => {
      const road = rng.pick(town.basemap.roads);
      return ll(rng.pick(road.path));
    });
    for (const a of points)
      for (const b of points) {
        const found = graph.shortestPath(a, b);
        expect(found).not.toBeNull();
        expect(found!.meters).toBeGreaterThanOrEqual(distanceMeters(a, b) - 1e-6);
        // A town's roads are a grid, not a maze: no trip is absurdly long.
        expect(found!.meters).toBeLessThanOrEqual(distanceMeters(a, b) * 3 + 500);
      }
  });
});

describe('min-heap', () => {
  it('pops in priority order', () => {
    const heap = new MinHeap();
    const rng = new Random(3);
    const priorities = Array.from({ length: 200 }, () => rng.range(0, 1000));
    priorities.forEach((p, i) => heap.push(i, p));
    const popped: number[] = [];
    while (heap.size) popped.push(priorities[heap.pop()]!);
    expect(popped).toEqual([...priorities].sort((a, b) => a - b));
  });
});
