import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import {
  focusLinks,
  INCIDENT_LAYER_ID,
  incidentLayers,
  isOverdue,
  PULSE_LAYER_ID,
  pulseLayer,
  pulsePoints,
  toIncidentPoints,
} from './incidentLayers';
import { PRIORITY_COLORS } from './mapTheme';

const T0 = Date.parse('2025-03-01T08:00:00.000Z');
const MINUTE = 60_000;

const incident = (id: string, over: Partial<Incident> = {}): Incident => ({
  id,
  state: 'reported',
  title: id,
  category: 'noise',
  priority: null,
  location: { lon: 120.08, lat: 30.33 },
  address: null,
  channels: ['phone'],
  reportCount: 1,
  createdAt: new Date(T0).toISOString(),
  updatedAt: new Date(T0).toISOString(),
  lastSeq: 1,
  lastAction: 'incident.reported',
  ...over,
});

describe('open incidents on the wall map', () => {
  const incidents = [
    incident('A', { location: { lon: 120.1, lat: 30.3 }, priority: 'P1', state: 'triaged' }),
    incident('B', { location: null, address: '只有地址' }),
    incident('C', { state: 'dispatched', priority: 'P4', location: { lon: 120.2, lat: 30.4 } }),
  ];

  it('plots only incidents with coordinates, coloured by priority', () => {
    const points = toIncidentPoints(incidents);
    expect(points.length).toBe(2);
    expect(points.incidents.map((i) => i.id)).toEqual(['A', 'C']);
    expect(Array.from(points.attributes.getPosition.value)).toEqual([120.1, 30.3, 120.2, 30.4]);
    expect(Array.from(points.attributes.getFillColor.value.subarray(0, 4))).toEqual([...PRIORITY_COLORS.P1]);
  });

  it('hands the columns to the GPU as they are, under one stable id', () => {
    const points = toIncidentPoints(incidents);
    const layer = incidentLayers(points, { visible: true });
    expect(layer.id).toBe(INCIDENT_LAYER_ID);
    expect(layer.props.data).toBe(points);
  });

  it('calls an incident overdue once its dispatch or resolve allowance has passed', () => {
    const waiting = incident('W', { priority: 'P1', state: 'triaged' });
    expect(isOverdue(waiting, T0 + 4 * MINUTE)).toBe(false);
    expect(isOverdue(waiting, T0 + 6 * MINUTE)).toBe(true);
    const dispatched = incident('D', { priority: 'P1', state: 'dispatched' });
    expect(isOverdue(dispatched, T0 + 60 * MINUTE)).toBe(false);
    expect(isOverdue(dispatched, T0 + 5 * 60 * MINUTE)).toBe(true);
  });

  it('pulses new incidents for a minute and overdue ones until handled', () => {
    const points = toIncidentPoints([incident('new', { createdAt: new Date(T0 + 30 * MINUTE).toISOString() }), incident('old', { priority: 'P2', state: 'dispatched' })]);
    expect(pulsePoints(points, T0 + 30 * MINUTE + 10_000).length).toBe(1);
    expect(pulsePoints(points, T0 + 32 * MINUTE).length).toBe(0);
    expect(pulsePoints(points, T0 + 25 * 60 * MINUTE).length).toBe(2);
  });

  it('animates the pulse through uniforms, never through new data', () => {
    const pulse = pulsePoints(toIncidentPoints([incident('new')]), T0 + 1_000);
    const a = pulseLayer(pulse, 0.1, { visible: true });
    const b = pulseLayer(pulse, 0.6, { visible: true });
    expect(a.id).toBe(PULSE_LAYER_ID);
    expect(b.props.data).toBe(a.props.data);
    expect(b.props.radiusScale).toBeGreaterThan(a.props.radiusScale);
    expect(b.props.opacity).toBeLessThan(a.props.opacity);
  });

  it('links the focused incident to its units and its cameras', () => {
    const links = focusLinks({ position: [120, 30], units: [[120.01, 30]], cameras: [[120, 30.001], [120.001, 30]] });
    expect(links).toHaveLength(3);
    expect(links.every((link) => link.from[0] === 120 && link.from[1] === 30)).toBe(true);
  });
});
