// The open-incident queue: full incident records, seeded from the hub's open list and then
// kept by folding journal entries with the hub's own reducer (./fold.ts). No sortComparer
// on the adapter: re-sorting on every upsert gets slow with thousands of rows, so order is
// a selector patched batch by batch (./queueSelectors.ts, ./incremental.ts).
import { createAction, createEntityAdapter, createSelector, createSlice, freeze, type PayloadAction, type Reducer } from '@reduxjs/toolkit';
import { OPEN_STATES, type Incident, type IncidentState, type JournalEntry, type Report } from '../../../../shared/domain';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { DEFAULT_SLA, type SlaConfig } from '../../../../shared/sla';
import type { RegionLevel } from '../../../../shared/town';
import { loggedOut, sessionExpired } from '../session/sessionSlice';
import { foldEntries } from './fold';
import { incrementalList, rememberChanges } from './incremental';
import { DEFAULT_QUEUE_VIEW, type QueueFilters, type QueueSort, type QueueView } from './queueFilters';

const incidentsAdapter = createEntityAdapter<IncidentRecord>();

/** How long a new arrival stays marked; older marks are dropped as new ones come in. */
export const ARRIVAL_MARK_MS = 6_000;
/** At most this many marks: a flood of reports flashes its newest, and the map stays small to copy. */
export const ARRIVAL_MARKS_MAX = 200;

/** A region as the queue's region filter needs it: its name and where it sits. */
export interface QueueRegion {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
}

export interface QueueExtra {
  /** True once the open list was loaded for this session. */
  loaded: boolean;
  /** The journal seq the seed list reflects; entries after it are folded on top. */
  seededSeq: number | null;
  /** When each recently reported incident arrived on the stream (ms since the epoch). */
  arrivedAt: Record<string, number>;
  /** Arrivals since the operator last looked at the queue (the "N 新事件" counter). */
  unseen: number;
  /**
   * Records kept out of the list because folding needs them: incidents merged into an open
   * master, whose reports the master shows and which an unmerge brings back.
   */
  detached: Record<string, IncidentRecord>;
  /** Rows known to miss a journal entry (seq) until the hub's copy is fetched. */
  behind: Record<string, number>;
  /** The hub's SLA allowances, for the countdown; the defaults until /config answers. */
  sla: SlaConfig;
  /** The town's regions, for the region filter; empty until loaded. */
  regions: QueueRegion[];
  view: QueueView;
}

export type QueueState = ReturnType<typeof incidentsAdapter.getInitialState<QueueExtra>>;

const initialState: QueueState = incidentsAdapter.getInitialState<QueueExtra>({
  loaded: false,
  seededSeq: null,
  arrivedAt: {},
  unseen: 0,
  detached: {},
  behind: {},
  sla: DEFAULT_SLA,
  regions: [],
  view: DEFAULT_QUEUE_VIEW,
});

const OPEN = new Set<IncidentState>(OPEN_STATES);
export function isOpen(state: IncidentState): boolean {
  return OPEN.has(state);
}

/** Puts a record where it belongs: the list when open, aside when merged into an open master, else nowhere. */
function place(state: QueueState, record: IncidentRecord, wasListed = state.entities[record.id] !== undefined) {
  if (isOpen(record.state)) {
    incidentsAdapter.setOne(state, record);
    delete state.detached[record.id];
    return;
  }
  if (state.entities[record.id] !== undefined) incidentsAdapter.removeOne(state, record.id);
  delete state.arrivedAt[record.id];
  if (record.state === 'merged' && record.mergedInto !== null && state.entities[record.mergedInto] !== undefined) {
    state.detached[record.id] = record;
  } else {
    delete state.detached[record.id];
  }
  // A master that left the list no longer needs its children at hand.
  if (wasListed) {
    for (const [id, child] of Object.entries(state.detached)) if (child.mergedInto === record.id) delete state.detached[id];
  }
}

/** True when `record` is news: the row held is not already as new or newer. */
function isNewer(state: QueueState, record: IncidentRecord): boolean {
  const held = state.entities[record.id] ?? state.detached[record.id];
  return held === undefined || record.lastSeq > held.lastSeq;
}

