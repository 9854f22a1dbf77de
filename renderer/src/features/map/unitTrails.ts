// Where each unit has been in the last minute, as a short tail that fades with age: the
// wall reads at a glance who is moving and which way. Samples live in one ring buffer per
// unit row inside flat typed arrays, so a 1 Hz batch of 500 units allocates nothing but
// the vertex buffers handed to the PathLayer.
import { PathLayer } from '@deck.gl/layers';
import type { Rgba } from './mapTheme';

export const TRAIL_LAYER_ID = 'unit-trails';
/** How far back a trail reaches. */
export const TRAIL_WINDOW_MS = 60_000;
/** Samples kept per unit: a minute at 1 Hz, and some slack for a faster feed. */
export const TRAIL_CAPACITY = 72;

export interface TrailColumns {
  length: number;
  startIndices: Uint32Array;
  attributes: {
    getPath: { value: Float64Array; size: 2 };
    /** Per vertex: the alpha falls with the sample's age. */
    getColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

export class TrailBuffer {
  readonly rows: number;
  readonly capacity: number;
  private readonly lonLat: Float64Array;
  private readonly times: Float64Array;
  /** Index of the next write per row, and how many samples the row holds. */
  private readonly head: Uint16Array;
  private readonly count: Uint16Array;

  constructor(rows: number, capacity = TRAIL_CAPACITY) {
    this.rows = rows;
    this.capacity = capacity;
    this.lonLat = new Float64Array(rows * capacity * 2);
    this.times = new Float64Array(rows * capacity);
    this.head = new Uint16Array(rows);
    this.count = new Uint16Array(rows);
  }

  /** Records where a unit was at `at`; a sample equal to the last one only refreshes its time. */
  push(row: number, lon: number, lat: number, at: number): void {
    if (row < 0 || row >= this.rows) return;
    const cap = this.capacity;
    const base = row * cap;
    const n = this.count[row]!;
    if (n > 0) {
      const last = base + ((this.head[row]! + cap - 1) % cap);
      if (this.lonLat[last * 2] === lon && this.lonLat[last * 2 + 1] === lat) {
        this.times[last] = at;
        return;
      }
    }
    const slot = base + this.head[row]!;
    this.lonLat[slot * 2] = lon;
    this.lonLat[slot * 2 + 1] = lat;
    this.times[slot] = at;
    this.head[row] = (this.head[row]! + 1) % cap;
    if (n < cap) this.count[row] = n + 1;
  }

  /** The samples of a row newer than `since`, oldest first, as [lon, lat, time]. */
  samples(row: number, since: number): Array<[number, number, number]> {
    const out: Array<[number, number, number]> = [];
    this.visit(row, since, (lon, lat, at) => out.push([lon, lat, at]));
    return out;
  }

  private visit(row: number, since: number, visitor: (lon: number, lat: number, at: number) => void): number {
    const cap = this.capacity;
    const base = row * cap;
    const n = this.count[row]!;
    const first = (this.head[row]! + cap - n) % cap;
    let visited = 0;
    for (let k = 0; k < n; k += 1) {
      const slot = base + ((first + k) % cap);
      const at = this.times[slot]!;
      if (at < since) continue;
      visitor(this.lonLat[slot * 2]!, this.lonLat[slot * 2 + 1]!, at);
      visited += 1;
    }
    return visited;
  }

  /**
   * Every trail with at least two points inside the window, in PathLayer's binary shape. The
   * colour of each row comes from `color` (the unit's status); the alpha goes from full at
   * `now` to nothing at the window's start.
   */
  columns(now: number, color: (row: number) => Rgba, windowMs = TRAIL_WINDOW_MS): TrailColumns {
    const since = now - windowMs;
    const counts = new Uint16Array(this.rows);
    let vertices = 0;
    let paths = 0;
    for (let row = 0; row < this.rows; row += 1) {
      const n = this.visit(row, since, () => undefined);
      if (n < 2) continue;
      counts[row] = n;
      vertices += n;
      paths += 1;
    }
    const value = new Float64Array(vertices * 2);
    const colors = new Uint8Array(vertices * 4);
    const startIndices = new Uint32Array(paths);
    let vertex = 0;
    let path = 0;
    for (let row = 0; row < this.rows; row += 1) {
      if (!counts[row]) continue;
      startIndices[path] = vertex;
      path += 1;
      const [r, g, b, a] = color(row);
      this.visit(row, since, (lon, lat, at) => {
        value[vertex * 2] = lon;
        value[vertex * 2 + 1] = lat;
        const fresh = Math.max(0, Math.min(1, 1 - (now - at) / windowMs));
        colors.set([r, g, b, Math.round(a * fresh * fresh)], vertex * 4);
        vertex += 1;
      });
    }
    return {
      length: paths,
      startIndices,
      attributes: { getPath: { value, size: 2 }, getColor: { value: colors, size: 4, normalized: true } },
    };
  }
}

export function trailLayer(trails: TrailColumns, { visible, streetLevel }: { visible: boolean; streetLevel: boolean }) {
  return new PathLayer({
    id: TRAIL_LAYER_ID,
    data: trails,
    _pathType: 'open',
    visible,
    widthUnits: 'pixels',
    getWidth: streetLevel ? 4 : 2.5,
    updateTriggers: { getWidth: [streetLevel] },
    capRounded: true,
    jointRounded: true,
  });
}
