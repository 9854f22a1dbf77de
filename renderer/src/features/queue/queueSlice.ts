// The open-incident queue: the projection a window keeps from the seed list plus the
// journal. No sortComparer on the adapter: re-sorting on every upsert gets slow with
// thousands of rows, so order is a memoized selector.
import { createEntityAdapter, createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { OPEN_STATES, type Incident, type IncidentState, type Report } from '../../../../shared/domain';
import { loggedOut, sessionExpired } from '../session/sessionSlice';

const incidentsAdapter = createEntityAdapter<Incident>();

/** How long a new arrival stays marked; older marks are dropped as new ones come in. */
export const ARRIVAL_MARK_MS = 6_000;

export interface QueueExtra {
  /** True once the open list was loaded for this session. */
  loaded: boolean;
  /** The journal seq the seed list was taken at; entries after it are applied on top. */
  seededSeq: number | null;
  /** When each recently reported incident arrived on the stream (ms since the epoch). */
  arrivedAt: Record<string, number>;
}

export type QueueState = ReturnType<typeof incidentsAdapter.getInitialState<QueueExtra>>;

const initialState: QueueState = incidentsAdapter.getInitialState<QueueExtra>({ loaded: false, seededSeq: null, arrivedAt: {} });

export function isOpen(state: IncidentState): boolean {
  return OPEN_STATES.includes(state);
}

/** True when `incident` is news for the queue: its row is not already as new or newer. */
function isNewer(state: QueueState, incident: Incident): boolean {
  const current = state.entities[incident.id];
  return current === undefined || incident.lastSeq > current.lastSeq;
}

function applyRow(state: QueueState, incident: Incident) {
  if (!isNewer(state, incident)) return;
  if (isOpen(incident.state)) incidentsAdapter.setOne(state, incident);
  else incidentsAdapter.removeOne(state, incident.id);
}

const queueSlice = createSlice({
  name: 'queue',
  initialState,
  reducers: {
    openIncidentsLoaded(state, action: PayloadAction<{ items: Incident[]; seq: number }>) {
      incidentsAdapter.setAll(
        state,
        action.payload.items.filter((i) => isOpen(i.state)),
      );
      state.loaded = true;
      state.seededSeq = action.payload.seq;
      state.arrivedAt = {};
    },
    incidentReported(state, action: PayloadAction<{ incident: Incident; report: Report; receivedAt: number }>) {
      const { incident, receivedAt } = action.payload;
      const isNew = state.entities[incident.id] === undefined;
      applyRow(state, incident);
      if (isNew && state.entities[incident.id]) {
        for (const [id, at] of Object.entries(state.arrivedAt)) {
          if (receivedAt - at > ARRIVAL_MARK_MS) delete state.arrivedAt[id];
        }
        state.arrivedAt[incident.id] = receivedAt;
      }
    },
    /** A fresh copy of one row, fetched after an entry this window cannot interpret itself. */
    incidentRefreshed(state, action: PayloadAction<Incident>) {
      applyRow(state, action.payload);
    },
    incidentVanished(state, action: PayloadAction<string>) {
      incidentsAdapter.removeOne(state, action.payload);
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialState).addCase(sessionExpired, () => initialState);
  },
});

export const { openIncidentsLoaded, incidentReported, incidentRefreshed, incidentVanished } = queueSlice.actions;
export const queueReducer = queueSlice.reducer;

type WithQueue = { queue: QueueState };
const adapterSelectors = incidentsAdapter.getSelectors((state: WithQueue) => state.queue);
export const selectIncidentById = adapterSelectors.selectById;
export const selectOpenCount = adapterSelectors.selectTotal;
export const selectQueueLoaded = (state: WithQueue) => state.queue.loaded;
export const selectArrivedAt = (state: WithQueue) => state.queue.arrivedAt;

export function newestFirst(a: Incident, b: Incident): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.lastSeq - a.lastSeq || (a.id < b.id ? 1 : -1);
}

export const selectOpenIncidents = createSelector([adapterSelectors.selectAll], (all) => [...all].sort(newestFirst));

export const selectCountsByState = createSelector([adapterSelectors.selectAll], (all) => {
  const counts: Partial<Record<IncidentState, number>> = {};
  for (const incident of all) counts[incident.state] = (counts[incident.state] ?? 0) + 1;
  return counts;
});
