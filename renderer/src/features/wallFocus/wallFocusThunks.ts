import type { AppThunk } from '../../app/store';
import { wallFocusChanged } from './wallFocusSlice';

/** Asks the hub for the current focus; used when the stream (re)seeds. */
export function loadWallFocus(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const focus = await api.call('wallFocus', { token: getState().session.token });
    dispatch(wallFocusChanged(focus));
  };
}
