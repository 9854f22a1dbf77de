// The few hundred metres around an incident as SVG paths: roads, water and blocks of the town's
// base map, in metres east/south of the incident. An SVG of a few dozen paths costs the seat
// nothing, where a second WebGL map beside the queue would cost a context and frames.
import type { LonLat } from '../../../../shared/domain';
import { degreesAround } from '../../../../shared/geo/distance';
import type { ResponseOf } from '../../../../shared/protocol/api';

type BaseMap = ResponseOf<'townBasemap'>;
type Position = readonly [number, number];

export interface SnippetShapes {
  radius: number;
  blocks: string[];
  water: Array<{ d: string; width: number }>;
  roads: Array<{ d: string; main: boolean }>;
}

/** A local projection, exact enough over a kilometre: metres east (x) and south (y) of `center`. */
export function projector(center: LonLat): (lon: number, lat: number) => [number, number] {
  const { dLon, dLat } = degreesAround(center.lat, 1);
  return (lon, lat) => [(lon - center.lon) / dLon, (center.lat - lat) / dLat];
}

export function snippetShapes(basemap: BaseMap, center: LonLat, radius = 400): SnippetShapes {
  const project = projector(center);
  const margin = radius * 1.5;
  const near = (path: readonly Position[]) =>
    path.some(([lon, lat]) => {
      const [x, y] = project(lon, lat);
      return Math.abs(x) <= margin && Math.abs(y) <= margin;
    });
  // Long roads cross the window with no vertex inside it; a segment test catches those.
  const crosses = (path: readonly Position[]) =>
    path.some((point, i) => {
      const next = path[i + 1];
      if (!next) return false;
      const [x1, y1] = project(point[0], point[1]);
      const [x2, y2] = project(next[0], next[1]);
      return Math.max(x1, x2) >= -margin && Math.min(x1, x2) <= margin && Math.max(y1, y2) >= -margin && Math.min(y1, y2) <= margin;
    });
  const d = (path: readonly Position[], close = false) =>
    path
      .map(([lon, lat], i) => {
        const [x, y] = project(lon, lat);
        return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
      })
      .join('') + (close ? 'Z' : '');
  return {
    radius,
    blocks: basemap.blocks.flatMap((block) => block.polygon.filter((ring) => near(ring)).map((ring) => d(ring, true))),
    water: basemap.water.filter((w) => crosses(w.path)).map((w) => ({ d: d(w.path), width: w.width })),
    roads: basemap.roads.filter((r) => crosses(r.path)).map((r) => ({ d: d(r.path), main: r.kind === 'main' })),
  };
}
