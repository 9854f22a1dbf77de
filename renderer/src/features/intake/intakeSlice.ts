// Manual intake at the seat. One submission keeps one idempotency key until the hub
// answers it: a retry after a lost answer then cannot take the same call in twice.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DutyError } from '../../../../shared/errors';
import type { z } from 'zod';
import type { DedupeCandidateSchema } from '../../../../shared/protocol/engine';
import type { GeocodeCandidateSchema } from '../../../../shared/protocol/intake';
import type { LocateSchema } from '../../../../shared/protocol/town';
import { loggedOut, sessionExpired } from '../session/sessionSlice';
import { emptyDraft, type IntakeDraft } from './reportPayload';

export type IntakeStatus = 'editing' | 'submitting' | 'accepted' | 'rejected';

export type AddressSuggestion = z.output<typeof GeocodeCandidateSchema>;
export type DuplicateCandidate = z.output<typeof DedupeCandidateSchema>;
export type Located = z.output<typeof LocateSchema>;

/**
 * Requests carry the sequence number they were sent under; an answer that is not for the
 * newest request is dropped, so a slow answer to "振" never replaces the one to "振华路8".
 */
export interface AddressSuggestState {
  seq: number;
  query: string;
  loading: boolean;
  items: AddressSuggestion[];
  /** The geocoder could not tell between several addresses: the operator must choose. */
  ambiguous: boolean;
  open: boolean;
  active: number;
  error: DutyError | null;
}

export interface LocateState {
  seq: number;
  /** The coordinates the answer is for, as sent. */
  at: { lon: number; lat: number } | null;
  loading: boolean;
  result: Located | null;
  error: DutyError | null;
}

export interface DuplicatesState {
  seq: number;
  loading: boolean;
  items: DuplicateCandidate[];
  error: DutyError | null;
}

/**
 * Report-then-merge in one key press. Each step keeps its idempotency key until its outcome
 * is known, and the new incident's id once the report applied, so a retry neither reports
 * twice nor merges twice.
 */
export interface MergeState {
  status: 'idle' | 'reporting' | 'merging' | 'merged' | 'failed';
  into: string | null;
  /** Set once the report applied: a retry goes straight to the merge. */
  incidentId: string | null;
  reportSeq: number;
  mergeKey: string | null;
  /** The last finished attempt, shown as 已并入 #into (or why it was taken in on its own). */
  done: { incidentId: string; into: string; merged: boolean; queued: boolean } | null;
  error: DutyError | null;
}

export interface IntakeState {
  draft: IntakeDraft;
  status: IntakeStatus;
  /** The key of a submission whose outcome is unknown; reused by the next attempt. */
  pendingKey: string | null;
  /** outboxId: taken by a replica whose primary is away, waiting in its outbox (shown as pending). */
  accepted: { incidentId: string | null; seq: number; outboxId?: number } | null;
  error: DutyError | null;
  suggest: AddressSuggestState;
  /** The address text a suggestion or the map filled in with its coordinates. */
  pickedAddress: string | null;
  locate: LocateState;
  duplicates: DuplicatesState;
  merge: MergeState;
}

const initialSuggest: AddressSuggestState = { seq: 0, query: '', loading: false, items: [], ambiguous: false, open: false, active: 0, error: null };
const initialLocate: LocateState = { seq: 0, at: null, loading: false, result: null, error: null };
const initialDuplicates: DuplicatesState = { seq: 0, loading: false, items: [], error: null };
const initialMerge: MergeState = { status: 'idle', into: null, incidentId: null, reportSeq: 0, mergeKey: null, done: null, error: null };

const initialState: IntakeState = {
  draft: emptyDraft,
  status: 'editing',
  pendingKey: null,
  accepted: null,
  error: null,
  suggest: initialSuggest,
  pickedAddress: null,
  locate: initialLocate,
  duplicates: initialDuplicates,
  merge: initialMerge,
};

/** The draft is taken in: what was found for it belongs to it, not to the next call. */
function resetAssist(state: IntakeState) {
  state.suggest = { ...initialSuggest, seq: state.suggest.seq };
  state.pickedAddress = null;
  state.locate = { ...initialLocate, seq: state.locate.seq };
  state.duplicates = { ...initialDuplicates, seq: state.duplicates.seq };
}

/** No answer, or an answer that does not say whether the command applied. */
export function outcomeUnknown(error: DutyError): boolean {
  return error.code === 'unavailable' || error.code === 'internal';
}

