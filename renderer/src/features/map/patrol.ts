// The patrol suggestion (issue #9): for each red and orange grid of the risk map, which free
// units could move there — the nearest ones, each suggested once, never taken from another
// red or orange grid. It suggests; the commander decides and orders it elsewhere.
import { LineLayer } from '@deck.gl/layers';
import { distanceMeters } from '../../../../shared/geo/distance';
import type { RiskColour } from '../../../../shared/analysis/risk';
import type { Rgba } from './mapTheme';
import type { ZoomBand } from './zoomBands';

export const PATROL_LAYER_ID = 'patrol-arrows';

/** Patrol units a grid of that colour should have near its centre. */
export const PATROL_WANTED: Partial<Record<RiskColour, number>> = { red: 2, orange: 1 };
/** A unit this close to a grid's centre already patrols it. */
export const PRESENT_RADIUS_M = 500;

export interface PatrolUnit {
  id: string;
  name: string;
  lon: number;
  lat: number;
  /** Free to move: not working an incident and not off duty. */
  available: boolean;
  offline: boolean;
}

export interface PatrolGrid {
  gridId: string;
  name: string;
  colour: RiskColour;
  score: number;
  centre: [number, number];
}

export interface PatrolMove {
  unitId: string;
  unitName: string;
  from: [number, number];
  distanceMeters: number;
}

export interface PatrolSuggestion extends PatrolGrid {
  wanted: number;
  /** Units on duty already within PRESENT_RADIUS_M of the centre. */
  present: number;
  moves: PatrolMove[];
}

const at = (lon: number, lat: number) => ({ lon, lat });

/** Red grids first, then orange; within a colour the higher score first. */
export function suggestPatrol(grids: readonly PatrolGrid[], units: readonly PatrolUnit[]): PatrolSuggestion[] {
  const targets = grids
    .filter((grid) => (PATROL_WANTED[grid.colour] ?? 0) > 0)
    .sort((a, b) => (PATROL_WANTED[b.colour] ?? 0) - (PATROL_WANTED[a.colour] ?? 0) || b.score - a.score || a.gridId.localeCompare(b.gridId));
  const near = (unit: PatrolUnit, grid: PatrolGrid) => distanceMeters(at(unit.lon, unit.lat), at(grid.centre[0], grid.centre[1])) <= PRESENT_RADIUS_M;
  // A free unit already at a risky grid stays there: it is that grid's force.
  const pool = units.filter((unit) => unit.available && !unit.offline && !targets.some((grid) => near(unit, grid)));
  const taken = new Set<string>();
  return targets.map((grid) => {
    const wanted = PATROL_WANTED[grid.colour] ?? 0;
    const present = units.filter((unit) => !unit.offline && near(unit, grid)).length;
    const centre = at(grid.centre[0], grid.centre[1]);
    const moves = pool
      .filter((unit) => !taken.has(unit.id))
      .map((unit) => ({ unit, distance: distanceMeters(at(unit.lon, unit.lat), centre) }))
      .sort((a, b) => a.distance - b.distance || a.unit.id.localeCompare(b.unit.id))
      .slice(0, Math.max(0, wanted - present))
      .map(({ unit, distance }): PatrolMove => ({ unitId: unit.id, unitName: unit.name, from: [unit.lon, unit.lat], distanceMeters: Math.round(distance) }));
    for (const move of moves) taken.add(move.unitId);
    return { ...grid, wanted, present, moves };
  });
}

/** Dash, gap and arrow-head lengths in metres per zoom band: about the same on screen. */
export const DASH_METERS: Record<ZoomBand, { dash: number; gap: number; head: number; stopShort: number }> = {
  town: { dash: 140, gap: 90, head: 150, stopShort: 120 },
  district: { dash: 70, gap: 45, head: 75, stopShort: 60 },
  street: { dash: 24, gap: 16, head: 28, stopShort: 25 },
};

const M_PER_DEG_LAT = 111_320;

/**
 * A dashed arrow from `from` to `to` as line segments [x0, y0, x1, y1] (lon/lat), tip
 * first: dashes along the way, stopping short of the target, and two strokes for the head. Plane
 * geometry around `from`, fine across a town.
 */
export function dashedArrow(
  from: readonly [number, number],
  to: readonly [number, number],
  { dash, gap, head, stopShort }: { dash: number; gap: number; head: number; stopShort: number },
): Array<[number, number, number, number]> {
  const kx = M_PER_DEG_LAT * Math.cos((from[1] * Math.PI) / 180);
  const dx = (to[0] - from[0]) * kx;
  const dy = (to[1] - from[1]) * M_PER_DEG_LAT;
  const length = Math.hypot(dx, dy) - stopShort;
  if (length <= dash) return [];
  const ux = dx / (length + stopShort);
  const uy = dy / (length + stopShort);
  const point = (d: number): [number, number] => [from[0] + (ux * d) / kx, from[1] + (uy * d) / M_PER_DEG_LAT];
  const segments: Array<[number, number, number, number]> = [];
  // Laid from the tip back, so the head always sits on a full dash.
  for (let d = length; d > 0; d -= dash + gap) {
    const a = point(Math.max(0, d - dash));
    const b = point(d);
    segments.push([a[0], a[1], b[0], b[1]]);
  }
  const tip = point(length);
  for (const side of [1, -1]) {
    const angle = Math.atan2(uy, ux) + Math.PI + (side * Math.PI) / 7;
    segments.push([tip[0], tip[1], tip[0] + (Math.cos(angle) * head) / kx, tip[1] + (Math.sin(angle) * head) / M_PER_DEG_LAT]);
  }
  return segments;
}

export interface SegmentColumns {
  length: number;
  attributes: {
    getSourcePosition: { value: Float64Array; size: 2 };
    getTargetPosition: { value: Float64Array; size: 2 };
    getColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

/** Every suggested move as a dashed arrow in the target grid's colour, packed for LineLayer. */
export function patrolArrows(suggestions: readonly PatrolSuggestion[], band: ZoomBand, colourOf: (colour: RiskColour) => Rgba): SegmentColumns {
  const all: Array<{ segment: [number, number, number, number]; color: Rgba }> = [];
  for (const suggestion of suggestions) {
    const color = colourOf(suggestion.colour);
    for (const move of suggestion.moves) for (const segment of dashedArrow(move.from, suggestion.centre, DASH_METERS[band])) all.push({ segment, color });
  }
  const source = new Float64Array(all.length * 2);
  const target = new Float64Array(all.length * 2);
  const colors = new Uint8Array(all.length * 4);
  all.forEach(({ segment, color }, i) => {
    source[i * 2] = segment[0];
    source[i * 2 + 1] = segment[1];
    target[i * 2] = segment[2];
    target[i * 2 + 1] = segment[3];
    colors.set(color, i * 4);
  });
  return {
    length: all.length,
    attributes: {
      getSourcePosition: { value: source, size: 2 },
      getTargetPosition: { value: target, size: 2 },
      getColor: { value: colors, size: 4, normalized: true },
    },
  };
}

export function patrolLayer(arrows: SegmentColumns, { visible }: { visible: boolean }) {
  return new LineLayer({
    id: PATROL_LAYER_ID,
    data: arrows,
    visible,
    widthUnits: 'pixels',
    getWidth: 3,
  });
}
