// The window's one store. Everything in it is plain data; the API client and the session
// storage reach thunks as the extra argument, never through state.
import { combineReducers, configureStore, type ThunkAction, type UnknownAction } from '@reduxjs/toolkit';
import { commandDeskReducer } from '../features/command/commandDeskSlice';
import { detailReducer } from '../features/detail/detailSlice';
import { intakeReducer } from '../features/intake/intakeSlice';
import { linkReducer } from '../features/link/linkSlice';
import { outboxReducer } from '../features/outbox/outboxSlice';
import { queueReducer } from '../features/queue/queueSlice';
import { selectionReducer } from '../features/selection/selectionSlice';
import { sessionReducer } from '../features/session/sessionSlice';
import type { SessionStore } from '../features/session/sessionStore';
import { videoReducer } from '../features/video/videoSlice';
import { warningsReducer } from '../features/warnings/warningsSlice';
import { wallFocusReducer } from '../features/wallFocus/wallFocusSlice';
import type { ApiClient } from './api';

export const rootReducer = combineReducers({
  session: sessionReducer,
  link: linkReducer,
  outbox: outboxReducer,
  queue: queueReducer,
  selection: selectionReducer,
  detail: detailReducer,
  intake: intakeReducer,
  wallFocus: wallFocusReducer,
  warnings: warningsReducer,
  commandDesk: commandDeskReducer,
  video: videoReducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export interface ThunkExtra {
  api: ApiClient;
  sessionStore: SessionStore;
  /** Milliseconds since the epoch; tests pin it. */
  now: () => number;
}

export function createAppStore(extra: ThunkExtra, preloadedState?: Partial<RootState>) {
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault({ thunk: { extraArgument: extra } }),
  });
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
export type AppThunk<R = void> = ThunkAction<R, RootState, ThunkExtra, UnknownAction>;