const queueSlice = createSlice({
  name: 'queue',
  initialState,
  reducers: {
    openIncidentsLoaded(state, action: PayloadAction<{ items: IncidentRecord[]; seq: number }>) {
      const open = action.payload.items.filter((i) => isOpen(i.state));
      incidentsAdapter.setAll(state, open);
      state.detached = {};
      for (const record of action.payload.items) {
        if (record.state === 'merged' && record.mergedInto !== null && state.entities[record.mergedInto]) state.detached[record.id] = record;
      }
      state.loaded = true;
      state.seededSeq = action.payload.seq;
      state.arrivedAt = {};
      state.unseen = 0;
      state.behind = {};
    },
    /**
     * The hub's copy of one incident, fetched because a row fell behind at seq `asOf`. An
     * older copy never overwrites a newer row.
     */
    incidentRefreshed(state, action: PayloadAction<{ record: IncidentRecord; asOf: number }>) {
      const { record, asOf } = action.payload;
      if (isNewer(state, record)) place(state, record);
      if ((state.behind[record.id] ?? Infinity) <= asOf) delete state.behind[record.id];
    },
    incidentVanished(state, action: PayloadAction<string>) {
      incidentsAdapter.removeOne(state, action.payload);
      delete state.detached[action.payload];
      delete state.behind[action.payload];
    },
    queueContextLoaded(state, action: PayloadAction<{ sla?: SlaConfig; regions?: QueueRegion[] }>) {
      if (action.payload.sla) state.sla = action.payload.sla;
      if (action.payload.regions) state.regions = action.payload.regions;
    },
    /** The operator has seen the queue's newest arrivals. */
    arrivalsSeen(state) {
      state.unseen = 0;
    },
    queueSortChosen(state, action: PayloadAction<QueueSort>) {
      state.view.sort = action.payload;
    },
    queueFilterChanged(state, action: PayloadAction<Partial<QueueFilters>>) {
      state.view.filters = { ...state.view.filters, ...action.payload };
    },
    queueFiltersCleared(state) {
      state.view.filters = DEFAULT_QUEUE_VIEW.filters;
    },
  },
  extraReducers: (builder) => {
    // The operator's sort and filters outlive a sign-out at the same seat; the rows do not.
    builder
      .addCase(loggedOut, (state) => ({ ...initialState, view: state.view }))
      .addCase(sessionExpired, (state) => ({ ...initialState, view: state.view }));
  },
});

export const {
  openIncidentsLoaded,
  incidentRefreshed,
  incidentVanished,
  queueContextLoaded,
  arrivalsSeen,
  queueSortChosen,
  queueFilterChanged,
  queueFiltersCleared,
} = queueSlice.actions;

/** A batch of journal entries from the stream, folded in order. */
export const journalEntriesFolded = createAction<{ entries: JournalEntry[]; receivedAt: number }>('queue/journalEntriesFolded');

/**
 * The fold, written without Immer: drafting the 10,000-record map and finalizing it again
 * (proxy reads, a copy through the proxy, a walk over every key, freezing) cost tens of
 * milliseconds per batch. Here each container a batch changes is copied once and frozen
 * like Immer would leave it, so the slice's other reducers see the same frozen plain data.
 */
