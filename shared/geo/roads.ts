// The road graph: the base map's road polylines joined into one network, so that "how far"
// means how far by road (dispatch ranking) and "how to get there" is a path a unit can drive
// (the simulator). Pure: built in the hub's store thread and in its main thread alike.
import type { LonLat } from '../domain';
import { distanceMeters } from './distance';
import { MinHeap } from './heap';

export interface RoadLine {
  path: ReadonlyArray<readonly [number, number]>;
}

export interface RoadPath {
  /** From the start point, over the roads, to the end point: what a unit drives. */
  path: Array<[number, number]>;
  meters: number;
}

export interface RoadGraphOptions {
  /** Vertices closer than this are one node, and a road ending this close to another joins it. */
  snapMeters?: number;
}

const RAD = Math.PI / 180;
const METERS_PER_DEGREE = 6_371_008.8 * RAD;
/** Cell size of the buckets that find nearby nodes and segments. */
const BUCKET_M = 200;
/** Positions whose nearest node is remembered (units' bases, a few hundred). */
const NEAREST_MEMO_MAX = 20_000;
/** Beyond this many rings of buckets, nearestNode scans every node instead. */
const MAX_RINGS = 24;
/** Where no road connects two points: straight line times the usual urban detour. */
export const DETOUR_FALLBACK = 1.3;

/** Equirectangular metres around the network's middle: exact enough over a town, and cheap. */
class LocalFrame {
  readonly kx: number;
  readonly ky = METERS_PER_DEGREE;
  constructor(
    readonly lon0: number,
    readonly lat0: number,
  ) {
    this.kx = METERS_PER_DEGREE * Math.cos(lat0 * RAD);
  }
  x(lon: number): number {
    return (lon - this.lon0) * this.kx;
  }
  y(lat: number): number {
    return (lat - this.lat0) * this.ky;
  }
  lon(x: number): number {
    return this.lon0 + x / this.kx;
  }
  lat(y: number): number {
    return this.lat0 + y / this.ky;
  }
}

/** Integer buckets over the plane, for "what is near this point". */
class Buckets {
  private readonly cells = new Map<number, number[]>();
  constructor(private readonly size: number) {}
  private key(cx: number, cy: number): number {
    return (cx + 32_768) * 65_536 + (cy + 32_768);
  }
  cell(v: number): number {
    return Math.floor(v / this.size);
  }
  add(cx: number, cy: number, item: number): void {
    const k = this.key(cx, cy);
    const list = this.cells.get(k);
    if (list) list.push(item);
    else this.cells.set(k, [item]);
  }
  at(cx: number, cy: number): readonly number[] {
    return this.cells.get(this.key(cx, cy)) ?? [];
  }
  values(): IterableIterator<number[]> {
    return this.cells.values();
  }
}

export class RoadGraph {
  /** Node positions, lon/lat interleaved. */
  private readonly coords: Float64Array;
  /** Adjacency in compressed rows: neighbours of node i are targets[offsets[i] .. offsets[i+1]). */
  private readonly offsets: Int32Array;
  private readonly targets: Int32Array;
  private readonly weights: Float64Array;
  private readonly frame: LocalFrame;
  private readonly nearestMemo = new Map<number, Map<number, number>>();
  /** Reused by every search: Dijkstra runs once per recommendation. */
  private readonly heap = new MinHeap(1_024);
  private readonly nodeBuckets: Buckets;
  /** Bucket cells spanned by the nodes: a ring search never needs to go past them. */
  private readonly cellBox: { x0: number; x1: number; y0: number; y1: number } | null;

