import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { User } from '../../../../shared/domain';
import type { DutyError } from '../../../../shared/errors';

/** enrolling: signed in with a password, the second factor still to be set up (the token may do only that). */
export type SessionStatus = 'anonymous' | 'restoring' | 'enrolling' | 'authenticated';

export interface SessionState {
  status: SessionStatus;
  token: string | null;
  user: User | null;
  loginPending: boolean;
  /** Why the last login or restore failed, or why the session ended. */
  error: DutyError | null;
}

export const initialSessionState: SessionState = {
  status: 'anonymous',
  token: null,
  user: null,
  loginPending: false,
  error: null,
};

/** A window that starts with a token (handed over, or kept across a reload) checks it first. */
export function sessionStateWithToken(token: string | null): SessionState {
  return token ? { ...initialSessionState, status: 'restoring', token } : initialSessionState;
}

const sessionSlice = createSlice({
  name: 'session',
  initialState: initialSessionState,
  reducers: {
    loginStarted(state) {
      state.loginPending = true;
      state.error = null;
    },
    loggedIn(_state, action: PayloadAction<{ token: string; user: User }>) {
      return { status: 'authenticated', token: action.payload.token, user: action.payload.user, loginPending: false, error: null };
    },
    enrolmentStarted(_state, action: PayloadAction<{ token: string; user: User }>) {
      return { status: 'enrolling', token: action.payload.token, user: action.payload.user, loginPending: false, error: null };
    },
    loginFailed(state, action: PayloadAction<DutyError>) {
      state.loginPending = false;
      state.error = action.payload;
    },
    sessionRestored(state, action: PayloadAction<User>) {
      if (state.status !== 'restoring') return;
      state.status = 'authenticated';
      state.user = action.payload;
      state.error = null;
    },
    /** The hub could not be asked yet; keep the token and try again. */
    sessionRestoreDeferred(state, action: PayloadAction<DutyError>) {
      state.error = action.payload;
    },
    sessionExpired(_state, action: PayloadAction<DutyError>) {
      return { ...initialSessionState, error: action.payload };
    },
    loggedOut() {
      return initialSessionState;
    },
  },
});

export const { loginStarted, loggedIn, enrolmentStarted, loginFailed, sessionRestored, sessionRestoreDeferred, sessionExpired, loggedOut } =
  sessionSlice.actions;
export const sessionReducer = sessionSlice.reducer;

export const selectSession = (state: { session: SessionState }) => state.session;
export const selectUser = (state: { session: SessionState }) => state.session.user;
export const selectToken = (state: { session: SessionState }) => state.session.token;
