// Open incidents by priority, a pulse on the ones that need eyes now (new in the last
// minute, or past their SLA), and the wall's focused incident. The pulse animates through
// uniforms (radiusScale, opacity): a frame of animation uploads nothing to the GPU.
import { LineLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Incident } from '../../../../shared/domain';
import { DEFAULT_SLA, slaMinutes } from '../../../../shared/sla';
import { pointColumns, type PointColumns } from './columns';
import { FOCUS, PRIORITY_COLORS, type Rgba } from './mapTheme';

export const INCIDENT_LAYER_ID = 'open-incidents';
export const PULSE_LAYER_ID = 'incident-pulse';
export const FOCUS_LAYER_ID = 'focus-ring';
export const FOCUS_LINKS_ID = 'focus-links';

/** New incidents pulse for their first minute on the wall. */
export const NEW_FOR_MS = 60_000;
const MINUTE = 60_000;

export interface IncidentPoints extends PointColumns {
  /** Incident per point, to turn a picked index back into an incident. */
  incidents: Incident[];
}

export function priorityColor(incident: Incident): Rgba {
  return PRIORITY_COLORS[incident.priority ?? 'none'];
}

export function toIncidentPoints(incidents: readonly Incident[]): IncidentPoints {
  const located = incidents.filter((incident) => incident.location !== null);
  return {
    ...pointColumns(located, (i) => [i.location!.lon, i.location!.lat], priorityColor),
    incidents: located,
  };
}

const NOT_DISPATCHED = new Set(['reported', 'triaged', 'returned', 'reopened']);

/**
 * Past a deadline that the queue row alone can tell: still not dispatched after the
 * dispatch allowance, or still open after the resolve allowance (both from creation).
 */
export function isOverdue(incident: Incident, now: number): boolean {
  const minutes = slaMinutes(DEFAULT_SLA, incident.category, incident.priority);
  const age = now - Date.parse(incident.createdAt);
  if (NOT_DISPATCHED.has(incident.state) && age > minutes.dispatch * MINUTE) return true;
  return age > minutes.resolve * MINUTE;
}

export function needsPulse(incident: Incident, now: number): boolean {
  return now - Date.parse(incident.createdAt) < NEW_FOR_MS || isOverdue(incident, now);
}

export interface PulsePoints {
  length: number;
  attributes: { getPosition: PointColumns['attributes']['getPosition']; getLineColor: PointColumns['attributes']['getFillColor'] };
}

/** The incidents that pulse at `now`, in the ring layer's shape; recomputed once a second. */
export function pulsePoints(points: IncidentPoints, now: number): PulsePoints {
  const columns = pointColumns(
    points.incidents.filter((incident) => needsPulse(incident, now)),
    (i) => [i.location!.lon, i.location!.lat],
    priorityColor,
  );
  return { length: columns.length, attributes: { getPosition: columns.attributes.getPosition, getLineColor: columns.attributes.getFillColor } };
}

export function incidentLayers(points: IncidentPoints, { visible }: { visible: boolean }) {
  return new ScatterplotLayer({
    id: INCIDENT_LAYER_ID,
    data: points,
    visible,
    pickable: true,
    stroked: true,
    filled: true,
    radiusUnits: 'pixels',
    getRadius: 8,
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
    getLineColor: [250, 252, 255, 255],
  });
}

/** Phase in [0, 1): one expanding ring every 1.6 s. */
export function pulsePhase(now: number): number {
  return (now % 1600) / 1600;
}

export function pulseLayer(pulse: PulsePoints, phase: number, { visible }: { visible: boolean }) {
  return new ScatterplotLayer({
    id: PULSE_LAYER_ID,
    // The same object on every frame: only the uniforms below change.
    data: pulse,
    visible: visible && pulse.length > 0,
    filled: false,
    stroked: true,
    radiusUnits: 'pixels',
    getRadius: 8,
    lineWidthUnits: 'pixels',
    getLineWidth: 2.5,
    // Uniforms only: the ring grows from 1× to 3.5× and fades out.
    radiusScale: 1 + 2.5 * phase,
    opacity: 0.95 * (1 - phase),
  });
}

export interface FocusGeometry {
  position: [number, number];
  units: Array<[number, number]>;
  cameras: Array<[number, number]>;
}

interface Link {
  from: [number, number];
  to: [number, number];
  color: Rgba;
  width: number;
}

export function focusLinks(focus: FocusGeometry): Link[] {
  return [
    ...focus.cameras.map((to) => ({ from: focus.position, to, color: FOCUS.toCamera, width: 1.5 })),
    ...focus.units.map((to) => ({ from: focus.position, to, color: FOCUS.toUnit, width: 3 })),
  ];
}

export function focusLayers(focus: FocusGeometry | null, links: Link[]) {
  return [
    new LineLayer({
      id: FOCUS_LINKS_ID,
      data: links,
      visible: focus !== null,
      getSourcePosition: (d: Link) => d.from,
      getTargetPosition: (d: Link) => d.to,
      getColor: (d: Link) => d.color,
      getWidth: (d: Link) => d.width,
      widthUnits: 'pixels',
    }),
    new ScatterplotLayer({
      id: FOCUS_LAYER_ID,
      data: focus ? [focus.position] : [],
      visible: focus !== null,
      getPosition: (d: [number, number]) => d,
      filled: true,
      stroked: true,
      radiusUnits: 'pixels',
      getRadius: 22,
      getFillColor: [255, 213, 79, 40],
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
      getLineColor: FOCUS.ring,
    }),
  ];
}