  private constructor(coords: number[], edges: Map<number, number>, frame: LocalFrame) {
    const n = coords.length / 2;
    this.coords = Float64Array.from(coords);
    this.frame = frame;
    const degree = new Int32Array(n + 1);
    const list: Array<[number, number, number]> = [];
    for (const [key, meters] of edges) {
      const a = Math.floor(key / n);
      const b = key % n;
      list.push([a, b, meters]);
      degree[a]!++;
      degree[b]!++;
    }
    this.offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) this.offsets[i + 1] = this.offsets[i]! + degree[i]!;
    this.targets = new Int32Array(this.offsets[n]!);
    this.weights = new Float64Array(this.offsets[n]!);
    const fill = this.offsets.slice(0, n);
    for (const [a, b, meters] of list) {
      this.targets[fill[a]!] = b;
      this.weights[fill[a]!++] = meters;
      this.targets[fill[b]!] = a;
      this.weights[fill[b]!++] = meters;
    }
    // Only nodes on some edge can be a start or an end.
    this.nodeBuckets = new Buckets(BUCKET_M);
    let box: { x0: number; x1: number; y0: number; y1: number } | null = null;
    for (let i = 0; i < n; i++) {
      if (this.offsets[i + 1] === this.offsets[i]) continue;
      const cx = this.nodeBuckets.cell(frame.x(this.coords[2 * i]!));
      const cy = this.nodeBuckets.cell(frame.y(this.coords[2 * i + 1]!));
      this.nodeBuckets.add(cx, cy, i);
      box = box
        ? { x0: Math.min(box.x0, cx), x1: Math.max(box.x1, cx), y0: Math.min(box.y0, cy), y1: Math.max(box.y1, cy) }
        : { x0: cx, x1: cx, y0: cy, y1: cy };
    }
    this.cellBox = box;
  }

  /**
   * Joins polylines into a network: vertices within `snapMeters` become one node; a vertex
   * lying on another road's segment (a T-junction) splits that segment; two segments that
   * cross get a node where they cross. Edges weigh their length in metres.
   */
  static fromRoads(roads: readonly RoadLine[], options: RoadGraphOptions = {}): RoadGraph {
    const snap = options.snapMeters ?? 5;
    let sumLon = 0;
    let sumLat = 0;
    let count = 0;
    for (const road of roads)
      for (const [lon, lat] of road.path) {
        sumLon += lon;
        sumLat += lat;
        count++;
      }
    const frame = new LocalFrame(count ? sumLon / count : 0, count ? sumLat / count : 0);

    // ---- nodes: every vertex, snapped to a node already within `snap` ----
    const xs: number[] = [];
    const ys: number[] = [];
    const snapBuckets = new Buckets(Math.max(snap, 1));
    const nodeAt = (x: number, y: number): number => {
      const cx = snapBuckets.cell(x);
      const cy = snapBuckets.cell(y);
      let best = -1;
      let bestD = snap * snap;
      for (let dx = -1; dx <= 1; dx++)
        for (let dy = -1; dy <= 1; dy++)
          for (const i of snapBuckets.at(cx + dx, cy + dy)) {
            const d = (xs[i]! - x) ** 2 + (ys[i]! - y) ** 2;
            if (d <= bestD) {
              bestD = d;
              best = i;
            }
          }
      if (best >= 0) return best;
      xs.push(x);
      ys.push(y);
      snapBuckets.add(cx, cy, xs.length - 1);
      return xs.length - 1;
    };
    const segments: Array<[number, number]> = [];
    for (const road of roads) {
      let previous = -1;
      for (const [lon, lat] of road.path) {
        const node = nodeAt(frame.x(lon), frame.y(lat));
        if (previous >= 0 && node !== previous) segments.push([previous, node]);
        previous = node;
      }
    }

    // ---- junctions: nodes on other segments, and crossings, split those segments ----
    const segmentBuckets = new Buckets(BUCKET_M);
    segments.forEach(([a, b], s) => {
      const x0 = segmentBuckets.cell(Math.min(xs[a]!, xs[b]!) - snap);
      const x1 = segmentBuckets.cell(Math.max(xs[a]!, xs[b]!) + snap);
      const y0 = segmentBuckets.cell(Math.min(ys[a]!, ys[b]!) - snap);
      const y1 = segmentBuckets.cell(Math.max(ys[a]!, ys[b]!) + snap);
      for (let cx = x0; cx <= x1; cx++) for (let cy = y0; cy <= y1; cy++) segmentBuckets.add(cx, cy, s);
    });
    const splits = new Map<number, Array<{ t: number; node: number }>>();
    const addSplit = (s: number, t: number, node: number) => {
      const [a, b] = segments[s]!;
      if (node === a || node === b) return;
      const list = splits.get(s);
      if (list) list.push({ t, node });
      else splits.set(s, [{ t, node }]);
    };
    const nodeCount = xs.length;
    for (let i = 0; i < nodeCount; i++) {
      const x = xs[i]!;
      const y = ys[i]!;
      for (const s of segmentBuckets.at(segmentBuckets.cell(x), segmentBuckets.cell(y))) {
        const [a, b] = segments[s]!;
        if (i === a || i === b) continue;
        const dx = xs[b]! - xs[a]!;
        const dy = ys[b]! - ys[a]!;
        const t = ((x - xs[a]!) * dx + (y - ys[a]!) * dy) / (dx * dx + dy * dy);
        if (t <= 0 || t >= 1) continue;
        if ((xs[a]! + t * dx - x) ** 2 + (ys[a]! + t * dy - y) ** 2 <= snap * snap) addSplit(s, t, i);
      }
    }
    const seen = new Set<number>();
    for (const cell of segmentBuckets.values()) {
      for (let p = 0; p < cell.length; p++)
        for (let q = p + 1; q < cell.length; q++) {
          const s1 = Math.min(cell[p]!, cell[q]!);
          const s2 = Math.max(cell[p]!, cell[q]!);
          const pair = s1 * segments.length + s2;
          if (seen.has(pair)) continue;
          seen.add(pair);
          const [a, b] = segments[s1]!;
          const [c, d] = segments[s2]!;
          if (a === c || a === d || b === c || b === d) continue;
          const rx = xs[b]! - xs[a]!;
          const ry = ys[b]! - ys[a]!;
          const sx = xs[d]! - xs[c]!;
          const sy = ys[d]! - ys[c]!;
          const denominator = rx * sy - ry * sx;
          if (Math.abs(denominator) < 1e-9) continue; // parallel: touching ends were snapped above
          const qx = xs[c]! - xs[a]!;
          const qy = ys[c]! - ys[a]!;
          const t = (qx * sy - qy * sx) / denominator;
          const u = (qx * ry - qy * rx) / denominator;
          if (t <= 0 || t >= 1 || u <= 0 || u >= 1) continue;
          const node = nodeAt(xs[a]! + t * rx, ys[a]! + t * ry);
          addSplit(s1, t, node);
          addSplit(s2, u, node);
        }
    }

    // ---- edges: each segment as a chain through its split points, lengths in metres ----
    const coords: number[] = [];
    for (let i = 0; i < xs.length; i++) coords.push(frame.lon(xs[i]!), frame.lat(ys[i]!));
    const n = xs.length;
    const edges = new Map<number, number>();
    const lonLat = (i: number): LonLat => ({ lon: coords[2 * i]!, lat: coords[2 * i + 1]! });
    const addEdge = (a: number, b: number) => {
      if (a === b) return;
      const key = a < b ? a * n + b : b * n + a;
      const meters = distanceMeters(lonLat(a), lonLat(b));
      const known = edges.get(key);
      if (known === undefined || meters < known) edges.set(key, meters);
    };
    segments.forEach(([a, b], s) => {
      let previous = a;
      for (const { node } of (splits.get(s) ?? []).sort((p, q) => p.t - q.t)) {
        addEdge(previous, node);
        previous = node;
      }
      addEdge(previous, b);
    });
    return new RoadGraph(coords, edges, frame);
  }

  get nodeCount(): number {
    return this.coords.length / 2;
  }

  get edgeCount(): number {
    return this.targets.length / 2;
  }

  node(i: number): LonLat {
    return { lon: this.coords[2 * i]!, lat: this.coords[2 * i + 1]! };
  }

  /** The road node nearest a point (ring search over buckets); -1 when there are no roads. */
  nearestNode(p: LonLat): number {
    const box = this.cellBox;
    if (!box) return -1;
    const x = this.frame.x(p.lon);
    const y = this.frame.y(p.lat);
    const cx = this.nodeBuckets.cell(x);
    const cy = this.nodeBuckets.cell(y);
    const lastRing = Math.max(Math.abs(cx - box.x0), Math.abs(cx - box.x1), Math.abs(cy - box.y0), Math.abs(cy - box.y1));
    let best = -1;
    let bestD = Infinity;
    const { coords, frame } = this;
    // Far off the network, rings grow large and empty: scanning every node is cheaper then.
    const outside = Math.max(box.x0 - cx, cx - box.x1, box.y0 - cy, cy - box.y1, 0);
    if (outside > MAX_RINGS) {
      for (let i = 0; i < this.nodeCount; i++) {
        if (this.offsets[i + 1] === this.offsets[i]) continue;
        const d = (frame.x(coords[2 * i]!) - x) ** 2 + (frame.y(coords[2 * i + 1]!) - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      return best;
    }
    for (let ring = 0; ring <= lastRing; ring++) {
      // Everything in this ring or later lies at least (ring - 1) cells away.
      if (best >= 0 && ((ring - 1) * BUCKET_M) ** 2 > bestD) break;
      for (let dx = -ring; dx <= ring; dx++) {
        const edge = dx === -ring || dx === ring;
        for (let dy = -ring; dy <= ring; dy += edge ? 1 : 2 * ring) {
          for (const i of this.nodeBuckets.at(cx + dx, cy + dy)) {
            const d = (frame.x(coords[2 * i]!) - x) ** 2 + (frame.y(coords[2 * i + 1]!) - y) ** 2;
            if (d < bestD) {
              bestD = d;
              best = i;
            }
          }
        }
      }
    }
    return best;
  }

  /**
   * nearestNode, remembered by exact position: units are ranked from their bases, which stay
   * put, so each recommendation need not look them all up again. Bounded, in case they move.
   */
  private nearestNodeCached(p: LonLat): number {
    let byLat = this.nearestMemo.get(p.lon);
    if (!byLat) {
      if (this.nearestMemo.size >= NEAREST_MEMO_MAX) this.nearestMemo.clear();
      this.nearestMemo.set(p.lon, (byLat = new Map()));
    }
    let node = byLat.get(p.lat);
    if (node === undefined) byLat.set(p.lat, (node = this.nearestNode(p)));
    return node;
  }

  /**
   * Single-source shortest distances (Dijkstra, binary heap): metres from `source` to every
   * node, Infinity where unreachable. Stops early once `target` is settled, if given.
   */
  distancesFrom(source: number, target = -1): { dist: Float64Array; prev: Int32Array } {
    const n = this.nodeCount;
    const dist = new Float64Array(n).fill(Infinity);
    const prev = new Int32Array(n).fill(-1);
    const done = new Uint8Array(n);
    if (source < 0 || source >= n) return { dist, prev };
    const heap = this.heap;
    heap.clear();
    dist[source] = 0;
    heap.push(source, 0);
    while (heap.size) {
      const node = heap.pop();
      if (done[node]) continue;
      done[node] = 1;
      if (node === target) break;
      const base = dist[node]!;
      for (let k = this.offsets[node]!; k < this.offsets[node + 1]!; k++) {
        const next = this.targets[k]!;
        const d = base + this.weights[k]!;
        if (d < dist[next]!) {
          dist[next] = d;
          prev[next] = node;
          heap.push(next, d);
        }
      }
    }
    return { dist, prev };
  }

  /** The way by road from one point to another (to the nearest nodes and on); null if none. */
  shortestPath(from: LonLat, to: LonLat): RoadPath | null {
    const s = this.nearestNode(from);
    const t = this.nearestNode(to);
    if (s < 0 || t < 0) return null;
    const { dist, prev } = this.distancesFrom(s, t);
    if (!Number.isFinite(dist[t]!)) return null;
    const nodes: number[] = [];
    for (let v = t; v >= 0; v = prev[v]!) nodes.push(v);
    nodes.reverse();
    const path: Array<[number, number]> = [[from.lon, from.lat]];
    const add = (lon: number, lat: number) => {
      const [lastLon, lastLat] = path[path.length - 1]!;
      if (lastLon !== lon || lastLat !== lat) path.push([lon, lat]);
    };
    for (const v of nodes) add(this.coords[2 * v]!, this.coords[2 * v + 1]!);
    add(to.lon, to.lat);
    return { path, meters: distanceMeters(from, this.node(s)) + dist[t]! + distanceMeters(this.node(t), to) };
  }

  /**
   * A distance function for ranking many destinations from one origin: the shortest-path
   * tree of the latest origin is kept, so n units cost one Dijkstra and n bucket lookups.
   * Points no road joins fall back to the straight line times DETOUR_FALLBACK.
   */
  distanceFunction(): (from: LonLat, to: LonLat) => number {
    let origin: LonLat | null = null;
    let source = -1;
    let tree: Float64Array | null = null;
    return (from, to) => {
      if (!origin || origin.lon !== from.lon || origin.lat !== from.lat) {
        origin = { lon: from.lon, lat: from.lat };
        source = this.nearestNode(from);
        tree = this.distancesFrom(source).dist;
      }
      const t = this.nearestNodeCached(to);
      const road = t >= 0 && tree ? tree[t]! : Infinity;
      if (!Number.isFinite(road)) return distanceMeters(from, to) * DETOUR_FALLBACK;
      return distanceMeters(from, this.node(source)) + road + distanceMeters(this.node(t), to);
    };
  }
}
