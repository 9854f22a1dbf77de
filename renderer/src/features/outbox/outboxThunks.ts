// Watching a replica hub's outbox: health says whether the hub is a replica and how many
// commands wait; the list is fetched only then. Polled, because the outbox changes when the
// primary answers, which no journal entry on this side announces. A primary has no outbox:
// once health says the hub is one, the polling stops (a hub keeps its mode while it runs).
import { toDutyError } from '../../app/api';
import type { AppStore, AppThunk } from '../../app/store';
import { outboxItemDismissed, outboxLoaded, replicaHealthSeen } from './outboxSlice';

export const OUTBOX_POLL_MS = 1_500;

/** Resolves to the hub's mode, so the watcher knows whether to go on. */
export function refreshOutbox(): AppThunk<Promise<'primary' | 'replica'>> {
  return async (dispatch, getState, { api }) => {
    const health = await api.call('health');
    if (health.mode !== 'replica') {
      if (getState().outbox.replica) dispatch(replicaHealthSeen(null));
      return health.mode;
    }
    dispatch(
      replicaHealthSeen({
        stale: health.stale ?? false,
        lastContact: health.lastContact ?? null,
        pending: health.pending ?? 0,
        conflicts: health.conflicts ?? 0,
        syncError: health.syncError ?? null,
      }),
    );
    const token = getState().session.token;
    if (!token) return 'replica';
    const { items } = await api.call('outbox', { token });
    dispatch(outboxLoaded(items));
    return 'replica';
  };
}

export function dismissConflict(id: number): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    try {
      await api.call('dismissOutbox', { token: getState().session.token, params: { id: String(id) } });
      dispatch(outboxItemDismissed(id));
    } catch (cause) {
      // Already dismissed elsewhere: the next poll shows the truth either way.
      if (toDutyError(cause).code === 'notFound') dispatch(outboxItemDismissed(id));
    }
  };
}

/** Polls while the session lasts and the hub is a replica; returns the stop. */
export function watchOutbox(store: AppStore, everyMs = OUTBOX_POLL_MS): () => void {
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    store
      .dispatch(refreshOutbox())
      .then((mode) => {
        if (mode === 'primary') stopped = true;
      })
      .catch(() => undefined) // the hub is away: the link pill says so already; ask again
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      });
  };
  let timer = setTimeout(tick, 0);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
