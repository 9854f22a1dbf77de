import type { LonLat } from '../domain';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance (haversine); exact enough for a town, and cheap. */
export function distanceMeters(a: LonLat, b: LonLat): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Degrees of latitude and longitude spanning `meters` around a latitude, for bounding boxes. */
export function degreesAround(lat: number, meters: number): { dLon: number; dLat: number } {
  const dLat = meters / (EARTH_RADIUS_M * RAD);
  return { dLat, dLon: dLat / Math.max(0.01, Math.cos(lat * RAD)) };
}
