import { describe, expect, it } from 'vitest';
import { assignTiles, rankCameras, type TileDescriptor } from './tileAssignment';

// A row of cameras along a street, 100 m apart (about 0.00104° of longitude at 30° N).
const STEP = 0.00104;
const cameras = Array.from({ length: 30 }, (_, i) => ({ id: `cam-${String(i).padStart(2, '0')}`, location: { lon: 120 + i * STEP, lat: 30 } }));
const tile = (cameraId: string | null, pinned = false): TileDescriptor => ({ cameraId, pinned, status: 'playing' });

describe('tile assignment', () => {
  it('starts with the cameras nearest the middle of the town', () => {
    const ranked = rankCameras(cameras, null, { limit: 4 });
    expect(ranked).toHaveLength(4);
    for (const id of ranked) expect(Math.abs(Number(id.slice(4)) - 14.5)).toBeLessThanOrEqual(2);
  });

  it('hands the tiles to the cameras nearest a focused incident', () => {
    const ranked = rankCameras(cameras, { lon: 120, lat: 30 }, { limit: 4 });
    expect(ranked).toEqual(['cam-00', 'cam-01', 'cam-02', 'cam-03']);
  });

  it('fills up from the town middle when too few cameras are near the incident', () => {
    const ranked = rankCameras(cameras.slice(0, 3), { lon: 120.5, lat: 30 }, { limit: 3 });
    expect(new Set(ranked)).toEqual(new Set(['cam-00', 'cam-01', 'cam-02']));
  });

  it('keeps pinned tiles where they are when the focus moves', () => {
    const current = [tile('cam-20', true), tile('cam-21'), tile('cam-22'), tile('cam-23')];
    const next = assignTiles(current, 4, ['cam-00', 'cam-01', 'cam-02', 'cam-03']);
    expect(next.map((t) => t.cameraId)).toEqual(['cam-20', 'cam-00', 'cam-01', 'cam-02']);
    expect(next[0]).toBe(current[0]);
    expect(next.slice(1).every((t) => t.status === 'connecting')).toBe(true);
  });

  it('leaves a camera that is still wanted playing in its own tile', () => {
    const current = [tile('cam-05'), tile('cam-01')];
    const next = assignTiles(current, 2, ['cam-01', 'cam-02']);
    expect(next.map((t) => t.cameraId)).toEqual(['cam-02', 'cam-01']);
    expect(next[1]).toBe(current[1]);
  });

  it('never shows a pinned camera twice', () => {
    const next = assignTiles([tile('cam-00', true)], 3, ['cam-00', 'cam-01', 'cam-02']);
    expect(next.map((t) => t.cameraId)).toEqual(['cam-00', 'cam-01', 'cam-02']);
  });

  it('grows and shrinks with the layout', () => {
    expect(assignTiles([], 4, ['a', 'b', 'c', 'd', 'e']).map((t) => t.cameraId)).toEqual(['a', 'b', 'c', 'd']);
    expect(assignTiles([tile('a'), tile('b'), tile('c'), tile('d')], 1, ['a', 'b'])).toHaveLength(1);
    expect(assignTiles([], 2, ['a']).map((t) => t.cameraId)).toEqual(['a', null]);
  });
});
