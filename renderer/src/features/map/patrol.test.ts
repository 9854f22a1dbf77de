import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../../../shared/geo/distance';
import { DASH_METERS, dashedArrow, patrolArrows, PRESENT_RADIUS_M, suggestPatrol, type PatrolGrid, type PatrolUnit } from './patrol';

// About 96 m per 0.001° of longitude and 111 m per 0.001° of latitude here.
const grid = (gridId: string, colour: PatrolGrid['colour'], score: number, lon: number, lat = 30.3): PatrolGrid => ({ gridId, name: gridId, colour, score, centre: [lon, lat] });
const unit = (id: string, lon: number, lat = 30.3, status: 'available' | 'busy' | 'offline' = 'available'): PatrolUnit => ({
  id,
  name: `力量${id}`,
  lon,
  lat,
  available: status === 'available',
  offline: status === 'offline',
});

describe('patrol suggestion toward red and orange grids', () => {
  it('sends the nearest free units, red grids first, each unit once', () => {
    const grids = [grid('O1', 'orange', 60, 120.1), grid('R1', 'red', 70, 120.2), grid('Y1', 'yellow', 40, 120.3), grid('G1', 'green', 5, 120.0)];
    const units = [unit('A', 120.16), unit('B', 120.14), unit('C', 120.25), unit('D', 120.05)];
    const suggestions = suggestPatrol(grids, units);
    expect(suggestions.map((s) => s.gridId)).toEqual(['R1', 'O1']);
    const [red, orange] = suggestions;
    // Red wants two: the two nearest to it (C at 0.05°, A at 0.04° → A, C).
    expect(red!.moves.map((m) => m.unitId)).toEqual(['A', 'C']);
    expect(red!.moves[0]!.distanceMeters).toBe(Math.round(distanceMeters({ lon: 120.16, lat: 30.3 }, { lon: 120.2, lat: 30.3 })));
    // Orange gets the nearest unit that red did not take (B at 0.04°, before D at 0.05°).
    expect(orange!.moves.map((m) => m.unitId)).toEqual(['B']);
  });

  it('counts units already near a grid and asks only for the rest', () => {
    const grids = [grid('R1', 'red', 80, 120.2)];
    const near = 120.2 + (PRESENT_RADIUS_M / 2 / 96_000); // half the radius east of the centre
    const [only] = suggestPatrol(grids, [unit('Here', near, 30.3, 'busy'), unit('Far', 120.3)]);
    expect(only!.present).toBe(1);
    expect(only!.moves.map((m) => m.unitId)).toEqual(['Far']);
  });

  it('never moves busy or offline units, nor one already guarding another risky grid', () => {
    const grids = [grid('R1', 'red', 80, 120.2), grid('O1', 'orange', 55, 120.1)];
    const units = [unit('Busy', 120.198, 30.3, 'busy'), unit('Off', 120.198, 30.3, 'offline'), unit('Guard', 120.1002), unit('Free', 120.5)];
    const [red, orange] = suggestPatrol(grids, units);
    expect(red!.moves.map((m) => m.unitId)).toEqual(['Free']);
    expect(red!.present).toBe(1); // the busy one is near; the offline one does not count
    expect(orange!.present).toBe(1);
    expect(orange!.moves).toEqual([]);
  });

  it('suggests nothing when no grid is red or orange', () => {
    expect(suggestPatrol([grid('Y', 'yellow', 45, 120.1)], [unit('A', 120)])).toEqual([]);
  });
});

describe('dashed patrol arrows', () => {
  const style = DASH_METERS.town;

  it('dashes the way, stops short of the grid centre and ends in a two-stroke head', () => {
    const from: [number, number] = [120.0, 30.3];
    const to: [number, number] = [120.02, 30.3]; // ≈ 1.92 km east
    const segments = dashedArrow(from, to, style);
    const total = distanceMeters({ lon: from[0], lat: from[1] }, { lon: to[0], lat: to[1] });
    const dashes = segments.slice(0, -2);
    expect(dashes.length).toBe(Math.ceil((total - style.stopShort) / (style.dash + style.gap)));
    const lengths = dashes.map(([x0, y0, x1, y1]) => distanceMeters({ lon: x0, lat: y0 }, { lon: x1, lat: y1 }));
    // A full dash at the tip; the dashes reach back to within one dash and gap of the unit.
    expect(lengths[0]).toBeCloseTo(style.dash, -1);
    expect(distanceMeters({ lon: dashes.at(-1)![0], lat: dashes.at(-1)![1] }, { lon: from[0], lat: from[1] })).toBeLessThan(style.dash + style.gap);
    const tip = dashes[0]!;
    expect(distanceMeters({ lon: tip[2], lat: tip[3] }, { lon: to[0], lat: to[1] })).toBeCloseTo(style.stopShort, -1);
    // The head's strokes point back toward the unit, one on each side of the line.
    const [left, right] = segments.slice(-2);
    expect(left![2]).toBeLessThan(left![0]);
    expect(right![2]).toBeLessThan(right![0]);
    expect(Math.sign(left![3] - left![1])).toBe(-Math.sign(right![3] - right![1]));
  });

  it('draws nothing for a unit already at the grid', () => {
    expect(dashedArrow([120, 30.3], [120.0005, 30.3], style)).toEqual([]);
  });

  it('packs every move’s segments in its grid’s colour', () => {
    const [suggestion] = suggestPatrol([grid('R1', 'red', 80, 120.02)], [unit('A', 120.0)]);
    const arrows = patrolArrows([suggestion!], 'town', () => [1, 2, 3, 4]);
    expect(arrows.length).toBe(dashedArrow([120.0, 30.3], [120.02, 30.3], style).length);
    expect(arrows.attributes.getSourcePosition.value.length).toBe(arrows.length * 2);
    expect(Array.from(arrows.attributes.getColor.value.subarray(0, 4))).toEqual([1, 2, 3, 4]);
  });
});
