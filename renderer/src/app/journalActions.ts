// The one action a frame's batch of journal entries becomes. Every slice that folds the
// stream handles it in its extraReducers; side effects (sounds, fly-to, a detail re-read
// when the stream cannot carry what changed) listen for it in app/listeners.ts.
import { createAction } from '@reduxjs/toolkit';
import type { JournalEntry } from '../../../shared/journal/catalog';

export const journalEntriesApplied = createAction<JournalEntry[]>('journal/entriesApplied');
