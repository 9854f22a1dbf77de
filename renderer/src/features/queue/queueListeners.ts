// What the queue does when a batch of journal entries lands, besides folding it: rows the
// fold could not compute are fetched from the hub.
import { journalEntriesApplied } from '../../app/journalActions';
import type { ListenerSetup } from '../../app/store';
import { refreshIncident } from './queueThunks';

/** Fetches every row a batch left behind (a row already behind at the same seq is being fetched). */
export const queueListeners: ListenerSetup = (startListening) => {
  startListening({
    predicate: (action, current, previous) => journalEntriesApplied.match(action) && current.queue.behind !== previous.queue.behind,
    effect: (_action, { dispatch, getState, getOriginalState }) => {
      const before = getOriginalState().queue.behind;
      for (const [id, seq] of Object.entries(getState().queue.behind)) {
        if (before[id] !== seq) void dispatch(refreshIncident(id, seq));
      }
    },
  });
};
