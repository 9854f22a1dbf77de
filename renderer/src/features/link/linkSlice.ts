import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { LinkState } from '../../app/stream';
import { loggedOut, sessionExpired } from '../session/sessionSlice';

export interface LinkSliceState {
  state: LinkState;
  /** When the hub last answered anything (ms since the epoch). */
  lastContactAt: number | null;
}

const initialState: LinkSliceState = { state: 'connecting', lastContactAt: null };

const linkSlice = createSlice({
  name: 'link',
  initialState,
  reducers: {
    linkStateChanged(state, action: PayloadAction<LinkState>) {
      state.state = action.payload;
    },
    hubContacted(state, action: PayloadAction<{ at: number }>) {
      if (state.lastContactAt === null || action.payload.at > state.lastContactAt) state.lastContactAt = action.payload.at;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialState).addCase(sessionExpired, () => initialState);
  },
});

export const { linkStateChanged, hubContacted } = linkSlice.actions;
export const linkReducer = linkSlice.reducer;
export const selectLink = (state: { link: LinkSliceState }) => state.link;
