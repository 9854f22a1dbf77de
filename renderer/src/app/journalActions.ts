// The one action a frame's batch of journal entries becomes. Every slice that folds the
// stream handles it in its extraReducers; side effects (the arrival sound, a detail re-read,
// the map feed, reloads the stream cannot carry) listen for it in the features' listener
// modules, which app/listenerSetups.ts lists.
import { createAction } from '@reduxjs/toolkit';
import type { JournalEntry } from '../../../shared/journal/catalog';

/**
 * `receivedAt` (ms since the epoch, from the store's clock) rides in meta, so reducers stay
 * pure: the queue marks arrivals with it and ages old marks against it.
 */
export const journalEntriesApplied = createAction('journal/entriesApplied', (entries: JournalEntry[], receivedAt: number) => ({
  payload: entries,
  meta: { receivedAt },
}));
