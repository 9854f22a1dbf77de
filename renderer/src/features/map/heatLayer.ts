// Where incidents happened over the last 30 days, as a heat map: the shape of the month
// the morning meeting talks about. Its ramp is violet to pale pink, away from the red,
// orange, yellow, blue and green that safety codes, risk levels and priorities already use.
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import type { Rgba } from './mapTheme';

export const HEAT_LAYER_ID = 'incident-heat';
export const HEAT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

export const HEAT_RAMP: readonly Rgba[] = [
  [58, 36, 104, 255],
  [98, 48, 146, 255],
  [146, 60, 170, 255],
  [196, 78, 176, 255],
  [236, 120, 188, 255],
  [255, 206, 226, 255],
];

export interface HeatPoints {
  length: number;
  attributes: { getPosition: { value: Float64Array; size: 2 } };
  /** Newest and oldest creation time counted (ms), for the legend; null when empty. */
  newest: number | null;
  oldest: number | null;
}

/**
 * The hub's flat lon/lat/time triples (GET /heat: merged incidents are already left out,
 * their target counts) within the window ending at `now`, as one position buffer.
 */
export function heatPoints(triples: readonly number[], now: number, days = HEAT_WINDOW_DAYS): HeatPoints {
  const since = now - days * DAY_MS;
  const value = new Float64Array((triples.length / 3) * 2);
  let length = 0;
  let newest: number | null = null;
  let oldest: number | null = null;
  for (let i = 0; i + 2 < triples.length; i += 3) {
    const at = triples[i + 2]!;
    if (!(at >= since && at <= now)) continue;
    value[length * 2] = triples[i]!;
    value[length * 2 + 1] = triples[i + 1]!;
    length += 1;
    newest = newest === null ? at : Math.max(newest, at);
    oldest = oldest === null ? at : Math.min(oldest, at);
  }
  return { length, attributes: { getPosition: { value: value.subarray(0, length * 2), size: 2 } }, newest, oldest };
}

export function heatLayer(points: HeatPoints, { visible, streetLevel }: { visible: boolean; streetLevel: boolean }) {
  return new HeatmapLayer({
    id: HEAT_LAYER_ID,
    data: points,
    visible,
    pickable: false,
    getWeight: 1,
    // Wider at town zoom, where a grid is a few pixels; tighter at street zoom.
    radiusPixels: streetLevel ? 44 : 30,
    intensity: 1,
    threshold: 0.08,
    colorRange: HEAT_RAMP as Rgba[] as [number, number, number, number][],
    opacity: 0.72,
    // The default 2048² weight texture is drawn anew on every pan; a quarter of it looks the
    // same once blurred into heat and costs a sixteenth (a wall PC's integrated GPU, SwiftShader).
    weightsTextureSize: 512,
  });
}
