// The window's one store. Everything in it is plain data; the API client and the session
// storage reach thunks as the extra argument, never through state.
import {
  combineReducers,
  configureStore,
  createListenerMiddleware,
  type ThunkAction,
  type ThunkDispatch,
  type TypedStartListening,
  type UnknownAction,
} from '@reduxjs/toolkit';
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
import { hubApi } from './hubApi';

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
  video: videoReducer,
  [hubApi.reducerPath]: hubApi.reducer,
});

export type RootState = ReturnType<typeof rootReducer>;

export interface ThunkExtra {
  api: ApiClient;
  sessionStore: SessionStore;
  /** Milliseconds since the epoch; tests pin it. */
  now: () => number;
}

/** Side effects of actions (the arrival sound, the map feed, re-reads the stream cannot spare) live in listeners; app/listenerSetups.ts lists them. */
export type AppStartListening = TypedStartListening<RootState, ThunkDispatch<RootState, ThunkExtra, UnknownAction>, ThunkExtra>;

/** Registers a feature's listeners; called once per store, never at module load. */
export type ListenerSetup = (startListening: AppStartListening) => void;

export function createAppStore(extra: ThunkExtra, preloadedState?: Partial<RootState>, listenerSetups: readonly ListenerSetup[] = []) {
  const listeners = createListenerMiddleware<RootState, ThunkDispatch<RootState, ThunkExtra, UnknownAction>, ThunkExtra>({ extra });
  for (const setup of listenerSetups) setup(listeners.startListening);
  return configureStore({
    reducer: rootReducer,
    preloadedState,
    middleware: (getDefault) => getDefault({ thunk: { extraArgument: extra } }).prepend(listeners.middleware).concat(hubApi.middleware),
  });
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
export type AppThunk<R = void> = ThunkAction<R, RootState, ThunkExtra, UnknownAction>;
