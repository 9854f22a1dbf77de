// The incident being worked on, as the hub last answered for it: the full record with its
// reports, its timeline, dispatch recommendations, and the state of the action in flight.
// Answers for an incident no longer selected, or older than the newest request, are dropped.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DutyError } from '../../../../shared/errors';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { ResponseOf } from '../../../../shared/protocol/api';
import type { UnitPosition } from '../../../../shared/protocol/units';
import { incidentSelected } from '../selection/selectionSlice';
import type { DetailCommand } from './detailActions';
import { loggedOut, sessionExpired } from '../session/sessionSlice';

export type IncidentDetailRecord = ResponseOf<'incident'>;
/** The hub appends only entries its journal catalog accepts: the answer's entries are JournalEntry. */
export type IncidentJournal = Omit<ResponseOf<'incidentJournal'>, 'entries'> & { entries: JournalEntry[] };
export type Recommendations = ResponseOf<'recommendations'>;

export interface RevealedReporter {
  name?: string | undefined;
  phone?: string | undefined;
}

export interface ActionState {
  /** The command on its way to the hub. */
  busy: string | null;
  /** The last refusal, shown beside the action that caused it. */
  error: DutyError | null;
  errorFor: string | null;
  /** The last command that went through: 'done', or 'pending' in a replica's outbox. */
  notice: { command: string; kind: 'done' | 'pending' } | null;
  /** A command that failed for want of an answer keeps its key, so the retry applies once. */
  retry: { signature: string; key: string } | null;
}

export interface DetailState {
  incidentId: string | null;
  /** Bumped by every load; an answer carrying an older number is stale. */
  request: number;
  loading: boolean;
  loadError: DutyError | null;
  incident: IncidentDetailRecord | null;
  journal: IncidentJournal | null;
  recommendations: Recommendations | null;
  /** Where the incident's dispatched units are, from the hub's live positions. */
  unitPositions: UnitPosition[];
  revealed: Record<string, RevealedReporter>;
  selectedUnits: string[];
  action: ActionState;
  /**
   * Why the recommendations last changed while the incident was shown: the operator asked
   * (Alt+S), or a unit on the list was sent to another incident. Null when they are as loaded.
   */
  recommendationsRefreshed: { reason: 'asked' } | { reason: 'unitTaken'; unitName: string } | null;
  /** An action asked for from elsewhere (the queue's M and N keys), taken up by the action bar once the incident is shown. */
  requestedAction: { incidentId: string; command: DetailCommand } | null;
}

const idleAction: ActionState = { busy: null, error: null, errorFor: null, notice: null, retry: null };

const initialState: DetailState = {
  incidentId: null,
  request: 0,
  loading: false,
  loadError: null,
  incident: null,
  journal: null,
  recommendations: null,
  unitPositions: [],
  revealed: {},
  selectedUnits: [],
  action: idleAction,
  recommendationsRefreshed: null,
  requestedAction: null,
};

