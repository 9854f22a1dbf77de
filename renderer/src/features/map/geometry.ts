// Small plane geometry on lon/lat, good enough inside one town (a few km): used to place
// labels, never to measure anything a decision depends on.
type Position = readonly number[];

const RAD = Math.PI / 180;

/** Area-weighted centroid of a ring; the vertex mean when the ring has no area. */
export function ringCentroid(ring: ReadonlyArray<Position>): [number, number] {
  let area = 0;
  let x = 0;
  let y = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0, y0] = ring[j] as [number, number];
    const [x1, y1] = ring[i] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    area += cross;
    x += (x0 + x1) * cross;
    y += (y0 + y1) * cross;
  }
  if (Math.abs(area) < 1e-14) {
    const n = Math.max(1, ring.length);
    return [ring.reduce((s, p) => s + p[0]!, 0) / n, ring.reduce((s, p) => s + p[1]!, 0) / n];
  }
  return [x / (3 * area), y / (3 * area)];
}

export interface PathAnchor {
  position: [number, number];
  /** Degrees counter-clockwise from east, kept within ±90 so that text reads left to right. */
  angle: number;
}

/** Points at the given fractions of a path's length, with the local direction of travel. */
export function anchorsAlong(path: ReadonlyArray<Position>, fractions: readonly number[]): PathAnchor[] {
  if (path.length < 2) return [];
  const cosLat = Math.cos((path[0]![1]! as number) * RAD);
  const lengths: number[] = [];
  let total = 0;
  for (let i = 1; i < path.length; i++) {
    const dx = (path[i]![0]! - path[i - 1]![0]!) * cosLat;
    const dy = path[i]![1]! - path[i - 1]![1]!;
    const length = Math.hypot(dx, dy);
    lengths.push(length);
    total += length;
  }
  return fractions.map((fraction) => {
    let target = total * fraction;
    let i = 0;
    while (i < lengths.length - 1 && target > lengths[i]!) target -= lengths[i++]!;
    const a = path[i]!;
    const b = path[i + 1]!;
    const t = lengths[i]! > 0 ? Math.min(1, target / lengths[i]!) : 0;
    let angle = Math.atan2(b[1]! - a[1]!, (b[0]! - a[0]!) * cosLat) / RAD;
    if (angle > 90) angle -= 180;
    if (angle <= -90) angle += 180;
    return { position: [a[0]! + (b[0]! - a[0]!) * t, a[1]! + (b[1]! - a[1]!) * t], angle };
  });
}
