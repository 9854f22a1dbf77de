// Journal entries about the selected incident (or about a report merged into it) are folded
// into the detail as they arrive (./detailFold.ts), so an open detail reads nothing again
// for a feedback, an escalation or a note. What the entries do not carry is read again,
// debounced so a burst costs one round trip: a report merged in or taken out (the reports
// list), a person the timeline has no name for, and a change of the incident's state or
// assignments (the dispatch recommendations and the units' positions depend on them).
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { journalEntriesApplied } from '../../app/journalActions';
import type { ListenerSetup, RootState } from '../../app/store';
import { selectIncidentById } from '../queue/queueSlice';
import { foldIncidentDetail, foldIncidentJournal, namesAny } from './detailFold';
import { detailFolded, type IncidentJournal } from './detailSlice';
import { loadDetail, refreshRecommendations } from './detailThunks';

export const REFRESH_DEBOUNCE_MS = 300;

/** The detail with the batch folded in, or null when it must be read again (see the header). */
export function foldedDetail(state: RootState, before: RootState, entries: readonly JournalEntry[]) {
  const { incident, journal } = state.detail;
  if (!incident || !journal) return null;
  const lookup = (id: string) => selectIncidentById(before, id) ?? selectIncidentById(state, id) ?? null;
  const record = foldIncidentDetail(incident, entries, lookup);
  const timeline = foldIncidentJournal(journal, entries, new Set([incident.id, ...incident.mergedFrom]));
  if (!record || !timeline) return null;
  if (record.state !== incident.state || JSON.stringify(record.assignments) !== JSON.stringify(incident.assignments)) return null;
  return { incident: record, journal: timeline as IncidentJournal };
}

/** A unit on the shown list that another incident's dispatch just took, if any. */
export function unitTaken(state: RootState, entries: readonly JournalEntry[]): string | null {
  const { incidentId, recommendations } = state.detail;
  if (!incidentId || !recommendations) return null;
  const offered = new Map(recommendations.units.map((u) => [u.unitId, u.unitName]));
  for (const entry of entries) {
    if (entry.type !== 'incident.dispatched' || entry.payload.incidentId === incidentId) continue;
    const taken = entry.payload.units.find((u) => offered.has(u.unitId));
    if (taken) return offered.get(taken.unitId)!;
  }
  return null;
}

export const detailListeners: ListenerSetup = (startListening) => {
  // The numbers beside the recommended units hold while the operator looks, unless one of
  // those units is sent elsewhere: then the list is read again and says so.
  startListening({
    actionCreator: journalEntriesApplied,
    effect: (action, { getState, dispatch }) => {
      const unitName = unitTaken(getState(), action.payload);
      if (unitName) void dispatch(refreshRecommendations({ reason: 'unitTaken', unitName }));
    },
  });
  startListening({
    actionCreator: journalEntriesApplied,
    effect: async (action, { getState, getOriginalState, dispatch, cancelActiveListeners, delay }) => {
      const { incidentId, incident } = getState().detail;
      if (!incidentId) return;
      const ids = new Set([incidentId, ...(incident?.mergedFrom ?? [])]);
      if (!action.payload.some((entry) => namesAny(entry, ids))) return;
      const folded = foldedDetail(getState(), getOriginalState(), action.payload);
      if (folded) {
        dispatch(detailFolded({ incidentId, ...folded }));
        return;
      }
      // A newer batch about the incident restarts the wait; one about nothing shown leaves it running.
      cancelActiveListeners();
      await delay(REFRESH_DEBOUNCE_MS);
      if (getState().detail.incidentId === incidentId) void dispatch(loadDetail(incidentId));
    },
  });
};