const detailSlice = createSlice({
  name: 'detail',
  initialState,
  reducers: {
    detailRequested(state, action: PayloadAction<{ incidentId: string; request: number }>) {
      if (state.incidentId !== action.payload.incidentId) return { ...initialState, incidentId: action.payload.incidentId, request: action.payload.request, loading: true };
      state.request = action.payload.request;
      state.loading = true;
      return undefined;
    },
    detailLoaded(
      state,
      action: PayloadAction<{ request: number; incident: IncidentDetailRecord; journal: IncidentJournal; recommendations: Recommendations | null; unitPositions: UnitPosition[] }>,
    ) {
      const { request, incident, journal, recommendations, unitPositions } = action.payload;
      if (request !== state.request || incident.id !== state.incidentId) return;
      state.loading = false;
      state.loadError = null;
      state.incident = incident;
      state.journal = journal;
      state.recommendations = recommendations;
      state.recommendationsRefreshed = null;
      state.unitPositions = unitPositions;
      // Units dispatched meanwhile leave the recommendations; so must their ticks.
      const offered = new Set(recommendations?.units.map((u) => u.unitId) ?? []);
      state.selectedUnits = state.selectedUnits.filter((id) => offered.has(id));
    },
    /** The stream's entries about the incident, folded in (./detailFold.ts): no read for them. */
    detailFolded(state, action: PayloadAction<{ incidentId: string; incident: IncidentDetailRecord; journal: IncidentJournal }>) {
      if (action.payload.incidentId !== state.incidentId || !state.incident) return;
      state.incident = action.payload.incident;
      state.journal = action.payload.journal;
    },
    detailFailed(state, action: PayloadAction<{ request: number; error: DutyError }>) {
      if (action.payload.request !== state.request) return;
      state.loading = false;
      state.loadError = action.payload.error;
    },
    reporterRevealed(state, action: PayloadAction<{ reportId: string; reporter: RevealedReporter }>) {
      state.revealed[action.payload.reportId] = action.payload.reporter;
    },
    unitToggled(state, action: PayloadAction<string>) {
      const id = action.payload;
      state.selectedUnits = state.selectedUnits.includes(id) ? state.selectedUnits.filter((u) => u !== id) : [...state.selectedUnits, id];
    },
    actionStarted(state, action: PayloadAction<{ command: string; retry: ActionState['retry'] }>) {
      state.action = { ...idleAction, busy: action.payload.command, retry: action.payload.retry };
    },
    actionSucceeded(state, action: PayloadAction<{ command: string; pending: boolean }>) {
      state.action = { ...idleAction, notice: { command: action.payload.command, kind: action.payload.pending ? 'pending' : 'done' } };
      if (action.payload.command === 'incident.dispatch') state.selectedUnits = [];
    },
    actionFailed(state, action: PayloadAction<{ command: string; error: DutyError; keepRetry: boolean }>) {
      state.action = { ...idleAction, error: action.payload.error, errorFor: action.payload.command, retry: action.payload.keepRetry ? state.action.retry : null };
    },
    /** New recommendations for the incident shown, and why; the ticks of units no longer offered go. */
    recommendationsRefreshed(state, action: PayloadAction<{ incidentId: string; recommendations: Recommendations; why: NonNullable<DetailState['recommendationsRefreshed']> }>) {
      if (action.payload.incidentId !== state.incidentId) return;
      state.recommendations = action.payload.recommendations;
      state.recommendationsRefreshed = action.payload.why;
      const offered = new Set(action.payload.recommendations.units.map((u) => u.unitId));
      state.selectedUnits = state.selectedUnits.filter((id) => offered.has(id));
    },
    actionRequested(state, action: PayloadAction<{ incidentId: string; command: DetailCommand }>) {
      state.requestedAction = action.payload;
    },
    actionRequestHandled(state) {
      state.requestedAction = null;
    },
    actionMessageCleared(state) {
      state.action = { ...idleAction, retry: state.action.retry };
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(incidentSelected, (state, action) => (action.payload === state.incidentId ? state : { ...initialState, request: state.request, incidentId: action.payload }))
      .addCase(loggedOut, () => initialState)
      .addCase(sessionExpired, () => initialState);
  },
});

export const { detailRequested, detailLoaded, detailFolded, detailFailed, reporterRevealed, unitToggled, actionStarted, actionSucceeded, actionFailed, actionMessageCleared, actionRequested, actionRequestHandled, recommendationsRefreshed } =
  detailSlice.actions;
export const detailReducer = detailSlice.reducer;

type WithDetail = { detail: DetailState };
export const selectDetail = (state: WithDetail) => state.detail;
export const selectDetailIncident = (state: WithDetail) => state.detail.incident;
export const selectDetailAction = (state: WithDetail) => state.detail.action;
export const selectSelectedUnits = (state: WithDetail) => state.detail.selectedUnits;
export const selectRequestedAction = (state: WithDetail) => state.detail.requestedAction;
export const selectRecommendationsRefreshed = (state: WithDetail) => state.detail.recommendationsRefreshed;
