// The incident the person at this window is working on. The queue, the approvals inbox and
// a merge all point here; the incident detail shows whatever it names.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { loggedOut, sessionExpired } from '../session/sessionSlice';

export interface SelectionState {
  incidentId: string | null;
}

const initialState: SelectionState = { incidentId: null };

const selectionSlice = createSlice({
  name: 'selection',
  initialState,
  reducers: {
    incidentSelected(state, action: PayloadAction<string | null>) {
      state.incidentId = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialState).addCase(sessionExpired, () => initialState);
  },
});

export const { incidentSelected } = selectionSlice.actions;
export const selectionReducer = selectionSlice.reducer;
export const selectSelectedIncidentId = (state: { selection: SelectionState }) => state.selection.incidentId;
