// The commander desk's reference data, through the window's cache (app/hubApi.ts): the shift
// (who commands, handover sheets) and the roster. Shift and user entries on the stream make
// them stale (app/hubCache.ts readsChangedBy), and the cache reads them again while a desk
// shows them; who is at a window comes as the stream's own messages. Incidents waiting for
// approval are not copied here; they are read from the queue.
import type { DutyError } from '../../../../shared/errors';
import { useRosterQuery, useShiftQuery } from '../../app/hubApi';
import { useAppSelector } from '../../app/hooks';
import type { Shift } from './handover';
import type { Roster } from './roster';

export function useShift(): Shift | null {
  return useShiftQuery().data ?? null;
}

/**
 * The roster, and as of when (ms) it is known: presence changes without a journal entry, and
 * the stream's 'presence' messages patch the cached roster (app/hubCache.ts), so it is as
 * current as the last word from the hub; before any, as of its answer.
 */
export function useRoster(): { roster: Roster | null; at: number | null } {
  const { data, fulfilledTimeStamp } = useRosterQuery();
  const contact = useAppSelector((state) => state.link.lastContactAt);
  return { roster: data ?? null, at: contact ?? fulfilledTimeStamp ?? null };
}

/** Why the shift or the roster could not be read, if one could not. */
export function useDeskLoadError(): DutyError | null {
  const shift = useShiftQuery();
  const roster = useRosterQuery();
  return ((shift.error ?? roster.error) as DutyError | undefined) ?? null;
}
