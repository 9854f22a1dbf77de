// How far an alert's area lies from the town: 0 when they touch or overlap, else the gap in
// km. Alerts come from anywhere (a feed re-broadcasting another continent's warnings), so
// far areas are told by a great-circle bound; near ones (within FAR_KM) are measured on a
// local projection about the town, where a town and its neighbours are flat enough.
import type { LonLat } from '../domain';
import type { Polygon, Ring } from '../town';
import { distanceMeters } from './distance';
import { bboxOf, KM_PER_DEGREE_LAT, kmPerDegreeLon, pointInRing } from './polygon';

/** Beyond this from the town's edge the exact gap does not matter: the area is not the town's. */
const FAR_KM = 300;

export interface AlertArea {
  /** Rings of [lon, lat]. */
  polygons: Ring[];
  circles: Array<{ center: [number, number]; radiusKm: number }>;
}

type Xy = [number, number];

function segmentDistance(p: Xy, a: Xy, b: Xy): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const length2 = dx * dx + dy * dy;
  const t = length2 ? Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2)) : 0;
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

function crosses(a: Xy, b: Xy, c: Xy, d: Xy): boolean {
  const side = (p: Xy, q: Xy, r: Xy) => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return side(a, b, c) !== side(a, b, d) && side(c, d, a) !== side(c, d, b);
}

/** The gap between two rings in km on the projection, 0 when one holds a point of the other or their edges cross. */
function ringGap(a: Xy[], b: Xy[]): number {
  if (a.some(([x, y]) => pointInRing(x, y, b)) || b.some(([x, y]) => pointInRing(x, y, a))) return 0;
  let gap = Infinity;
  for (let i = 0; i + 1 < a.length; i++) {
    for (let j = 0; j + 1 < b.length; j++) {
      if (crosses(a[i]!, a[i + 1]!, b[j]!, b[j + 1]!)) return 0;
      gap = Math.min(gap, segmentDistance(a[i]!, b[j]!, b[j + 1]!), segmentDistance(b[j]!, a[i]!, a[i + 1]!));
    }
  }
  return gap;
}

export class TownEdge {
  private readonly centre: LonLat;
  /** The farthest boundary point from the centre, km. */
  private readonly radiusKm: number;
  private readonly ring: Xy[];

  constructor(boundary: Polygon) {
    const outer = boundary[0] ?? [];
    const box = bboxOf([outer]);
    this.centre = { lon: (box.minLon + box.maxLon) / 2, lat: (box.minLat + box.maxLat) / 2 };
    this.radiusKm = Math.max(0, ...outer.map(([lon, lat]) => distanceMeters(this.centre, { lon, lat }) / 1000));
    this.ring = outer.map(([lon, lat]) => this.project(lon, lat));
  }

  private project(lon: number, lat: number): Xy {
    return [(lon - this.centre.lon) * kmPerDegreeLon(this.centre.lat), (lat - this.centre.lat) * KM_PER_DEGREE_LAT];
  }

  /** A lower bound on the gap from a point, by great circle: good enough to call a far point far. */
  private roughGapKm(lon: number, lat: number): number {
    return distanceMeters(this.centre, { lon, lat }) / 1000 - this.radiusKm;
  }

  /** 0 when the area touches the town, else how far it lies outside, km (at least FAR_KM when far). */
  gapKm(area: AlertArea): number {
    let gap = Infinity;
    for (const ring of area.polygons) {
      const rough = Math.min(...ring.map(([lon, lat]) => this.roughGapKm(lon, lat)));
      // A ring far from the town on every vertex may still surround it (a province-wide warning).
      const surrounds = pointInRing(this.centre.lon, this.centre.lat, ring);
      if (!surrounds && rough > FAR_KM) gap = Math.min(gap, rough);
      else gap = Math.min(gap, surrounds ? 0 : ringGap(ring.map(([lon, lat]) => this.project(lon, lat)), this.ring));
    }
    for (const { center, radiusKm } of area.circles) {
      const rough = this.roughGapKm(center[0], center[1]) - radiusKm;
      if (rough > FAR_KM) {
        gap = Math.min(gap, rough);
        continue;
      }
      const at = this.project(center[0], center[1]);
      const edge = pointInRing(at[0], at[1], this.ring) ? 0 : Math.min(...this.ring.slice(1).map((b, i) => segmentDistance(at, this.ring[i]!, b)));
      gap = Math.min(gap, Math.max(0, edge - radiusKm));
    }
    return gap;
  }
}