export function foldJournalEntries(state: QueueState, entries: readonly JournalEntry[], receivedAt: number): QueueState {
  const outcome = foldEntries(entries, {
    lookup: (id) => state.entities[id] ?? state.detached[id],
    behindAt: (id) => state.behind[id],
  });
  if (outcome.changed.size === 0 && outcome.behind.size === 0) return state;

  const entities = copyRecord(state.entities);
  const detached = { ...state.detached };
  const arrivedAt = { ...state.arrivedAt };
  const arriving: string[] = [];
  const leaving = new Set<string>();
  let unseen = state.unseen;

  // As place() above, on the copies: listed when open, aside when merged into a listed master.
  const put = (record: IncidentRecord, wasListed: boolean) => {
    if (isOpen(record.state)) {
      if (entities[record.id] === undefined) arriving.push(record.id);
      entities[record.id] = record;
      delete detached[record.id];
      return;
    }
    delete arrivedAt[record.id];
    if (record.state === 'merged' && record.mergedInto !== null && entities[record.mergedInto] !== undefined) detached[record.id] = record;
    else delete detached[record.id];
    if (wasListed) {
      for (const [id, child] of Object.entries(detached)) if (child.mergedInto === record.id) delete detached[id];
    }
  };
  for (const record of outcome.changed.values()) freeze(record, true);
  // Rows leaving the list are taken out together, after the rest, as the adapter did.
  for (const record of outcome.changed.values()) {
    if (isOpen(record.state) || entities[record.id] === undefined) put(record, false);
    else leaving.add(record.id);
  }
  for (const id of leaving) delete entities[id];
  for (const id of leaving) put(outcome.changed.get(id)!, true);

  let behind = state.behind;
  if (outcome.behind.size > 0) {
    behind = { ...state.behind };
    for (const [id, seq] of outcome.behind) behind[id] = Math.max(seq, behind[id] ?? 0);
  }
  if (outcome.reported.length > 0) {
    for (const [id, at] of Object.entries(arrivedAt)) if (receivedAt - at > ARRIVAL_MARK_MS) delete arrivedAt[id];
  }
  for (const id of outcome.reported) {
    if (entities[id] === undefined) continue;
    arrivedAt[id] = receivedAt;
    unseen += 1;
  }
  const marked = Object.keys(arrivedAt);
  // Keys keep insertion order, so the first are the oldest marks.
  for (const id of marked.slice(0, Math.max(0, marked.length - ARRIVAL_MARKS_MAX))) delete arrivedAt[id];

  const ids = leaving.size > 0 ? state.ids.filter((id) => !leaving.has(id)) : [...state.ids];
  ids.push(...arriving);
  const next = freeze({ ...state, ids: freeze(ids), entities: freeze(entities), detached: freeze(detached), arrivedAt: freeze(arrivedAt), behind: freeze(behind), unseen });
  rememberChanges(state, next, outcome.changed.keys());
  return next;
}

/** A copy of a large record map: a for-in loop copies a 10,000-key map about twice as fast as spreading it. */
function copyRecord<T>(source: Readonly<Record<string, T>>): Record<string, T> {
  const copy: Record<string, T> = {};
  for (const key in source) copy[key] = source[key]!;
  return copy;
}

export const queueReducer: Reducer<QueueState> = (state = initialState, action) =>
  journalEntriesFolded.match(action) ? foldJournalEntries(state, action.payload.entries, action.payload.receivedAt) : queueSlice.reducer(state, action);

/**
 * One reported incident known before the stream brings its entry (the answer to a report
 * this window took in): folded exactly as that entry will be, so the two agree and the
 * entry, when it comes, is recognised as already applied.
 */
export const incidentReported = ({ incident, report, receivedAt }: { incident: Incident & { gridId?: string | null }; report: Report; receivedAt: number }) =>
  journalEntriesFolded({
    entries: [
      { seq: incident.lastSeq, time: incident.updatedAt, actor: report.takenBy, role: 'system', type: 'incident.reported', payload: { incident, report }, prevHash: '', hash: '' },
    ],
    receivedAt,
  });

type WithQueue = { queue: QueueState };
const adapterSelectors = incidentsAdapter.getSelectors((state: WithQueue) => state.queue);
export const selectIncidentById = adapterSelectors.selectById;
export const selectOpenCount = adapterSelectors.selectTotal;
export const selectAllOpen = adapterSelectors.selectAll;
export const selectQueueLoaded = (state: WithQueue) => state.queue.loaded;
export const selectArrivedAt = (state: WithQueue) => state.queue.arrivedAt;
export const selectUnseenArrivals = (state: WithQueue) => state.queue.unseen;
export const selectQueueView = (state: WithQueue) => state.queue.view;
export const selectQueueSla = (state: WithQueue) => state.queue.sla;
export const selectQueueRegions = (state: WithQueue) => state.queue.regions;

export function newestFirst(a: IncidentRecord, b: IncidentRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.lastSeq - a.lastSeq || (a.id < b.id ? 1 : -1);
}

const newestFirstList = incrementalList<null>(
  () => true,
  () => ({ keep: () => true, compare: newestFirst }),
);

/** Every open incident, newest first (the board, the map and the wall read this); patched batch by batch. */
export const selectOpenIncidents = (state: WithQueue): IncidentRecord[] => newestFirstList(state.queue, null);

export const selectCountsByState = createSelector([adapterSelectors.selectAll], (all) => {
  const counts: Partial<Record<IncidentState, number>> = {};
  for (const incident of all) counts[incident.state] = (counts[incident.state] ?? 0) + 1;
  return counts;
});
