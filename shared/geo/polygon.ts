// Planar geometry on [lon, lat] positions. A town is ~10 km across, so a local
// equirectangular projection about the town's own latitude is accurate to well under 0.1%.
import type { Polygon, Ring } from '../town';

export const EARTH_RADIUS_KM = 6371.0088;
export const KM_PER_DEGREE_LAT = (EARTH_RADIUS_KM * Math.PI) / 180;
export const kmPerDegreeLon = (lat: number): number => KM_PER_DEGREE_LAT * Math.cos((lat * Math.PI) / 180);

export interface BBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

export function bboxOf(rings: Iterable<Ring>): BBox {
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      if (lon < minLon) minLon = lon;
      if (lon > maxLon) maxLon = lon;
      if (lat < minLat) minLat = lat;
      if (lat > maxLat) maxLat = lat;
    }
  }
  return { minLon, minLat, maxLon, maxLat };
}

export function polygonBBox(polygon: Polygon): BBox {
  return bboxOf(polygon.slice(0, 1));
}

/** Even-odd ray casting; a point exactly on an edge may fall either way. */
export function pointInRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const a = ring[i]!;
    const b = ring[j]!;
    const ay = a[1];
    const by = b[1];
    if (ay > lat !== by > lat) {
      const x = ((b[0] - a[0]) * (lat - ay)) / (by - ay) + a[0];
      if (lon < x) inside = !inside;
    }
  }
  return inside;
}

export function pointInPolygon(lon: number, lat: number, polygon: Polygon): boolean {
  const [outer, ...holes] = polygon;
  if (!outer || !pointInRing(lon, lat, outer)) return false;
  for (const hole of holes) if (pointInRing(lon, lat, hole)) return false;
  return true;
}

/** Signed area in km² (positive when counter-clockwise), projected about `lat0`. */
export function ringSignedAreaKm2(ring: Ring, lat0: number): number {
  const kx = kmPerDegreeLon(lat0);
  const ky = KM_PER_DEGREE_LAT;
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += a[0] * kx * (b[1] * ky) - b[0] * kx * (a[1] * ky);
  }
  return sum / 2;
}

/** Area in km²: the outer ring less its holes. */
export function polygonAreaKm2(polygon: Polygon, lat0?: number): number {
  const [outer, ...holes] = polygon;
  if (!outer) return 0;
  const box = polygonBBox(polygon);
  const ref = lat0 ?? (box.minLat + box.maxLat) / 2;
  let area = Math.abs(ringSignedAreaKm2(outer, ref));
  for (const hole of holes) area -= Math.abs(ringSignedAreaKm2(hole, ref));
  return area;
}

/** Area-weighted centroid of the outer ring (may lie outside a concave polygon). */
export function ringCentroid(ring: Ring): [number, number] {
  let a = 0;
  let cx = 0;
  let cy = 0;
  const [ox, oy] = ring[0] ?? [0, 0];
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const p = ring[j]!;
    const q = ring[i]!;
    const px = p[0] - ox;
    const py = p[1] - oy;
    const qx = q[0] - ox;
    const qy = q[1] - oy;
    const cross = px * qy - qx * py;
    a += cross;
    cx += (px + qx) * cross;
    cy += (py + qy) * cross;
  }
  if (a === 0) return [ox, oy];
  return [ox + cx / (3 * a), oy + cy / (3 * a)];
}

/**
 * A point guaranteed inside the polygon (for nesting checks and labels): the centroid when it
 * is inside, else the midpoint of the widest horizontal run through the polygon's middle.
 */
export function interiorPoint(polygon: Polygon): [number, number] {
  const outer = polygon[0];
  if (!outer || outer.length < 3) return [0, 0];
  const c = ringCentroid(outer);
  if (pointInPolygon(c[0], c[1], polygon)) return c;
  const box = polygonBBox(polygon);
  for (const t of [0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875]) {
    const lat = box.minLat + (box.maxLat - box.minLat) * t;
    const xs: number[] = [];
    for (const ring of polygon) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const a = ring[i]!;
        const b = ring[j]!;
        if (a[1] > lat !== b[1] > lat) xs.push(((b[0] - a[0]) * (lat - a[1])) / (b[1] - a[1]) + a[0]);
      }
    }
    xs.sort((x, y) => x - y);
    let best: [number, number] | null = null;
    let width = 0;
    for (let i = 0; i + 1 < xs.length; i += 2) {
      const w = xs[i + 1]! - xs[i]!;
      if (w > width) {
        width = w;
        best = [(xs[i]! + xs[i + 1]!) / 2, lat];
      }
    }
    if (best) return best;
  }
  return c;
}
