// China's map datums. WGS-84 is what GPS reports and what DutyDeck stores; GCJ-02 is the
// obfuscated datum every map published in China must use (Amap, Tencent), and BD-09 is
// Baidu's further offset of it. A town's data arrives in any of the three.
// The forward formulas are the published ones; there is no closed-form inverse of GCJ-02,
// so it is inverted by fixed-point iteration, which converges to < 1e-9° in a few steps.

export const DATUMS = ['wgs84', 'gcj02', 'bd09'] as const;
export type Datum = (typeof DATUMS)[number];

export type LonLatPair = [lon: number, lat: number];

const A = 6378245.0; // Krasovsky 1940 semi-major axis, as the GCJ-02 algorithm uses it
const EE = 0.006693421622965943; // Krasovsky eccentricity squared
const X_PI = (Math.PI * 3000.0) / 180.0;

/** GCJ-02 leaves coordinates outside mainland China (roughly) unshifted. */
export function outsideChina(lon: number, lat: number): boolean {
  return lon < 72.004 || lon > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function transformLat(x: number, y: number): number {
  let ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return ret;
}

function transformLon(x: number, y: number): number {
  let ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  ret += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  ret += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  ret += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return ret;
}

export function wgs84ToGcj02(lon: number, lat: number): LonLatPair {
  if (outsideChina(lon, lat)) return [lon, lat];
  let dLat = transformLat(lon - 105.0, lat - 35.0);
  let dLon = transformLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLon = (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lon + dLon, lat + dLat];
}

export function gcj02ToWgs84(lon: number, lat: number): LonLatPair {
  if (outsideChina(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 10; i++) {
    const [gLon, gLat] = wgs84ToGcj02(wLon, wLat);
    const eLon = gLon - lon;
    const eLat = gLat - lat;
    wLon -= eLon;
    wLat -= eLat;
    if (Math.abs(eLon) < 1e-10 && Math.abs(eLat) < 1e-10) break;
  }
  return [wLon, wLat];
}

export function gcj02ToBd09(lon: number, lat: number): LonLatPair {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** Baidu's published inverse is approximate (~1e-6°); one refinement step makes it exact enough. */
export function bd09ToGcj02(lon: number, lat: number): LonLatPair {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  let gLon = z * Math.cos(theta);
  let gLat = z * Math.sin(theta);
  for (let i = 0; i < 3; i++) {
    const [bLon, bLat] = gcj02ToBd09(gLon, gLat);
    gLon -= bLon - lon;
    gLat -= bLat - lat;
  }
  return [gLon, gLat];
}

export function wgs84ToBd09(lon: number, lat: number): LonLatPair {
  const [gLon, gLat] = wgs84ToGcj02(lon, lat);
  return gcj02ToBd09(gLon, gLat);
}

export function bd09ToWgs84(lon: number, lat: number): LonLatPair {
  const [gLon, gLat] = bd09ToGcj02(lon, lat);
  return gcj02ToWgs84(gLon, gLat);
}

/** Converts a position given in `datum` to WGS-84. */
export function toWgs84(datum: Datum, lon: number, lat: number): LonLatPair {
  switch (datum) {
    case 'wgs84':
      return [lon, lat];
    case 'gcj02':
      return gcj02ToWgs84(lon, lat);
    case 'bd09':
      return bd09ToWgs84(lon, lat);
  }
}

/** Converts a WGS-84 position to `datum` (used to export for, and to test, other datums). */
export function fromWgs84(datum: Datum, lon: number, lat: number): LonLatPair {
  switch (datum) {
    case 'wgs84':
      return [lon, lat];
    case 'gcj02':
      return wgs84ToGcj02(lon, lat);
    case 'bd09':
      return wgs84ToBd09(lon, lat);
  }
}
