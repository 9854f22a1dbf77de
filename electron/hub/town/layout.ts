// The town's shape. Regions are laid out as a k-d split of a unit square in integer
// parameter units, then carried onto the ground by one smooth, orientation-preserving warp
// (a Coons patch between four wobbly sides, plus gentle interior bending). Because the
// warp is a bijection and neighbouring cells share exactly the same vertices, the cells
// tile the town with no gaps or overlaps, and each parent is exactly the union of its
// children. The split lines are the town's roads, as grid boundaries follow roads in life.
import { KM_PER_DEGREE_LAT, kmPerDegreeLon } from '../../../shared/geo/polygon';
import type { Ring } from '../../../shared/town';
import type { Random } from './random';

/** Parameter units per side of the square. */
export const Q = 2000;
/** Vertices along an edge every STEP units (~90 m on the ground): curves stay smooth. */
const STEP = 25;

export interface Rect {
  u0: number;
  v0: number;
  u1: number;
  v1: number;
}

/** A split line: `axis` 'u' is the vertical line u = at, spanning v from..to. */
export interface Split {
  axis: 'u' | 'v';
  at: number;
  from: number;
  to: number;
  /** How deep in the hierarchy: 1 between risk-prevention regions … 4 between grids, 5 lanes. */
  depth: number;
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

export class Warp {
  /** Ground size of the square before the warp, km. */
  readonly widthKm: number;
  readonly heightKm: number;
  private scale = 1;
  private readonly corners: Array<[number, number]>;
  private readonly sides: Array<Array<[number, number]>>; // [amplitude, phase] per harmonic, per side
  private readonly bend: number[];

  constructor(rng: Random, private readonly center: { lon: number; lat: number }, areaKm2: number) {
    this.widthKm = rng.range(6.8, 7.6);
    this.heightKm = rng.range(5.4, 6.0);
    const w = this.widthKm / 2;
    const h = this.heightKm / 2;
    const jitter = () => rng.range(-0.35, 0.35);
    // corners: 00, 10, 01, 11
    this.corners = [
      [-w + jitter(), -h + jitter()],
      [w + jitter(), -h + jitter()],
      [-w + jitter(), h + jitter()],
      [w + jitter(), h + jitter()],
    ];
    this.sides = [0, 1, 2, 3].map(() => [
      [rng.range(0.25, 0.6) * (rng.chance(0.7) ? 1 : -1), rng.range(0, Math.PI)],
      [rng.range(-0.25, 0.25), rng.range(0, Math.PI * 2)],
      [rng.range(-0.14, 0.14), rng.range(0, Math.PI * 2)],
      [rng.range(-0.08, 0.08), rng.range(0, Math.PI * 2)],
    ]);
    this.bend = [rng.range(-0.3, 0.3), rng.range(0, Math.PI * 2), rng.range(-0.3, 0.3), rng.range(0, Math.PI * 2)];
    let damping = 1;
    while (!this.invertible(damping)) damping *= 0.7;
    this.damping = damping;
    this.scale = Math.sqrt(areaKm2 / this.rawArea());
  }

  private damping = 1;

  private bump(side: number, t: number, damping = this.damping): number {
    let sum = 0;
    this.sides[side]!.forEach(([a, phase], k) => {
      sum += a * Math.sin((k + 1) * Math.PI * t + phase);
    });
    return damping * Math.sin(Math.PI * t) * sum;
  }

  /** Ground position in km from the town centre, before scaling, for u, v in [0, 1]. */
  private raw(u: number, v: number, damping = this.damping): [number, number] {
    const [p00, p10, p01, p11] = this.corners as [[number, number], [number, number], [number, number], [number, number]];
    // The four sides, each pushed outward (positive bump) along its own normal.
    const bottom = [p00[0] + (p10[0] - p00[0]) * u, p00[1] + (p10[1] - p00[1]) * u - this.bump(0, u, damping)];
    const top = [p01[0] + (p11[0] - p01[0]) * u, p01[1] + (p11[1] - p01[1]) * u + this.bump(1, u, damping)];
    const left = [p00[0] + (p01[0] - p00[0]) * v - this.bump(2, v, damping), p00[1] + (p01[1] - p00[1]) * v];
    const right = [p10[0] + (p11[0] - p10[0]) * v + this.bump(3, v, damping), p10[1] + (p11[1] - p10[1]) * v];
    const coons = (i: 0 | 1) =>
      (1 - v) * bottom[i]! +
      v * top[i]! +
      (1 - u) * left[i]! +
      u * right[i]! -
      ((1 - u) * (1 - v) * p00[i] + u * (1 - v) * p10[i] + (1 - u) * v * p01[i] + u * v * p11[i]);
    const [bx, px, by, py] = this.bend as [number, number, number, number];
    const envelope = damping * Math.sin(Math.PI * u) * Math.sin(Math.PI * v);
    return [coons(0) + envelope * bx * Math.sin(2.6 * Math.PI * v + px), coons(1) + envelope * by * Math.sin(2.2 * Math.PI * u + py)];
  }

  /** The Jacobian must stay clearly positive, or cells would fold over each other. */
  private invertible(damping: number): boolean {
    const n = 80;
    const e = 1e-4;
    const typical = (this.widthKm * this.heightKm) / 4;
    for (let i = 0; i <= n; i++) {
      for (let j = 0; j <= n; j++) {
        const u = Math.min(1 - e, i / n);
        const v = Math.min(1 - e, j / n);
        const p = this.raw(u, v, damping);
        const pu = this.raw(u + e, v, damping);
        const pv = this.raw(u, v + e, damping);
        const det = ((pu[0] - p[0]) * (pv[1] - p[1]) - (pu[1] - p[1]) * (pv[0] - p[0])) / (e * e);
        if (det < 0.25 * typical) return false;
      }
    }
    return true;
  }

