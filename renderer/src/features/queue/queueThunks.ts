import { toDutyError } from '../../app/api';
import type { AppThunk } from '../../app/store';
import type { JournalEntry } from '../../../../shared/domain';
import { endSession } from '../session/sessionThunks';
import { queueEffectOf } from './journalEntries';
import { incidentRefreshed, incidentVanished, openIncidentsLoaded } from './queueSlice';

/** Seeds the queue with the hub's open list taken at (or after) journal `seq`. */
export function loadOpenIncidents(seq: number): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const { items } = await api.call('incidents', { token: getState().session.token, query: { status: 'open' } });
    dispatch(openIncidentsLoaded({ items, seq }));
  };
}

export function journalEntriesReceived(entries: JournalEntry[]): AppThunk {
  return (dispatch, _getState, { now }) => {
    const receivedAt = now();
    for (const entry of entries) {
      const effect = queueEffectOf(entry, receivedAt);
      if (effect.kind === 'apply') dispatch(effect.action);
      else if (effect.kind === 'refetch') void dispatch(refreshIncident(effect.incidentId, effect.seq));
    }
  };
}

export function refreshIncident(incidentId: string, seq: number): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const known = getState().queue.entities[incidentId];
    if (known && known.lastSeq >= seq) return;
    try {
      const { reports: _reports, ...incident } = await api.call('incident', {
        token: getState().session.token,
        params: { id: incidentId },
      });
      dispatch(incidentRefreshed(incident));
    } catch (cause) {
      const error = toDutyError(cause);
      if (error.code === 'notFound') dispatch(incidentVanished(incidentId));
      else if (error.code === 'unauthenticated') dispatch(endSession(error));
      // Anything else: the row stays as it was until the next entry or re-seed.
    }
  };
}
