// Loading the selected incident and acting on it. Answers for an incident no longer
// selected are dropped by the slice; the re-read that journal entries about it cause is
// ./detailListeners.ts.
import { z } from 'zod';
import { isLegal } from '../../../../shared/incident/machine';
import { mayIssue } from '../../../../shared/permissions';
import type { CommandType } from '../../../../shared/protocol/commands';
import { isPending } from '../../../../shared/protocol/replica';
import { toDutyError } from '../../app/api';
import { hubApi } from '../../app/hubApi';
import { newIdempotencyKey } from '../../app/idempotency';
import type { AppThunk } from '../../app/store';
import { endSession, endsSession } from '../session/sessionThunks';
import { actionFailed, actionStarted, actionSucceeded, detailFailed, detailLoaded, detailRequested, recommendationsRefreshed, reporterRevealed, type DetailState, type IncidentJournal } from './detailSlice';

export function loadDetail(incidentId: string): AppThunk<Promise<void>> {
  return async (dispatch, getState) => {
    const request = getState().detail.request + 1;
    dispatch(detailRequested({ incidentId, request }));
    const { user } = getState().session;
    const params = { id: incidentId };
    try {
      // Through the window's cache (app/hubApi.ts), asked afresh: a load is a read the entries could not spare.
      const fresh = { subscribe: false, forceRefetch: true } as const;
      const [incident, journal] = await Promise.all([
        dispatch(hubApi.endpoints.incident.initiate({ params }, fresh)).unwrap(),
        dispatch(hubApi.endpoints.incidentJournal.initiate({ params }, fresh)).unwrap(),
      ]);
      if (getState().detail.request !== request) return;
      // Ranking every unit by road distance is the hub's dearest query: only when a dispatch is possible.
      const dispatchable = !!user && mayIssue(user.role, 'incident.dispatch') && isLegal('incident.dispatch', incident.state) && incident.priority !== null;
      const active = new Set(incident.assignments.filter((a) => a.status !== 'returned').map((a) => a.unitId));
      const [recommendations, positions] = await Promise.all([
        dispatchable ? dispatch(hubApi.endpoints.recommendations.initiate({ params }, fresh)).unwrap().catch(() => null) : null,
        active.size ? dispatch(hubApi.endpoints.unitPositions.initiate(undefined, fresh)).unwrap().catch(() => null) : null,
      ]);
      dispatch(detailLoaded({ request, incident, journal: journal as IncidentJournal, recommendations, unitPositions: positions?.units.filter((u) => active.has(u.id)) ?? [] }));
    } catch (cause) {
      const error = toDutyError(cause);
      dispatch(detailFailed({ request, error }));
      if (endsSession(error.code)) dispatch(endSession(error));
    }
  };
}

/**
 * The recommendations alone, read again: when the operator asks, or when a unit on the list
 * was sent elsewhere. The numbers beside the units change only then, and the panel says why.
 */
export function refreshRecommendations(why: NonNullable<DetailState['recommendationsRefreshed']>): AppThunk<Promise<void>> {
  return async (dispatch, getState) => {
    const { incidentId, recommendations } = getState().detail;
    if (!incidentId || !recommendations) return;
    try {
      const fresh = await dispatch(hubApi.endpoints.recommendations.initiate({ params: { id: incidentId } }, { subscribe: false, forceRefetch: true })).unwrap();
      dispatch(recommendationsRefreshed({ incidentId, recommendations: fresh, why }));
    } catch {
      // The list stays as it was; the next load of the incident reads it again.
    }
  };
}

const RevealedSchema = z.object({ reporter: z.object({ name: z.string().optional(), phone: z.string().optional() }) });

/** Codes after which nobody knows whether the command landed: the retry reuses its key. */
const UNANSWERED = new Set(['unavailable', 'overloaded', 'internal']);

/** Sends one command about the selected incident; resolves true once the hub took it. */
export function issueDetailCommand(type: CommandType, payload: Record<string, unknown>, makeKey: () => string = newIdempotencyKey): AppThunk<Promise<boolean>> {
  return async (dispatch, getState, { api }) => {
    const { detail, session } = getState();
    if (detail.action.busy) return false;
    const signature = JSON.stringify([type, payload]);
    const idempotencyKey = detail.action.retry?.signature === signature ? detail.action.retry.key : makeKey();
    dispatch(actionStarted({ command: type, retry: { signature, key: idempotencyKey } }));
    try {
      const result = await api.call('command', { token: session.token, body: { type, payload, idempotencyKey } });
      const pending = isPending(result);
      if (!pending && type === 'personalData.reveal') {
        const revealed = RevealedSchema.safeParse(result.data);
        if (revealed.success) dispatch(reporterRevealed({ reportId: String(payload.reportId), reporter: revealed.data.reporter }));
      }
      dispatch(actionSucceeded({ command: type, pending }));
      const selected = getState().detail.incidentId;
      if (!pending && selected) void dispatch(loadDetail(selected));
      return true;
    } catch (cause) {
      const error = toDutyError(cause);
      dispatch(actionFailed({ command: type, error, keepRetry: UNANSWERED.has(error.code) }));
      if (endsSession(error.code)) dispatch(endSession(error));
      return false;
    }
  };
}
