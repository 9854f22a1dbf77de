// The commander desk's reference data, through the window's cache (app/hubApi.ts): the shift
// (who commands, handover sheets) and the roster. Shift and user entries on the stream make
// them stale (app/hubCache.ts readsChangedBy), and the cache reads them again while a desk
// shows them. Incidents waiting for approval are not copied here; they are read from the queue.
import type { DutyError } from '../../../../shared/errors';
import { useRosterQuery, useShiftQuery } from '../../app/hubApi';
import type { Shift } from './handover';
import type { Roster } from './roster';

/**
 * Presence changes without a journal entry (a window opens or closes), so the open desk asks
 * for the roster again this often: the one read the stream cannot carry.
 */
export const ROSTER_REFRESH_MS = 30_000;

export function useShift(): Shift | null {
  return useShiftQuery().data ?? null;
}

/** The roster, and when it was last answered (ms), for "online as of". */
export function useRoster(options: { poll?: boolean } = {}): { roster: Roster | null; at: number | null } {
  const { data, fulfilledTimeStamp } = useRosterQuery(undefined, options.poll ? { pollingInterval: ROSTER_REFRESH_MS } : {});
  return { roster: data ?? null, at: fulfilledTimeStamp ?? null };
}

/** Why the shift or the roster could not be read, if one could not. */
export function useDeskLoadError(): DutyError | null {
  const shift = useShiftQuery();
  const roster = useRosterQuery();
  return ((shift.error ?? roster.error) as DutyError | undefined) ?? null;
}
