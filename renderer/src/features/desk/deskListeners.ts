// Shift changes and new accounts reach an open desk from the journal stream. Their entries do
// not carry the roster as the desk shows it, so the desk reads the shift and roster again.
// Presence comes as the stream's own messages (deskSlice's presenceChanged); those sent while
// the link was down are not replayed, so the roster is read again when it comes back.
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { journalEntriesApplied } from '../../app/journalActions';
import { linkStateChanged } from '../link/linkSlice';
import type { ListenerSetup } from '../../app/store';
import { loadRoster, loadShift } from './deskThunks';

/** What the desk must read again after an entry: the shift (and with it the roster), the roster, or nothing. */
export function deskChangeOf(entry: JournalEntry): 'shift' | 'roster' | null {
  switch (entry.type) {
    case 'shift.started':
    case 'shift.handedOver':
      return 'shift';
    case 'user.created':
      return 'roster';
    default:
      return null;
  }
}

export const deskListeners: ListenerSetup = (startListening) => {
  startListening({
    actionCreator: journalEntriesApplied,
    effect: (action, { getState, dispatch }) => {
      if (!getState().desk.watching) return;
      const changes = new Set(action.payload.map(deskChangeOf));
      if (changes.has('shift')) void dispatch(loadShift());
      if (changes.has('shift') || changes.has('roster')) void dispatch(loadRoster());
    },
  });  startListening({
    actionCreator: linkStateChanged,
    effect: (action, { getState, getOriginalState, dispatch }) => {
      if (action.payload !== 'online' || getOriginalState().link.state === 'online' || !getState().desk.watching) return;
      void dispatch(loadRoster());
    },
  });
};
