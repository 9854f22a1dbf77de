import { describe, expect, it } from 'vitest';
import { tilePinToggled, tileStatusChanged, tilesAssigned, videoReducer } from './videoSlice';

const assigned = videoReducer(undefined, tilesAssigned([{ cameraId: 'cam-1', pinned: false, status: 'connecting' }]));

describe('video wall state', () => {
  it('records that a tile is playing', () => {
    const next = videoReducer(assigned, tileStatusChanged({ index: 0, cameraId: 'cam-1', status: 'playing' }));
    expect(next.tiles[0]!.status).toBe('playing');
  });

  it('ignores a late report from the camera a tile showed before', () => {
    const next = videoReducer(assigned, tileStatusChanged({ index: 0, cameraId: 'cam-0', status: 'lost' }));
    expect(next.tiles[0]!.status).toBe('connecting');
  });

  it('pins and unpins a tile', () => {
    const pinned = videoReducer(assigned, tilePinToggled(0));
    expect(pinned.tiles[0]!.pinned).toBe(true);
    expect(videoReducer(pinned, tilePinToggled(0)).tiles[0]!.pinned).toBe(false);
  });
});
