import { describe, expect, it } from 'vitest';
import { TRAIL_WINDOW_MS, TrailBuffer } from './unitTrails';

const WHITE = [255, 255, 255, 200] as const;

describe('unit trails', () => {
  it('keeps the last samples of each unit, oldest first, within the minute', () => {
    const trails = new TrailBuffer(2, 4);
    for (let s = 0; s < 6; s += 1) trails.push(0, 120 + s * 0.001, 30, s * 1_000);
    // Capacity 4: the two oldest fell out of the ring.
    expect(trails.samples(0, 0).map(([lon]) => lon)).toEqual([120.002, 120.003, 120.004, 120.005]);
    expect(trails.samples(0, 3_500).map(([, , at]) => at)).toEqual([4_000, 5_000]);
    expect(trails.samples(1, 0)).toEqual([]);
  });

  it('a unit standing still adds no vertices, only refreshes the time', () => {
    const trails = new TrailBuffer(1);
    trails.push(0, 120, 30, 0);
    trails.push(0, 120, 30, 1_000);
    trails.push(0, 120, 30, 2_000);
    expect(trails.samples(0, 0)).toEqual([[120, 30, 2_000]]);
    expect(trails.columns(2_000, () => WHITE).length).toBe(0);
  });

  it('packs only moving units as paths whose alpha fades with age', () => {
    const trails = new TrailBuffer(3);
    const now = 100_000;
    trails.push(0, 120.0, 30, now - 70_000); // older than the window
    trails.push(0, 120.1, 30, now - 30_000);
    trails.push(0, 120.2, 30, now);
    trails.push(1, 121, 31, now); // one point: no path
    trails.push(2, 122.0, 32, now - 1_000);
    trails.push(2, 122.1, 32, now);
    const columns = trails.columns(now, () => WHITE);
    expect(columns.length).toBe(2);
    expect(Array.from(columns.startIndices)).toEqual([0, 2]);
    expect(Array.from(columns.attributes.getPath.value)).toEqual([120.1, 30, 120.2, 30, 122.0, 32, 122.1, 32]);
    const alpha = (vertex: number) => columns.attributes.getColor.value[vertex * 4 + 3]!;
    expect(alpha(1)).toBe(200);
    expect(alpha(0)).toBeLessThan(alpha(1));
    expect(alpha(0)).toBe(Math.round(200 * (1 - 30_000 / TRAIL_WINDOW_MS) ** 2));
    expect(Array.from(columns.attributes.getColor.value.subarray(0, 3))).toEqual([255, 255, 255]);
  });

  it('ignores rows outside the buffer', () => {
    const trails = new TrailBuffer(1);
    trails.push(-1, 120, 30, 0);
    trails.push(5, 120, 30, 0);
    expect(trails.columns(0, () => WHITE).length).toBe(0);
  });
});
