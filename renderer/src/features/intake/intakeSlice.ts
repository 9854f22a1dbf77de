// Manual intake at the seat. One submission keeps one idempotency key until the hub
// answers it: a retry after a lost answer then cannot take the same call in twice.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DutyError } from '../../../../shared/errors';
import { loggedOut, sessionExpired } from '../session/sessionSlice';
import { emptyDraft, type IntakeDraft } from './reportPayload';

export type IntakeStatus = 'editing' | 'submitting' | 'accepted' | 'rejected';

export interface IntakeState {
  draft: IntakeDraft;
  status: IntakeStatus;
  /** The key of a submission whose outcome is unknown; reused by the next attempt. */
  pendingKey: string | null;
  /** outboxId: taken by a replica whose primary is away, waiting in its outbox (shown as pending). */
  accepted: { incidentId: string | null; seq: number; outboxId?: number } | null;
  error: DutyError | null;
}

const initialState: IntakeState = { draft: emptyDraft, status: 'editing', pendingKey: null, accepted: null, error: null };

/** No answer, or an answer that does not say whether the command applied. */
export function outcomeUnknown(error: DutyError): boolean {
  return error.code === 'unavailable' || error.code === 'internal';
}

const intakeSlice = createSlice({
  name: 'intake',
  initialState,
  reducers: {
    draftEdited(state, action: PayloadAction<Partial<IntakeDraft>>) {
      Object.assign(state.draft, action.payload);
    },
    intakeSubmitted(state, action: PayloadAction<{ idempotencyKey: string }>) {
      state.status = 'submitting';
      state.pendingKey = action.payload.idempotencyKey;
      state.error = null;
      state.accepted = null;
    },
    intakeAccepted(state, action: PayloadAction<{ incidentId: string | null; seq: number; outboxId?: number }>) {
      state.status = 'accepted';
      state.pendingKey = null;
      state.accepted = action.payload;
      state.error = null;
      // Channel and category usually repeat for the next call on the same line.
      state.draft = { ...emptyDraft, channel: state.draft.channel, category: state.draft.category };
    },
    intakeRejected(state, action: PayloadAction<DutyError>) {
      state.status = 'rejected';
      state.error = action.payload;
      if (!outcomeUnknown(action.payload)) state.pendingKey = null;
    },
  },
  extraReducers: (builder) => {
    builder.addCase(loggedOut, () => initialState).addCase(sessionExpired, () => initialState);
  },
});

export const { draftEdited, intakeSubmitted, intakeAccepted, intakeRejected } = intakeSlice.actions;
export const intakeReducer = intakeSlice.reducer;
export const selectIntake = (state: { intake: IntakeState }) => state.intake;
