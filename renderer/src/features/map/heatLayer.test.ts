import { describe, expect, it } from 'vitest';
import { HEAT_LAYER_ID, heatLayer, heatPoints } from './heatLayer';

const DAY = 86_400_000;
const now = Date.parse('2025-05-31T12:00:00Z');

describe('incident heat of the last 30 days', () => {
  it('packs the points of the window as one flat position buffer', () => {
    const points = heatPoints(
      [
        120.1, 30.3, now - DAY,
        120.2, 30.4, now - 29.9 * DAY,
        120.3, 30.5, now - 31 * DAY, // too old
        120.4, 30.6, now + DAY, // a clock ahead of the wall's
      ],
      now,
    );
    expect(points.length).toBe(2);
    expect(Array.from(points.attributes.getPosition.value)).toEqual([120.1, 30.3, 120.2, 30.4]);
    expect(points.newest).toBe(now - DAY);
    expect(points.oldest).toBe(now - 29.9 * DAY);
  });

  it('is empty, not broken, without incidents', () => {
    const points = heatPoints([], now);
    expect(points.length).toBe(0);
    expect(points.newest).toBeNull();
    const layer = heatLayer(points, { visible: true, streetLevel: false });
    expect(layer.id).toBe(HEAT_LAYER_ID);
  });
});
