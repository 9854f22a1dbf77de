import { isPending } from '../../../../shared/protocol/replica';
import { toDutyError } from '../../app/api';
import { newIdempotencyKey } from '../../app/idempotency';
import type { AppThunk } from '../../app/store';
import { endSession, endsSession } from '../session/sessionThunks';
import { intakeAccepted, intakeRejected, intakeSubmitted, mergeAbandoned } from './intakeSlice';
import { buildReportPayload } from './reportPayload';

export function submitIntake(makeKey: () => string = newIdempotencyKey): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const { intake, session } = getState();
    if (intake.status === 'submitting') return;
    // Report-then-merge got as far as the report: that incident is this call, take it as is.
    if (intake.merge.incidentId !== null) {
      dispatch(mergeAbandoned());
      return;
    }
    const built = buildReportPayload(intake.draft);
    if (!built.ok) {
      dispatch(intakeRejected(built.error));
      return;
    }
    const idempotencyKey = intake.pendingKey ?? makeKey();
    dispatch(intakeSubmitted({ idempotencyKey }));
    try {
      const result = await api.call('command', {
        token: session.token,
        body: { type: 'incident.report', payload: built.payload, idempotencyKey },
      });
      // A replica whose primary is away keeps the report in its outbox: accepted, pending.
      if (isPending(result)) dispatch(intakeAccepted({ incidentId: null, seq: 0, outboxId: result.outboxId }));
      else dispatch(intakeAccepted({ incidentId: result.incidentId ?? null, seq: result.seq }));
    } catch (cause) {
      const error = toDutyError(cause);
      dispatch(intakeRejected(error));
      if (endsSession(error.code)) dispatch(endSession(error));
    }
  };
}
