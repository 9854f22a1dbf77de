import type { AppThunk } from '../../app/store';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { wallFocusChanged, wallFocusOf } from './wallFocusSlice';

/** Asks the hub for the current focus; used when the stream (re)seeds. */
export function loadWallFocus(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const focus = await api.call('wallFocus', { token: getState().session.token });
    dispatch(wallFocusChanged(focus));
  };
}

export function wallEntriesReceived(entries: readonly JournalEntry[]): AppThunk {
  return (dispatch) => {
    for (const entry of entries) {
      const focus = wallFocusOf(entry);
      if (focus) dispatch(wallFocusChanged(focus));
    }
  };
}
