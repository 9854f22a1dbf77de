// Pure layer factories: same inputs, same layer props. Layers are rebuilt every render and
// never stored; deck.gl diffs them by id, and the typed arrays only change when the
// incidents do, so the GPU buffers are re-uploaded only then.
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Incident } from '../../../../shared/domain';
import { STATE_COLORS } from './stateColors';

export const INCIDENT_LAYER_ID = 'open-incidents';

/** Open incidents with a location, as columns the GPU takes directly. */
export interface IncidentPoints {
  length: number;
  /** lon, lat pairs (WGS-84). */
  positions: Float64Array;
  /** r, g, b, a per point. */
  colors: Uint8Array;
  /** Incident id per point, to turn a picked index back into an incident. */
  ids: string[];
  /** The columns in deck.gl's binary data shape. Built once here: deck.gl compares `data`
   * by reference, so a fresh object per render would re-upload every buffer each frame. */
  data: BinaryPoints;
}

interface BinaryPoints {
  length: number;
  attributes: {
    getPosition: { value: Float64Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

export function toIncidentPoints(incidents: readonly Incident[]): IncidentPoints {
  const located = incidents.filter((i) => i.location !== null);
  const positions = new Float64Array(located.length * 2);
  const colors = new Uint8Array(located.length * 4);
  const ids: string[] = [];
  located.forEach((incident, index) => {
    positions[index * 2] = incident.location!.lon;
    positions[index * 2 + 1] = incident.location!.lat;
    colors.set(STATE_COLORS[incident.state], index * 4);
    ids.push(incident.id);
  });
  const data: BinaryPoints = {
    length: located.length,
    attributes: {
      getPosition: { value: positions, size: 2 },
      getFillColor: { value: colors, size: 4, normalized: true },
    },
  };
  return { length: located.length, positions, colors, ids, data };
}

export interface IncidentLayerOptions {
  /** The incident to ring (hovered now; the wall focus later). */
  focusedId: string | null;
}

const RING: [number, number, number, number] = [255, 255, 255, 255];
const NO_RING: [number, number, number, number] = [0, 0, 0, 0];

export function incidentLayer(points: IncidentPoints, { focusedId }: IncidentLayerOptions) {
  const focusedIndex = focusedId === null ? -1 : points.ids.indexOf(focusedId);
  return new ScatterplotLayer({
    id: INCIDENT_LAYER_ID,
    data: points.data,
    pickable: true,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    getRadius: 7,
    radiusMinPixels: 4,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    // Only this accessor depends on something outside `data`; its trigger recomputes the
    // ring colours alone when the focus moves, leaving positions and fills on the GPU.
    getLineColor: (_: unknown, { index }: { index: number }) => (index === focusedIndex ? RING : NO_RING),
    updateTriggers: { getLineColor: [focusedIndex] },
  });
}
