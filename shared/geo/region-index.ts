// Point → grid → every region above it, fast enough to locate every incoming report and
// every moving unit. A uniform bucket grid over the town's bbox holds, per bucket, the
// grids whose bbox touches it; exact point-in-polygon runs only on those few candidates.
import type { Region, RegionLevel } from '../town';
import { bboxOf, pointInPolygon, type BBox } from './polygon';

export interface Located {
  grid: Region;
  /** The grid's ancestors from its joint-enforcement region up to the command region. */
  ancestors: Region[];
}

export class RegionIndex {
  readonly bbox: BBox;
  private readonly grids: Region[];
  private readonly gridBoxes: Float64Array;
  private readonly chains: Region[][];
  private readonly byId: Map<string, Region>;
  private readonly cols: number;
  private readonly rows: number;
  private readonly cellW: number;
  private readonly cellH: number;
  /** CSR layout: bucket b holds candidates[offsets[b] .. offsets[b+1]). */
  private readonly offsets: Int32Array;
  private readonly candidates: Int32Array;

  constructor(regions: readonly Region[], bucketsPerSide = 64) {
    this.byId = new Map(regions.map((r) => [r.id, r]));
    this.grids = regions.filter((r) => r.level === 'grid');
    this.chains = this.grids.map((grid) => {
      const chain: Region[] = [];
      let parent = grid.parentId === null ? undefined : this.byId.get(grid.parentId);
      while (parent && chain.length < 8) {
        chain.push(parent);
        parent = parent.parentId === null ? undefined : this.byId.get(parent.parentId);
      }
      return chain;
    });
    this.bbox = this.grids.length ? bboxOf(this.grids.map((g) => g.polygon[0] ?? [])) : { minLon: 0, minLat: 0, maxLon: 0, maxLat: 0 };
    this.cols = bucketsPerSide;
    this.rows = bucketsPerSide;
    this.cellW = (this.bbox.maxLon - this.bbox.minLon) / this.cols || 1;
    this.cellH = (this.bbox.maxLat - this.bbox.minLat) / this.rows || 1;
    this.gridBoxes = new Float64Array(this.grids.length * 4);
    const buckets: number[][] = Array.from({ length: this.cols * this.rows }, () => []);
    this.grids.forEach((grid, i) => {
      const box = bboxOf(grid.polygon.slice(0, 1));
      this.gridBoxes.set([box.minLon, box.minLat, box.maxLon, box.maxLat], i * 4);
      const c0 = this.col(box.minLon);
      const c1 = this.col(box.maxLon);
      const r0 = this.row(box.minLat);
      const r1 = this.row(box.maxLat);
      for (let r = r0; r <= r1; r++) for (let c = c0; c <= c1; c++) buckets[r * this.cols + c]!.push(i);
    });
    this.offsets = new Int32Array(buckets.length + 1);
    let total = 0;
    buckets.forEach((b, i) => {
      this.offsets[i] = total;
      total += b.length;
    });
    this.offsets[buckets.length] = total;
    this.candidates = new Int32Array(total);
    buckets.forEach((b, i) => this.candidates.set(b, this.offsets[i]!));
  }

  private col(lon: number): number {
    return Math.min(this.cols - 1, Math.max(0, Math.floor((lon - this.bbox.minLon) / this.cellW)));
  }

  private row(lat: number): number {
    return Math.min(this.rows - 1, Math.max(0, Math.floor((lat - this.bbox.minLat) / this.cellH)));
  }

  region(id: string): Region | undefined {
    return this.byId.get(id);
  }

  /** Index into the grids array of the grid containing the point, or -1 outside the town. */
  private gridIndexAt(lon: number, lat: number): number {
    const box = this.bbox;
    if (!(lon >= box.minLon && lon <= box.maxLon && lat >= box.minLat && lat <= box.maxLat)) return -1;
    const bucket = this.row(lat) * this.cols + this.col(lon);
    const end = this.offsets[bucket + 1]!;
    const boxes = this.gridBoxes;
    for (let k = this.offsets[bucket]!; k < end; k++) {
      const i = this.candidates[k]!;
      const o = i * 4;
      if (lon < boxes[o]! || lat < boxes[o + 1]! || lon > boxes[o + 2]! || lat > boxes[o + 3]!) continue;
      if (pointInPolygon(lon, lat, this.grids[i]!.polygon)) return i;
    }
    return -1;
  }

  /** The grid containing the point, or null outside the town. */
  gridAt(lon: number, lat: number): Region | null {
    const i = this.gridIndexAt(lon, lat);
    return i < 0 ? null : this.grids[i]!;
  }

  locate(lon: number, lat: number): Located | null {
    const i = this.gridIndexAt(lon, lat);
    return i < 0 ? null : { grid: this.grids[i]!, ancestors: this.chains[i]! };
  }

  /** The region of `level` containing the point (the grid itself for 'grid'). */
  regionAt(lon: number, lat: number, level: RegionLevel): Region | null {
    const found = this.locate(lon, lat);
    if (!found) return null;
    if (level === 'grid') return found.grid;
    return found.ancestors.find((r) => r.level === level) ?? null;
  }
}
