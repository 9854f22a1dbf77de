// The pick-on-map panel's projection: the town is a few kilometres across, so an
// equirectangular projection scaled by cos(latitude) keeps distances true to the eye.
export interface Frame {
  minLon: number;
  maxLat: number;
  kx: number;
  width: number;
  height: number;
}

/** Units of the SVG viewBox per degree of latitude. */
const SCALE = 10_000;

export function frameOf(ring: ReadonlyArray<readonly [number, number]>, padding = 0.002): Frame {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of ring) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  minLon -= padding;
  maxLon += padding;
  minLat -= padding;
  maxLat += padding;
  const kx = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  return { minLon, maxLat, kx, width: (maxLon - minLon) * kx * SCALE, height: (maxLat - minLat) * SCALE };
}

export function project(frame: Frame, lon: number, lat: number): [number, number] {
  return [(lon - frame.minLon) * frame.kx * SCALE, (frame.maxLat - lat) * SCALE];
}

export function unproject(frame: Frame, x: number, y: number): { lon: number; lat: number } {
  return { lon: frame.minLon + x / (frame.kx * SCALE), lat: frame.maxLat - y / SCALE };
}

export function svgPath(frame: Frame, path: ReadonlyArray<readonly [number, number]>, close = false): string {
  const d = path.map(([lon, lat], i) => {
    const [x, y] = project(frame, lon, lat);
    return `${i ? 'L' : 'M'}${x.toFixed(1)} ${y.toFixed(1)}`;
  });
  return d.join('') + (close ? 'Z' : '');
}
