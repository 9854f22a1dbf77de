// The video wall's tiles as plain descriptors: which camera, pinned or not, and how its
// stream is doing. Players, video elements and media buffers never enter the store; each
// tile owns its own and reports only status changes.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { TileDescriptor, TileStatus } from './tileAssignment';
import { DEFAULT_LAYOUT, type VideoLayout } from './videoLayout';

export interface VideoWallState {
  layout: VideoLayout;
  tiles: TileDescriptor[];
}

const initialState: VideoWallState = { layout: DEFAULT_LAYOUT, tiles: [] };

const videoSlice = createSlice({
  name: 'video',
  initialState,
  reducers: {
    layoutChosen(state, action: PayloadAction<VideoLayout>) {
      state.layout = action.payload;
    },
    tilesAssigned(state, action: PayloadAction<TileDescriptor[]>) {
      state.tiles = action.payload;
    },
    tilePinToggled(state, action: PayloadAction<number>) {
      const tile = state.tiles[action.payload];
      if (tile) tile.pinned = !tile.pinned;
    },
    /** A tile's stream changed state; ignored when the tile has since moved to another camera. */
    tileStatusChanged(state, action: PayloadAction<{ index: number; cameraId: string; status: TileStatus }>) {
      const tile = state.tiles[action.payload.index];
      if (tile && tile.cameraId === action.payload.cameraId) tile.status = action.payload.status;
    },
  },
});

export const { layoutChosen, tilesAssigned, tilePinToggled, tileStatusChanged } = videoSlice.actions;
export const videoReducer = videoSlice.reducer;
export const selectVideoWall = (state: { video: VideoWallState }) => state.video;