function takenIn(state: IntakeState, incidentId: string, seq: number) {
  state.status = 'accepted';
  state.pendingKey = null;
  state.accepted = { incidentId, seq };
  state.error = null;
  // Channel and category usually repeat for the next call on the same line.
  state.draft = { ...emptyDraft, channel: state.draft.channel, category: state.draft.category };
  resetAssist(state);
}

const intakeSlice = createSlice({
  name: 'intake',
  initialState,
  reducers: {
    draftEdited(state, action: PayloadAction<Partial<IntakeDraft>>) {
      const { address } = action.payload;
      // Coordinates that came with a picked address belong to that address: once the text
      // changes they would place the new address wrongly, so they go with it.
      if (address !== undefined && state.pickedAddress !== null && address !== state.pickedAddress) {
        state.draft.lon = '';
        state.draft.lat = '';
        state.pickedAddress = null;
      }
      Object.assign(state.draft, action.payload);
    },
    intakeSubmitted(state, action: PayloadAction<{ idempotencyKey: string }>) {
      state.merge.done = null;
      state.status = 'submitting';
      state.pendingKey = action.payload.idempotencyKey;
      state.error = null;
      state.accepted = null;
    },
    intakeAccepted(state, action: PayloadAction<{ incidentId: string | null; seq: number; outboxId?: number }>) {
      takenIn(state, action.payload.incidentId ?? '', action.payload.seq);
      state.accepted = action.payload;
      state.merge = { ...initialMerge, done: state.merge.done };
    },
    intakeRejected(state, action: PayloadAction<DutyError>) {
      state.status = 'rejected';
      state.error = action.payload;
      if (!outcomeUnknown(action.payload)) state.pendingKey = null;
    },

    suggestRequested(state, action: PayloadAction<{ query: string }>) {
      state.suggest.seq += 1;
      state.suggest.query = action.payload.query;
      state.suggest.loading = true;
    },
    suggestAnswered(state, action: PayloadAction<{ seq: number; items: AddressSuggestion[]; ambiguous: boolean }>) {
      if (action.payload.seq !== state.suggest.seq) return;
      Object.assign(state.suggest, { loading: false, items: action.payload.items, ambiguous: action.payload.ambiguous, error: null, active: 0 });
      state.suggest.open = action.payload.items.length > 0;
    },
    suggestFailed(state, action: PayloadAction<{ seq: number; error: DutyError }>) {
      if (action.payload.seq !== state.suggest.seq) return;
      Object.assign(state.suggest, { loading: false, items: [], ambiguous: false, open: false, error: action.payload.error });
    },
    /** Typing went below what is worth asking about: forget the list and any answer in flight. */
    suggestCleared(state) {
      state.suggest = { ...initialSuggest, seq: state.suggest.seq + 1 };
    },
    suggestMoved(state, action: PayloadAction<1 | -1>) {
      const count = state.suggest.items.length;
      if (!count) return;
      if (!state.suggest.open) {
        state.suggest.open = true;
        return;
      }
      state.suggest.active = (state.suggest.active + action.payload + count) % count;
    },
    suggestClosed(state) {
      state.suggest.open = false;
    },
    addressPicked(state, action: PayloadAction<{ text: string; lon: number; lat: number }>) {
      const { text, lon, lat } = action.payload;
      state.draft.address = text;
      state.draft.lon = lon.toFixed(6);
      state.draft.lat = lat.toFixed(6);
      state.pickedAddress = text;
      state.suggest.open = false;
      state.suggest.seq += 1;
      state.suggest.loading = false;
    },
    /** A click on the map: the place is the point, whatever the address text says. */
    pointPicked(state, action: PayloadAction<{ lon: number; lat: number }>) {
      state.draft.lon = action.payload.lon.toFixed(6);
      state.draft.lat = action.payload.lat.toFixed(6);
      state.pickedAddress = null;
    },

    locateRequested(state, action: PayloadAction<{ lon: number; lat: number }>) {
      state.locate.seq += 1;
      state.locate.at = action.payload;
      state.locate.loading = true;
    },
    locateAnswered(state, action: PayloadAction<{ seq: number; result: Located }>) {
      if (action.payload.seq !== state.locate.seq) return;
      Object.assign(state.locate, { loading: false, result: action.payload.result, error: null });
    },
    locateFailed(state, action: PayloadAction<{ seq: number; error: DutyError }>) {
      if (action.payload.seq !== state.locate.seq) return;
      Object.assign(state.locate, { loading: false, result: null, error: action.payload.error });
    },
    locateCleared(state) {
      state.locate = { ...initialLocate, seq: state.locate.seq + 1 };
    },

    duplicatesRequested(state) {
      state.duplicates.seq += 1;
      state.duplicates.loading = true;
    },
    duplicatesAnswered(state, action: PayloadAction<{ seq: number; items: DuplicateCandidate[] }>) {
      if (action.payload.seq !== state.duplicates.seq) return;
      Object.assign(state.duplicates, { loading: false, items: action.payload.items, error: null });
    },
    duplicatesFailed(state, action: PayloadAction<{ seq: number; error: DutyError }>) {
      if (action.payload.seq !== state.duplicates.seq) return;
      Object.assign(state.duplicates, { loading: false, error: action.payload.error });
    },
    duplicatesCleared(state) {
      state.duplicates = { ...initialDuplicates, seq: state.duplicates.seq + 1 };
    },

    /** reportKey null: the report applied already, only the merge is (re)tried. */
    mergeReporting(state, action: PayloadAction<{ into: string; reportKey: string | null }>) {
      // The report's key is the form's pendingKey: Ctrl+Enter and Alt+M send the same report.
      state.merge = { ...state.merge, status: action.payload.reportKey === null ? 'merging' : 'reporting', into: action.payload.into, error: null, done: null };
      if (action.payload.reportKey !== null) state.pendingKey = action.payload.reportKey;
      state.status = 'submitting';
      state.error = null;
    },
    mergeReported(state, action: PayloadAction<{ incidentId: string; seq: number }>) {
      state.merge.incidentId = action.payload.incidentId;
      state.merge.reportSeq = action.payload.seq;
      state.pendingKey = null;
    },
    mergeMerging(state, action: PayloadAction<{ mergeKey: string }>) {
      state.merge.status = 'merging';
      state.merge.mergeKey = action.payload.mergeKey;
    },
    mergeDone(state, action: PayloadAction<{ into: string; queued?: boolean }>) {
      const incidentId = state.merge.incidentId ?? '';
      takenIn(state, incidentId, state.merge.reportSeq);
      const queued = action.payload.queued === true;
      state.merge = { ...initialMerge, status: 'merged', done: { incidentId, into: action.payload.into, merged: true, queued } };
    },
    mergeFailed(state, action: PayloadAction<DutyError>) {
      const error = action.payload;
      state.merge.status = 'failed';
      state.merge.error = error;
      if (outcomeUnknown(error) || state.merge.incidentId === null) {
        // Unknown: every key stays for the retry. Refused before the report applied: as a plain submit.
        if (!outcomeUnknown(error)) state.pendingKey = null;
        state.status = 'rejected';
        state.error = error;
        return;
      }
      // The report applied and only the merge was refused: the call is taken in on its own.
      const { incidentId, into, reportSeq } = state.merge;
      takenIn(state, incidentId, reportSeq);
      state.merge = { ...initialMerge, status: 'failed', error, done: { incidentId, into: into ?? '', merged: false, queued: false } };
    },
    /** Ctrl+Enter after the report applied but the merge did not: keep it as its own incident. */
    mergeAbandoned(state) {
      if (state.merge.incidentId === null) return;
      takenIn(state, state.merge.incidentId, state.merge.reportSeq);
      state.merge = initialMerge;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialState).addCase(sessionExpired, () => initialState);
  },
});

export const {
  draftEdited,
  intakeSubmitted,
  intakeAccepted,
  intakeRejected,
  suggestRequested,
  suggestAnswered,
  suggestFailed,
  suggestCleared,
  suggestMoved,
  suggestClosed,
  addressPicked,
  pointPicked,
  locateRequested,
  locateAnswered,
  locateFailed,
  locateCleared,
  duplicatesRequested,
  duplicatesAnswered,
  duplicatesFailed,
  duplicatesCleared,
  mergeReporting,
  mergeReported,
  mergeMerging,
  mergeDone,
  mergeFailed,
  mergeAbandoned,
} = intakeSlice.actions;
export const intakeReducer = intakeSlice.reducer;
export const selectIntake = (state: { intake: IntakeState }) => state.intake;
