import { useEffect } from 'react';
import { toDutyError } from '../../app/api';
import { newIdempotencyKey } from '../../app/idempotency';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { AppThunk } from '../../app/store';
import { selectLink } from '../link/linkSlice';
import { endSession, endsSession } from '../session/sessionThunks';
import { acknowledgeDone, acknowledgeFailed, acknowledgeStarted, warningsLoaded } from './warningsSlice';

/** Seeds the open warnings on sign-in and again whenever the link comes back (entries missed while away); the stream keeps them after that. */
export function useWarningsSeed(): void {
  const dispatch = useAppDispatch();
  const online = useAppSelector(selectLink).state === 'online';
  useEffect(() => {
    if (online) void dispatch(loadWarnings());
  }, [dispatch, online]);
}

export function loadWarnings(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    try {
      const { items } = await api.call('warnings', { token: getState().session.token });
      dispatch(warningsLoaded(items));
    } catch (cause) {
      const error = toDutyError(cause);
      if (endsSession(error.code)) dispatch(endSession(error));
      // Otherwise the list stays as it was; the stream and the next load bring it up to date.
    }
  };
}

/** Acknowledges a warning (journaled as warning.acknowledged); a retry reuses its key. */
export function acknowledgeWarning(warningId: string, makeKey: () => string = newIdempotencyKey): AppThunk<Promise<void>> {
  const idempotencyKey = makeKey();
  return async (dispatch, getState, { api }) => {
    if (getState().warnings.acknowledging) return;
    dispatch(acknowledgeStarted(warningId));
    try {
      await api.call('command', { token: getState().session.token, body: { type: 'warning.acknowledge', payload: { warningId }, idempotencyKey } });
      dispatch(acknowledgeDone(warningId));
    } catch (cause) {
      const error = toDutyError(cause);
      // Someone else acknowledged it first: the warning is handled all the same.
      if (error.code === 'conflict') dispatch(acknowledgeDone(warningId));
      else dispatch(acknowledgeFailed({ warningId, error }));
      if (endsSession(error.code)) dispatch(endSession(error));
    }
  };
}
