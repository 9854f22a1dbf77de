// The commander desk's reference data: the shift (who commands, handover sheets) and the
// roster. Incidents waiting for approval are not copied here; they are read from the queue.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DutyError } from '../../../../shared/errors';
import { loggedOut, sessionExpired } from '../session/sessionSlice';
import type { Shift } from './handover';
import type { Roster } from './roster';

export interface DeskState {
  /** True while a desk is mounted: only then do journal entries trigger refetches. */
  watching: boolean;
  shift: Shift | null;
  roster: Roster | null;
  /** When the roster was last fetched, or a change of presence heard (ms), for "online as of". */
  rosterAt: number | null;
  loadError: DutyError | null;
}

const initialState: DeskState = { watching: false, shift: null, roster: null, rosterAt: null, loadError: null };

const deskSlice = createSlice({
  name: 'desk',
  initialState,
  reducers: {
    deskOpened(state) {
      state.watching = true;
    },
    deskClosed(state) {
      state.watching = false;
    },
    shiftLoaded(state, action: PayloadAction<Shift>) {
      state.shift = action.payload;
      state.loadError = null;
    },
    rosterLoaded(state, action: PayloadAction<{ roster: Roster; at: number }>) {
      state.roster = action.payload.roster;
      state.rosterAt = action.payload.at;
      state.loadError = null;
    },
    /** The stream's 'presence' message: someone of the room came to a window or left. */
    presenceChanged(state, action: PayloadAction<{ userId: string; online: boolean; lastSeenAt: string | null; at: number }>) {
      const { userId, online, lastSeenAt, at } = action.payload;
      const user = state.roster?.users.find((u) => u.id === userId);
      if (!user) return;
      user.online = online;
      user.lastSeenAt = lastSeenAt;
      state.rosterAt = at;
    },
    deskLoadFailed(state, action: PayloadAction<DutyError>) {
      state.loadError = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialState).addCase(sessionExpired, () => initialState);
  },
});

export const { deskOpened, deskClosed, shiftLoaded, rosterLoaded, presenceChanged, deskLoadFailed } = deskSlice.actions;
export const deskReducer = deskSlice.reducer;

type WithDesk = { desk: DeskState };
export const selectShift = (state: WithDesk) => state.desk.shift;
export const selectRoster = (state: WithDesk) => state.desk.roster;
export const selectRosterAt = (state: WithDesk) => state.desk.rosterAt;
export const selectDeskLoadError = (state: WithDesk) => state.desk.loadError;
