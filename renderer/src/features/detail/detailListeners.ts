// Every journal entry about the selected incident (or about a report merged into it)
// re-reads the detail, debounced, so a burst of entries costs one round trip: the detail
// shows the incident's journal and recommendations, which the entries do not carry.
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { journalEntriesApplied } from '../../app/journalActions';
import type { ListenerSetup } from '../../app/store';
import { loadDetail } from './detailThunks';

export const REFRESH_DEBOUNCE_MS = 300;

/** Whether an entry is about one of `ids`: as the incident, a merge's master or its child, a new report, or the wall's focus. */
export function namesAny(entry: JournalEntry, ids: ReadonlySet<string>): boolean {
  switch (entry.type) {
    case 'incident.reported':
      return ids.has(entry.payload.incident.id);
    case 'incident.merged':
      return ids.has(entry.payload.incidentId) || ids.has(entry.payload.into);
    case 'incident.unmerged':
      return ids.has(entry.payload.incidentId) || ids.has(entry.payload.from);
    default:
      return 'incidentId' in entry.payload && entry.payload.incidentId !== null && ids.has(entry.payload.incidentId);
  }
}

export const detailListeners: ListenerSetup = (startListening) => {
  startListening({
    actionCreator: journalEntriesApplied,
    effect: async (action, { getState, dispatch, cancelActiveListeners, delay }) => {
      const { incidentId, incident } = getState().detail;
      if (!incidentId) return;
      const ids = new Set([incidentId, ...(incident?.mergedFrom ?? [])]);
      if (!action.payload.some((entry) => namesAny(entry, ids))) return;
      // A newer batch about the incident restarts the wait; one about nothing shown leaves it running.
      cancelActiveListeners();
      await delay(REFRESH_DEBOUNCE_MS);
      if (getState().detail.incidentId === incidentId) void dispatch(loadDetail(incidentId));
    },
  });
};
