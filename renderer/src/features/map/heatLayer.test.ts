import { describe, expect, it } from 'vitest';
import { HEAT_LAYER_ID, heatLayer, heatPoints } from './heatLayer';

const DAY = 86_400_000;
const now = Date.parse('2025-05-31T12:00:00Z');
const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();

describe('incident heat of the last 30 days', () => {
  it('packs the located incidents of the window as one flat position buffer', () => {
    const points = heatPoints(
      [
        { createdAt: at(1), location: { lon: 120.1, lat: 30.3 }, state: 'closed' },
        { createdAt: at(29.9), location: { lon: 120.2, lat: 30.4 }, state: 'reported' },
        { createdAt: at(31), location: { lon: 120.3, lat: 30.5 }, state: 'closed' }, // too old
        { createdAt: at(2), location: null, state: 'reported' }, // nowhere to draw
        { createdAt: at(3), location: { lon: 120.4, lat: 30.6 }, state: 'merged' }, // counted in its target
      ],
      now,
    );
    expect(points.length).toBe(2);
    expect(Array.from(points.attributes.getPosition.value)).toEqual([120.1, 30.3, 120.2, 30.4]);
    expect(points.newest).toBe(now - DAY);
    expect(points.oldest).toBe(Date.parse(at(29.9)));
  });

  it('is empty, not broken, without incidents', () => {
    const points = heatPoints([], now);
    expect(points.length).toBe(0);
    expect(points.newest).toBeNull();
    const layer = heatLayer(points, { visible: true, streetLevel: false });
    expect(layer.id).toBe(HEAT_LAYER_ID);
  });
});
