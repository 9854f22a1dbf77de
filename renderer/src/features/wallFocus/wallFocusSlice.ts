// The wall's focus (上墙): the one incident the commander has pushed to every wall window.
// It comes from GET /wall/focus when a window (re)seeds and from 'wall.focused' journal
// entries afterwards (each batch of the stream is one journalEntriesApplied); the higher journal seq wins, so a late HTTP answer cannot undo a
// newer entry from the stream.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { entryFits, type JournalEntry } from '../../../../shared/journal/catalog';
import { journalEntriesApplied } from '../../app/journalActions';
import { loggedOut, sessionExpired } from '../session/sessionSlice';

export interface WallFocusState {
  incidentId: string | null;
  /** Journal seq of the entry that set this focus; 0 before any. */
  seq: number;
  at: string | null;
}

/** Where the wall maps fly for a newly focused incident: set once per focus (./wallFlight.ts), the map only moves its camera. */
export interface WallFlight {
  incidentId: string;
  lon: number;
  lat: number;
}

const initialState: WallFocusState & { flight: WallFlight | null } = { incidentId: null, seq: 0, at: null, flight: null };

const wallFocusSlice = createSlice({
  name: 'wallFocus',
  initialState,
  reducers: {
    wallFocusChanged(state, action: PayloadAction<WallFocusState>) {
      if (action.payload.seq < state.seq) return;
      if (action.payload.incidentId !== state.incidentId) state.flight = null;
      Object.assign(state, action.payload);
    },
    wallFlightStarted(state, action: PayloadAction<WallFlight>) {
      if (action.payload.incidentId === state.incidentId) state.flight = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(journalEntriesApplied, (state, action) => {
        // Entries come in seq order; the last focus in the batch is the one in force.
        for (const entry of action.payload) {
          const focus = wallFocusOf(entry);
          if (!focus || focus.seq < state.seq) continue;
          // A flight belongs to its focus: a new one waits for its own (./wallFlight.ts).
          if (focus.incidentId !== state.incidentId) state.flight = null;
          Object.assign(state, focus);
        }
      })
      .addCase(loggedOut, () => initialState)
      .addCase(sessionExpired, () => initialState);
  },
});

export const { wallFocusChanged, wallFlightStarted } = wallFocusSlice.actions;
export const wallFocusReducer = wallFocusSlice.reducer;
export const selectWallFocus = (state: { wallFocus: WallFocusState }): WallFocusState => state.wallFocus;
export const selectWallFlight = (state: { wallFocus: { flight: WallFlight | null } }) => state.wallFocus.flight;

/** The focus a journal entry sets, or null when the entry is about something else (or does not fit the journal catalog). */
export function wallFocusOf(entry: JournalEntry): WallFocusState | null {
  if (entry.type !== 'wall.focused' || !entryFits(entry)) return null;
  return { incidentId: entry.payload.incidentId, seq: entry.seq, at: entry.time };
}
