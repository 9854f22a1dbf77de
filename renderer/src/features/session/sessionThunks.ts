import { toDutyError } from '../../app/api';
import type { AppThunk } from '../../app/store';
import type { DutyError } from '../../../../shared/errors';
import type { User } from '../../../../shared/domain';
import type { ResponseOf } from '../../../../shared/protocol/api';
import {
  enrolmentStarted,
  loggedIn,
  loggedOut,
  loginFailed,
  loginStarted,
  sessionExpired,
  sessionRestoreDeferred,
  sessionRestored,
} from './sessionSlice';

export function logIn(username: string, password: string, code?: string): AppThunk<Promise<void>> {
  return async (dispatch, _getState, { api, sessionStore }) => {
    dispatch(loginStarted());
    try {
      const { token, user, enrolment } = await api.call('login', { body: { username, password, ...(code ? { code } : {}) } });
      if (enrolment) {
        // Not kept across a reload: an enrolment session lasts minutes and may do nothing else.
        dispatch(enrolmentStarted({ token, user }));
        return;
      }
      sessionStore.save(token);
      dispatch(loggedIn({ token, user }));
    } catch (cause) {
      dispatch(loginFailed(toDutyError(cause)));
    }
  };
}

/** A window its host opened trades its one-time pairing code for a session. */
export function pairWindow(code: string): AppThunk<Promise<void>> {
  return async (dispatch, _getState, { api, sessionStore }) => {
    dispatch(loginStarted());
    try {
      const { token, user } = await api.call('pair', { body: { code } });
      sessionStore.save(token);
      dispatch(loggedIn({ token, user }));
    } catch (cause) {
      dispatch(loginFailed(toDutyError(cause)));
    }
  };
}

/** A secret for the authenticator; kept by the enrolment screen, never in the store. */
export function beginEnrolment(): AppThunk<Promise<ResponseOf<'secondFactorBegin'>>> {
  return async (_dispatch, getState, { api }) => api.call('secondFactorBegin', { token: getState().session.token });
}

/** The first code confirmed: the recovery codes to show once, and the full session. */
export function confirmEnrolment(code: string): AppThunk<Promise<{ recoveryCodes: string[]; token: string; user: User }>> {
  return async (_dispatch, getState, { api }) => {
    const { token, user } = getState().session;
    const done = await api.call('secondFactorConfirm', { token, body: { code } });
    return { recoveryCodes: done.recoveryCodes, token: done.token ?? token!, user: done.user ?? user! };
  };
}

/** After the recovery codes were shown: the window carries on signed in. */
export function finishEnrolment(token: string, user: User): AppThunk {
  return (dispatch, _getState, { sessionStore }) => {
    sessionStore.save(token);
    dispatch(loggedIn({ token, user }));
  };
}

/** Checks a token the window started with; a hub that is not up yet is asked again later. */
export function restoreSession(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api, sessionStore }) => {
    const { token, status } = getState().session;
    if (status !== 'restoring' || !token) return;
    try {
      const { user } = await api.call('currentSession', { token });
      sessionStore.save(token);
      dispatch(sessionRestored(user));
    } catch (cause) {
      const error = toDutyError(cause);
      if (error.code === 'unavailable') {
        dispatch(sessionRestoreDeferred(error));
      } else {
        dispatch(endSession(error));
      }
    }
  };
}

export function endSession(error: DutyError): AppThunk {
  return (dispatch, _getState, { sessionStore }) => {
    sessionStore.clear();
    dispatch(sessionExpired(error));
  };
}

export function logOut(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api, sessionStore }) => {
    const { token } = getState().session;
    sessionStore.clear();
    dispatch(loggedOut());
    if (!token) return;
    try {
      await api.call('logout', { token });
    } catch {
      // The window forgets the token either way; an unreachable hub expires it on its own.
    }
  };
}

/** Refusals that mean the session is over: back to the sign-in screen, which says why. */
export function endsSession(code: string): boolean {
  return code === 'unauthenticated' || code === 'sessionExpired' || code === 'enrolmentRequired';
}
