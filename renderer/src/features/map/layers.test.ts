import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import { INCIDENT_LAYER_ID, incidentLayer, toIncidentPoints } from './layers';
import { STATE_COLORS } from './stateColors';

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
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
  lastSeq: 1,
  lastAction: 'incident.reported',
  ...over,
});

describe('incident map layer', () => {
  const incidents = [
    incident('A', { location: { lon: 120.1, lat: 30.3 } }),
    incident('B', { location: null, address: '只有地址' }),
    incident('C', { state: 'dispatched', location: { lon: 120.2, lat: 30.4 } }),
  ];

  it('plots only incidents that have coordinates, coloured by state', () => {
    const points = toIncidentPoints(incidents);
    expect(points.length).toBe(2);
    expect(points.ids).toEqual(['A', 'C']);
    expect(Array.from(points.positions)).toEqual([120.1, 30.3, 120.2, 30.4]);
    expect(Array.from(points.colors.subarray(4, 8))).toEqual([...STATE_COLORS.dispatched]);
  });

  it('keeps one stable layer id and hands the columns to the GPU as they are', () => {
    const points = toIncidentPoints(incidents);
    const layer = incidentLayer(points, { focusedId: null });
    expect(layer.id).toBe(INCIDENT_LAYER_ID);
    const data = layer.props.data as unknown as { length: number; attributes: Record<string, { value: unknown }> };
    expect(data.length).toBe(2);
    expect(data.attributes.getPosition?.value).toBe(points.positions);
    expect(data.attributes.getFillColor?.value).toBe(points.colors);
  });

  it('rings the focused incident and changes only the ring trigger when focus moves', () => {
    const points = toIncidentPoints(incidents);
    const none = incidentLayer(points, { focusedId: null });
    const onC = incidentLayer(points, { focusedId: 'C' });
    expect(none.props.updateTriggers).toEqual({ getLineColor: [-1] });
    expect(onC.props.updateTriggers).toEqual({ getLineColor: [1] });
    const ring = onC.props.getLineColor as (d: unknown, info: { index: number }) => number[];
    expect(ring(null, { index: 1 })[3]).toBe(255);
    expect(ring(null, { index: 0 })[3]).toBe(0);
    expect(onC.props.data).toBe(none.props.data);
  });

  it('builds the same props from the same input', () => {
    const points = toIncidentPoints(incidents);
    expect(incidentLayer(points, { focusedId: 'A' }).props.updateTriggers).toEqual(
      incidentLayer(points, { focusedId: 'A' }).props.updateTriggers,
    );
  });
});
