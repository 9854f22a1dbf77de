import { describe, expect, it } from 'vitest';
import { anchorsAlong, ringCentroid } from './geometry';

describe('label placement', () => {
  it('puts a region’s name at the middle of its area', () => {
    const [x, y] = ringCentroid([
      [0, 0],
      [4, 0],
      [4, 2],
      [0, 2],
      [0, 0],
    ]);
    expect(x).toBeCloseTo(2);
    expect(y).toBeCloseTo(1);
  });

  it('writes road names along the road and never upside down', () => {
    const east = anchorsAlong(
      [
        [120, 30],
        [120.01, 30],
      ],
      [0.5],
    )[0]!;
    expect(east.position[0]).toBeCloseTo(120.005);
    expect(east.angle).toBeCloseTo(0);
    const west = anchorsAlong(
      [
        [120.01, 30],
        [120, 30],
      ],
      [0.5],
    )[0]!;
    expect(Math.abs(west.angle)).toBeLessThan(1e-9);
    const north = anchorsAlong(
      [
        [120, 30.01],
        [120, 30],
      ],
      [0.25],
    )[0]!;
    expect(north.angle).toBe(90);
    expect(north.position[1]).toBeCloseTo(30.0075);
  });
});
