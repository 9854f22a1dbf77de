// What the intake form asks the hub while the operator types: address suggestions, the grid
// and regions of the chosen point, and likely duplicates; and report-then-merge in one key.
import { isPending } from '../../../../shared/protocol/replica';
import { toDutyError } from '../../app/api';
import { newIdempotencyKey } from '../../app/idempotency';
import type { AppThunk } from '../../app/store';
import { incidentSelected } from '../selection/selectionSlice';
import { endSession, endsSession } from '../session/sessionThunks';
import {
  addressPicked,
  duplicatesAnswered,
  duplicatesCleared,
  duplicatesFailed,
  duplicatesRequested,
  intakeAccepted,
  locateAnswered,
  locateCleared,
  locateFailed,
  locateRequested,
  mergeDone,
  mergeFailed,
  mergeMerging,
  mergeReported,
  mergeReporting,
  suggestAnswered,
  suggestCleared,
  suggestFailed,
  suggestRequested,
  type AddressSuggestion,
} from './intakeSlice';
import { buildReportPayload, type IntakeDraft } from './reportPayload';

/** Matches first, then the geocoder's ambiguous candidates, then completions; one row per address. */
export function suggestionRows(answer: { match: AddressSuggestion | null; candidates: AddressSuggestion[]; suggestions: AddressSuggestion[] }, limit = 8): AddressSuggestion[] {
  const rows: AddressSuggestion[] = [];
  const seen = new Set<string>();
  for (const row of [...(answer.match ? [answer.match] : []), ...answer.candidates, ...answer.suggestions]) {
    if (seen.has(row.text)) continue;
    seen.add(row.text);
    rows.push(row);
  }
  return rows.slice(0, limit);
}

export function requestSuggestions(typed: string): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const q = typed.trim();
    if (!q) {
      dispatch(suggestCleared());
      return;
    }
    dispatch(suggestRequested({ query: q }));
    const { seq } = getState().intake.suggest;
    try {
      const answer = await api.call('geocode', { token: getState().session.token, query: { q, limit: 8 } });
      dispatch(suggestAnswered({ seq, items: suggestionRows(answer), ambiguous: answer.status === 'ambiguous' }));
    } catch (cause) {
      const error = toDutyError(cause);
      dispatch(suggestFailed({ seq, error }));
      if (endsSession(error.code)) dispatch(endSession(error));
    }
  };
}

/** The coordinates typed, picked or clicked, when both are numbers. */
export function draftPoint(draft: Pick<IntakeDraft, 'lon' | 'lat'>): { lon: number; lat: number } | null {
  if (!draft.lon.trim() || !draft.lat.trim()) return null;
  const lon = Number(draft.lon.trim());
  const lat = Number(draft.lat.trim());
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) return null;
  return { lon, lat };
}

/** The grid and regions of the draft's point, asked again only when the point moved. */
export function locateDraft(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const point = draftPoint(getState().intake.draft);
    if (!point) {
      if (getState().intake.locate.at) dispatch(locateCleared());
      return;
    }
    const { at, result, loading } = getState().intake.locate;
    if (at && at.lon === point.lon && at.lat === point.lat && (result || loading)) return;
    dispatch(locateRequested(point));
    const { seq } = getState().intake.locate;
    try {
      const found = await api.call('townLocate', { token: getState().session.token, query: point });
      dispatch(locateAnswered({ seq, result: found }));
    } catch (cause) {
      dispatch(locateFailed({ seq, error: toDutyError(cause) }));
    }
  };
}

export function pickSuggestion(row: AddressSuggestion): AppThunk<Promise<void>> {
  return async (dispatch) => {
    dispatch(addressPicked({ text: row.text, lon: row.location.lon, lat: row.location.lat }));
    await dispatch(locateDraft());
  };
}

/** Worth asking about duplicates: a category and a place, or a category and some words. */
export function duplicateQuestion(draft: IntakeDraft) {
  const category = draft.category;
  if (!category) return null;
  const point = draftPoint(draft);
  const address = draft.address.trim();
  const text = (draft.title + draft.description).trim();
  if (!point && !address && [...text].length < 4) return null;
  return {
    category,
    title: draft.title.slice(0, 120),
    description: draft.description.slice(0, 4000),
    channel: draft.channel,
    ...(point ? { location: point } : {}),
    ...(address ? { address: address.slice(0, 200) } : {}),
    ...(draft.reporterPhone.trim() ? { phone: draft.reporterPhone.trim().slice(0, 32) } : {}),
  };
}

export function requestDuplicates(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const body = duplicateQuestion(getState().intake.draft);
    if (!body) {
      if (getState().intake.duplicates.items.length) dispatch(duplicatesCleared());
      return;
    }
    dispatch(duplicatesRequested());
    const { seq } = getState().intake.duplicates;
    try {
      const { candidates } = await api.call('duplicates', { token: getState().session.token, body });
      dispatch(duplicatesAnswered({ seq, items: candidates }));
    } catch (cause) {
      dispatch(duplicatesFailed({ seq, error: toDutyError(cause) }));
    }
  };
}

/**
 * Takes the call in and merges it into `into` at once. The report reuses the form's pending
 * key, the merge its own; once the report applied a retry only merges.
 */
export function submitAndMerge(into: string, makeKey: () => string = newIdempotencyKey): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const { intake, session } = getState();
    if (intake.status === 'submitting') return;
    const token = session.token;
    const fail = (cause: unknown) => {
      const error = toDutyError(cause);
      dispatch(mergeFailed(error));
      if (endsSession(error.code)) dispatch(endSession(error));
    };

    if (intake.merge.incidentId === null) {
      const built = buildReportPayload(intake.draft);
      if (!built.ok) {
        dispatch(mergeFailed(built.error));
        return;
      }
      const reportKey = intake.pendingKey ?? makeKey();
      dispatch(mergeReporting({ into, reportKey }));
      try {
        const result = await api.call('command', { token, body: { type: 'incident.report', payload: built.payload, idempotencyKey: reportKey } });
        if (isPending(result)) {
          // A replica without its primary queues the report and has no id to merge into yet:
          // the call is taken in (pending); the merge waits for the operator once it has an id.
          dispatch(intakeAccepted({ incidentId: null, seq: 0, outboxId: result.outboxId }));
          return;
        }
        if (!result.incidentId) {
          fail({ code: 'internal', message: 'the hub took the report in without naming its incident' });
          return;
        }
        dispatch(mergeReported({ incidentId: result.incidentId, seq: result.seq }));
      } catch (cause) {
        fail(cause);
        return;
      }
    } else {
      dispatch(mergeReporting({ into, reportKey: null }));
    }

    const { merge } = getState().intake;
    const incidentId = merge.incidentId!;
    // The same target keeps its key across retries; another target is another command.
    const mergeKey = merge.mergeKey !== null && intake.merge.into === into ? merge.mergeKey : makeKey();
    dispatch(mergeMerging({ mergeKey }));
    try {
      const result = await api.call('command', { token, body: { type: 'incident.merge', payload: { incidentId, into }, idempotencyKey: mergeKey } });
      // Queued by a replica: it reaches the primary with the outbox, under this key.
      dispatch(mergeDone({ into, queued: isPending(result) }));
      dispatch(incidentSelected(into));
    } catch (cause) {
      fail(cause);
    }
  };
}
