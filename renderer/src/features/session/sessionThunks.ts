import { toDutyError } from '../../app/api';
import type { AppThunk } from '../../app/store';
import type { DutyError } from '../../../../shared/errors';
import {
  loggedIn,
  loggedOut,
  loginFailed,
  loginStarted,
  sessionExpired,
  sessionRestoreDeferred,
  sessionRestored,
} from './sessionSlice';

export function logIn(username: string, password: string): AppThunk<Promise<void>> {
  return async (dispatch, _getState, { api, sessionStore }) => {
    dispatch(loginStarted());
    try {
      const { token, user } = await api.call('login', { body: { username, password } });
      sessionStore.save(token);
      dispatch(loggedIn({ token, user }));
    } catch (cause) {
      dispatch(loginFailed(toDutyError(cause)));
    }
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
