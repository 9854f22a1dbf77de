// Early warnings (预警) as their own kind of item in the seat's queue: raised by the hub when a
// grid's hour passes the forecast's Poisson bound, kept until an operator acknowledges them.
// Seeded from GET /warnings, then kept by the journal's warning.* entries (journalEntriesApplied).
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { z } from 'zod';
import type { DutyError } from '../../../../shared/errors';
import { entryFits, type JournalEntry } from '../../../../shared/journal/catalog';
import type { WarningsSchema } from '../../../../shared/protocol/analysis';
import { journalEntriesApplied } from '../../app/journalActions';
import { loggedOut, sessionExpired } from '../session/sessionSlice';

export type OpenWarning = z.output<typeof WarningsSchema>['items'][number];

export interface WarningsState {
  items: OpenWarning[];
  /** The warning being acknowledged now, and the refusal of the last attempt. */
  acknowledging: string | null;
  error: { warningId: string; error: DutyError } | null;
}

const initialState: WarningsState = { items: [], acknowledging: null, error: null };

/** Newest hour first, as the hub answers; a grid's hour is one warning. */
function sorted(items: OpenWarning[]): OpenWarning[] {
  return [...items].sort((a, b) => (a.hourStart === b.hourStart ? b.seq - a.seq : a.hourStart < b.hourStart ? 1 : -1));
}

export type WarningChange = { kind: 'raised'; warning: OpenWarning } | { kind: 'acknowledged'; warningId: string };

/** What a journal entry means for the warnings; null for every other entry, and for one that does not fit the journal catalog. */
export function warningChangeOf(entry: JournalEntry): WarningChange | null {
  if (entry.type !== 'warning.raised' && entry.type !== 'warning.acknowledged') return null;
  if (!entryFits(entry)) return null;
  if (entry.type === 'warning.raised') return { kind: 'raised', warning: { ...entry.payload, state: 'open', raisedAt: entry.time, seq: entry.seq } };
  return { kind: 'acknowledged', warningId: entry.payload.warningId };
}

function applyChanges(state: WarningsState, changes: readonly WarningChange[]): void {
  let items = state.items;
  for (const change of changes) {
    if (change.kind === 'raised') items = items.some((w) => w.id === change.warning.id) ? items : [...items, change.warning];
    else items = items.filter((w) => w.id !== change.warningId);
  }
  state.items = sorted(items);
  if (state.acknowledging && !state.items.some((w) => w.id === state.acknowledging)) state.acknowledging = null;
}

const warningsSlice = createSlice({
  name: 'warnings',
  initialState,
  reducers: {
    warningsLoaded(state, action: PayloadAction<OpenWarning[]>) {
      // Entries seen on the stream while the list was on its way stay: seq decides.
      const known = new Map(state.items.map((w) => [w.id, w]));
      for (const w of action.payload) if (!known.has(w.id) || known.get(w.id)!.seq < w.seq) known.set(w.id, w);
      const listed = new Set(action.payload.map((w) => w.id));
      const maxSeq = Math.max(0, ...action.payload.map((w) => w.seq));
      // A warning held here but absent from a newer answer was acknowledged meanwhile.
      state.items = sorted([...known.values()].filter((w) => listed.has(w.id) || w.seq > maxSeq));
    },
    acknowledgeStarted(state, action: PayloadAction<string>) {
      state.acknowledging = action.payload;
      state.error = null;
    },
    acknowledgeFailed(state, action: PayloadAction<{ warningId: string; error: DutyError }>) {
      state.acknowledging = null;
      state.error = action.payload;
    },
    acknowledgeDone(state, action: PayloadAction<string>) {
      state.items = state.items.filter((w) => w.id !== action.payload);
      state.acknowledging = null;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(journalEntriesApplied, (state, action) => {
        const changes = action.payload.map(warningChangeOf).filter((c): c is WarningChange => c !== null);
        if (changes.length) applyChanges(state, changes);
      })
      .addCase(loggedOut, () => initialState)
      .addCase(sessionExpired, () => initialState);
  },
});

export const { warningsLoaded, acknowledgeStarted, acknowledgeFailed, acknowledgeDone } = warningsSlice.actions;
export const warningsReducer = warningsSlice.reducer;
export const selectWarnings = (state: { warnings: WarningsState }) => state.warnings;
