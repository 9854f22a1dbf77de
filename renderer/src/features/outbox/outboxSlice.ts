// What a seat on a replica hub must see of its link to the primary: whether what it shows is
// current (stale), the commands waiting in the replica's outbox, and the primary's refusals
// the operator has not dealt with yet. Null/empty on a primary: nothing to show.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { OutboxListItem } from '../../../../shared/protocol/replica';
import { loggedOut, sessionExpired } from '../session/sessionSlice';

export interface ReplicaLink {
  stale: boolean;
  /** When the primary last answered the replica (ISO time), null if never. */
  lastContact: string | null;
  pending: number;
  conflicts: number;
  syncError: string | null;
}

export interface OutboxState {
  /** Null while the hub is a primary (or not heard from yet). */
  replica: ReplicaLink | null;
  items: OutboxListItem[];
}

const initialState: OutboxState = { replica: null, items: [] };

const outboxSlice = createSlice({
  name: 'outbox',
  initialState,
  reducers: {
    replicaHealthSeen(state, action: PayloadAction<ReplicaLink | null>) {
      state.replica = action.payload;
      if (!action.payload) state.items = [];
    },
    outboxLoaded(state, action: PayloadAction<OutboxListItem[]>) {
      state.items = action.payload;
    },
    outboxItemDismissed(state, action: PayloadAction<number>) {
      state.items = state.items.filter((i) => i.id !== action.payload);
      if (state.replica) state.replica.conflicts = state.items.filter((i) => i.state === 'conflict').length;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialState).addCase(sessionExpired, () => initialState);
  },
});

export const { replicaHealthSeen, outboxLoaded, outboxItemDismissed } = outboxSlice.actions;
export const outboxReducer = outboxSlice.reducer;
export const selectOutbox = (state: { outbox: OutboxState }) => state.outbox;
export const selectReplicaLink = (state: { outbox: OutboxState }) => state.outbox.replica;