  private rawArea(): number {
    const ring: Array<[number, number]> = [];
    const n = 400;
    for (let i = 0; i < n; i++) ring.push(this.raw(i / n, 0));
    for (let i = 0; i < n; i++) ring.push(this.raw(1, i / n));
    for (let i = n; i > 0; i--) ring.push(this.raw(i / n, 1));
    for (let i = n; i > 0; i--) ring.push(this.raw(0, i / n));
    let sum = 0;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += ring[j]![0] * ring[i]![1] - ring[i]![0] * ring[j]![1];
    return Math.abs(sum) / 2;
  }

  /** Ground km per parameter unit along u and v (average; the warp stretches locally). */
  get kmPerUnit(): { u: number; v: number } {
    return { u: (this.widthKm * this.scale) / Q, v: (this.heightKm * this.scale) / Q };
  }

  /** WGS-84 [lon, lat] of a parameter point, rounded to 1e-7° (~1 cm) so files round-trip exactly. */
  lonLat(u: number, v: number): [number, number] {
    const [x, y] = this.raw(u / Q, v / Q);
    return [
      round7(this.center.lon + (x * this.scale) / kmPerDegreeLon(this.center.lat)),
      round7(this.center.lat + (y * this.scale) / KM_PER_DEGREE_LAT),
    ];
  }
}

/**
 * Splits a rect into `n` rects by recursive halving across its longer ground side; the split
 * lines go to `splits`. Rects come back in a stable spatial order.
 */
export function splitInto(rect: Rect, n: number, rng: Random, warp: Warp, depth: number, splits: Split[], jitter = 0.08): Rect[] {
  if (n <= 1) return [rect];
  const k = Math.floor(n / 2);
  const t = k / n + rng.range(-jitter, jitter);
  const wide = (rect.u1 - rect.u0) * warp.widthKm >= (rect.v1 - rect.v0) * warp.heightKm;
  if (wide) {
    const at = Math.round(rect.u0 + t * (rect.u1 - rect.u0));
    splits.push({ axis: 'u', at, from: rect.v0, to: rect.v1, depth });
    return [
      ...splitInto({ ...rect, u1: at }, k, rng, warp, depth, splits, jitter),
      ...splitInto({ ...rect, u0: at }, n - k, rng, warp, depth, splits, jitter),
    ];
  }
  const at = Math.round(rect.v0 + t * (rect.v1 - rect.v0));
  splits.push({ axis: 'v', at, from: rect.u0, to: rect.u1, depth });
  return [
    ...splitInto({ ...rect, v1: at }, k, rng, warp, depth, splits, jitter),
    ...splitInto({ ...rect, v0: at }, n - k, rng, warp, depth, splits, jitter),
  ];
}

/**
 * Every cell corner, by line, so that an edge gets a vertex wherever a neighbour's corner
 * touches it (a T-junction): shared boundaries then have identical vertices on both sides.
 */
export class CornerIndex {
  private readonly onU = new Map<number, number[]>(); // u = key: the v values of corners there
  private readonly onV = new Map<number, number[]>();

  constructor(cells: readonly Rect[]) {
    const add = (map: Map<number, number[]>, key: number, value: number) => {
      const list = map.get(key) ?? [];
      list.push(value);
      map.set(key, list);
    };
    for (const c of cells) {
      for (const [u, v] of [
        [c.u0, c.v0],
        [c.u1, c.v0],
        [c.u0, c.v1],
        [c.u1, c.v1],
      ] as const) {
        add(this.onU, u, v);
        add(this.onV, v, u);
      }
    }
  }

  /** Parameter values along a line from a to b (a ≠ b), in travel order, both ends included. */
  stops(axis: 'u' | 'v', at: number, a: number, b: number, withCorners = true): number[] {
    const lo = Math.min(a, b);
    const hi = Math.max(a, b);
    const values = new Set<number>([lo, hi]);
    for (let s = Math.ceil((lo + 1) / STEP) * STEP; s < hi; s += STEP) values.add(s);
    if (withCorners) for (const c of (axis === 'u' ? this.onU : this.onV).get(at) ?? []) if (c > lo && c < hi) values.add(c);
    const sorted = [...values].sort((x, y) => x - y);
    return a <= b ? sorted : sorted.reverse();
  }

  /** The rect's outline as a closed counter-clockwise ring of parameter points. */
  ringParams(r: Rect, withCorners = true): Array<[number, number]> {
    const points: Array<[number, number]> = [];
    for (const u of this.stops('v', r.v0, r.u0, r.u1, withCorners).slice(0, -1)) points.push([u, r.v0]);
    for (const v of this.stops('u', r.u1, r.v0, r.v1, withCorners).slice(0, -1)) points.push([r.u1, v]);
    for (const u of this.stops('v', r.v1, r.u1, r.u0, withCorners).slice(0, -1)) points.push([u, r.v1]);
    for (const v of this.stops('u', r.u0, r.v1, r.v0, withCorners).slice(0, -1)) points.push([r.u0, v]);
    points.push(points[0]!);
    return points;
  }

  ring(r: Rect, warp: Warp, withCorners = true): Ring {
    return this.ringParams(r, withCorners).map(([u, v]) => warp.lonLat(u, v));
  }

  path(split: Split, warp: Warp): Array<[number, number]> {
    return this.stops(split.axis, split.at, split.from, split.to, false).map((s) =>
      split.axis === 'u' ? warp.lonLat(split.at, s) : warp.lonLat(s, split.at),
    );
  }
}
