// The open-incident queue: full incident records, seeded from the hub's open list and then
// kept by folding journal entries with the hub's own reducer (./fold.ts). Records are held
// by id in shards (./recordShards.ts) and listed in `ids`, in no particular order: order is
// a selector patched batch by batch (./queueSelectors.ts, ./incremental.ts). The reducers
// that change records are written without Immer: drafting the 10,000 records and
// finalizing them again cost tens of milliseconds per batch. Each container a change
// touches is copied once and frozen as Immer would leave it.
import { createAction, createSlice, freeze, original, type PayloadAction, type Reducer } from '@reduxjs/toolkit';
import { OPEN_STATES, type Incident, type IncidentState, type Report } from '../../../../shared/domain';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { DEFAULT_SLA, type SlaConfig } from '../../../../shared/sla';
import type { RegionLevel } from '../../../../shared/town';
import { journalEntriesApplied } from '../../app/journalActions';
import { loggedOut, sessionExpired } from '../session/sessionSlice';
import { foldEntries } from './fold';
import { emptyShards, recordIn, shardsOf, ShardWriter, type RecordShards } from './recordShards';
import { DEFAULT_QUEUE_VIEW, type QueueFilters, type QueueSort, type QueueView } from './queueFilters';

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

export interface QueueState {
  /** Every listed (open) incident's id. */
  ids: readonly string[];
  /** The listed records by id. */
  records: RecordShards;
  /** Counts the changes to `ids` and `records`; it never goes back, so a view that saw one revision knows the next. */
  revision: number;
  /** The ids whose records changed in the last revision; null when all may have (a new open list, the queue emptied). */
  touched: readonly string[] | null;
  /** True once the open list was loaded for this session. */
  loaded: boolean;
  /** The journal seq the seed list reflects; entries after it are folded on top. */
  seededSeq: number | null;
  /** When each recently reported incident arrived on the stream (ms since the epoch). */
  arrivedAt: Readonly<Record<string, number>>;
  /** Arrivals since the operator last looked at the queue (the "N 新事件" counter). */
  unseen: number;
  /**
   * Records kept out of the list because folding needs them: incidents merged into an open
   * master, whose reports the master shows and which an unmerge brings back.
   */
  detached: Readonly<Record<string, IncidentRecord>>;
  /** Rows known to miss a journal entry (seq) until the hub's copy is fetched. */
  behind: Readonly<Record<string, number>>;
  /** The hub's SLA allowances, for the countdown; the defaults until /config answers. */
  sla: SlaConfig;
  /** The town's regions, for the region filter; empty until loaded. */
  regions: QueueRegion[];
  view: QueueView;
}

const initialState: QueueState = {
  ids: [],
  records: emptyShards(),
  revision: 0,
  touched: null,
  loaded: false,
  seededSeq: null,
  arrivedAt: {},
  unseen: 0,
  detached: {},
  behind: {},
  sla: DEFAULT_SLA,
  regions: [],
  view: DEFAULT_QUEUE_VIEW,
};

const OPEN = new Set<IncidentState>(OPEN_STATES);
export function isOpen(state: IncidentState): boolean {
  return OPEN.has(state);
}

const queueSlice = createSlice({
  name: 'queue',
  initialState,
  reducers: {
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
      // The fold works on the plain state, never on Immer's draft: it copies only what the
      // batch touches and returns a frozen state, which Immer then passes through untouched.
      .addCase(journalEntriesApplied, (state, action) => foldJournalEntries(original(state) ?? state, action.payload, action.meta.receivedAt))
      .addCase(loggedOut, (state) => emptied(state))
      .addCase(sessionExpired, (state) => emptied(state));
  },
});

/** No rows; the operator's view stays, and the revision moves on. */
function emptied(state: QueueState): QueueState {
  return { ...initialState, view: state.view, revision: state.revision + 1 };
}

export const { queueContextLoaded, arrivalsSeen, queueSortChosen, queueFilterChanged, queueFiltersCleared } = queueSlice.actions;

/** The hub's open list (with merged children of open masters), reflecting the journal up to `seq`. */
export const openIncidentsLoaded = createAction<{ items: IncidentRecord[]; seq: number }>('queue/openIncidentsLoaded');
/**
 * The hub's copy of one incident, fetched because a row fell behind at seq `asOf`. An
 * older copy never overwrites a newer row.
 */
export const incidentRefreshed = createAction<{ record: IncidentRecord; asOf: number }>('queue/incidentRefreshed');
/** The hub no longer knows the incident. */
export const incidentVanished = createAction<string>('queue/incidentVanished');

/**
 * One change to the records, made on copies of what it touches: where each record belongs
 * (listed when open, aside when merged into a listed master, else nowhere), and what goes
 * with it (arrival marks, children kept for a master that left).
 */
class RecordsEdit {
  readonly records: ShardWriter;
  readonly detached: Record<string, IncidentRecord>;
  readonly arrivedAt: Record<string, number>;
  readonly arriving: string[] = [];
  readonly leaving = new Set<string>();

  constructor(private readonly state: QueueState) {
    this.records = new ShardWriter(state.records);
    this.detached = { ...state.detached };
    this.arrivedAt = { ...state.arrivedAt };
  }

  listed(id: string): boolean {
    return this.records.get(id) !== undefined;
  }

  /** Out of the list, if it is in it. */
  unlist(id: string): void {
    if (!this.listed(id)) return;
    this.records.remove(id);
    this.leaving.add(id);
  }

  /** `wasListed`: the record was in the list before this change (it may have been taken out already). */
  place(record: IncidentRecord, wasListed = this.listed(record.id)): void {
    if (isOpen(record.state)) {
      if (!this.listed(record.id)) {
        if (this.leaving.has(record.id)) this.leaving.delete(record.id);
        else this.arriving.push(record.id);
      }
      this.records.set(record);
      delete this.detached[record.id];
      return;
    }
    this.unlist(record.id);
    delete this.arrivedAt[record.id];
    if (record.state === 'merged' && record.mergedInto !== null && this.listed(record.mergedInto)) this.detached[record.id] = record;
    else delete this.detached[record.id];
    // A master that left the list no longer needs its children at hand.
    if (wasListed) {
      for (const [id, child] of Object.entries(this.detached)) if (child.mergedInto === record.id) delete this.detached[id];
    }
  }

  vanish(id: string): void {
    this.unlist(id);
    delete this.detached[id];
  }

  /** The next state: ids follow the records (arrivals last), containers frozen; `touched` names every id whose record may differ. */
  done(rest: Partial<QueueState>, touched: Iterable<string>): QueueState {
    const ids = this.leaving.size > 0 ? this.state.ids.filter((id) => !this.leaving.has(id)) : [...this.state.ids];
    for (const id of this.arriving) if (!this.leaving.has(id)) ids.push(id);
    return freeze({
      ...this.state,
      ...rest,
      ids: freeze(ids),
      records: this.records.done(),
      revision: this.state.revision + 1,
      touched: freeze([...touched]),
      detached: freeze(this.detached),
      arrivedAt: freeze(this.arrivedAt),
    });
  }
}

function loadOpen(state: QueueState, { items, seq }: { items: IncidentRecord[]; seq: number }): QueueState {
  const open = items.filter((i) => isOpen(i.state));
  for (const record of items) freeze(record, true);
  const records = shardsOf(open);
  const detached: Record<string, IncidentRecord> = {};
  for (const record of items) {
    if (record.state === 'merged' && record.mergedInto !== null && recordIn(records, record.mergedInto)) detached[record.id] = record;
  }
  return freeze({
    ...state,
    ids: freeze(open.map((r) => r.id)),
    records,
    revision: state.revision + 1,
    touched: null,
    detached: freeze(detached),
    loaded: true,
    seededSeq: seq,
    arrivedAt: freeze({}),
    unseen: 0,
    behind: freeze({}),
  });
}

function refresh(state: QueueState, { record, asOf }: { record: IncidentRecord; asOf: number }): QueueState {
  const held = recordIn(state.records, record.id) ?? state.detached[record.id];
  const isNewer = held === undefined || record.lastSeq > held.lastSeq;
  const caughtUp = (state.behind[record.id] ?? Infinity) <= asOf;
  if (!isNewer && !caughtUp) return state;
  let behind = state.behind;
  if (caughtUp) {
    const { [record.id]: _, ...rest } = state.behind;
    behind = freeze(rest);
  }
  if (!isNewer) return freeze({ ...state, behind });
  const edit = new RecordsEdit(state);
  edit.place(freeze(record, true));
  return edit.done({ behind }, [record.id]);
}

function vanish(state: QueueState, id: string): QueueState {
  const { [id]: _, ...behind } = state.behind;
  const edit = new RecordsEdit(state);
  edit.vanish(id);
  return edit.done({ behind: freeze(behind) }, [id]);
}

/** The fold: the batch's records placed, arrivals marked, rows that fell behind noted. */
export function foldJournalEntries(state: QueueState, entries: readonly JournalEntry[], receivedAt: number): QueueState {
  const outcome = foldEntries(entries, {
    lookup: (id) => recordIn(state.records, id) ?? state.detached[id],
    behindAt: (id) => state.behind[id],
  });
  if (outcome.changed.size === 0 && outcome.behind.size === 0) return state;

  const edit = new RecordsEdit(state);
  for (const record of outcome.changed.values()) freeze(record, true);
  // Rows leaving the list are taken out together, after the rest, as one removal would be.
  const leaving: IncidentRecord[] = [];
  for (const record of outcome.changed.values()) {
    if (isOpen(record.state) || !edit.listed(record.id)) edit.place(record);
    else leaving.push(record);
  }
  for (const record of leaving) edit.unlist(record.id);
  for (const record of leaving) edit.place(record, true);

  let behind = state.behind;
  if (outcome.behind.size > 0) {
    const copy = { ...state.behind };
    for (const [id, seq] of outcome.behind) copy[id] = Math.max(seq, copy[id] ?? 0);
    behind = freeze(copy);
  }
  const { arrivedAt } = edit;
  if (outcome.reported.length > 0) {
    for (const [id, at] of Object.entries(arrivedAt)) if (receivedAt - at > ARRIVAL_MARK_MS) delete arrivedAt[id];
  }
  let unseen = state.unseen;
  for (const id of outcome.reported) {
    if (!edit.listed(id)) continue;
    arrivedAt[id] = receivedAt;
    unseen += 1;
  }
  const marked = Object.keys(arrivedAt);
  // Keys keep insertion order, so the first are the oldest marks.
  for (const id of marked.slice(0, Math.max(0, marked.length - ARRIVAL_MARKS_MAX))) delete arrivedAt[id];

  return edit.done({ behind, unseen }, outcome.changed.keys());
}

export const queueReducer: Reducer<QueueState> = (state = initialState, action) => {
  if (openIncidentsLoaded.match(action)) return loadOpen(state, action.payload);
  if (incidentRefreshed.match(action)) return refresh(state, action.payload);
  if (incidentVanished.match(action)) return vanish(state, action.payload);
  return queueSlice.reducer(state, action);
};

/**
 * One reported incident known before the stream brings its entry (the answer to a report
 * this window took in): folded exactly as that entry will be, so the two agree and the
 * entry, when it comes, is recognised as already applied.
 */
export const incidentReported = ({ incident, report, receivedAt }: { incident: Incident & { gridId?: string | null }; report: Report; receivedAt: number }) =>
  journalEntriesApplied(
    [{ seq: incident.lastSeq, time: incident.updatedAt, actor: report.takenBy, role: 'system', type: 'incident.reported', payload: { incident, report }, prevHash: '', hash: '' }],
    receivedAt,
  );

type WithQueue = { queue: QueueState };
export const selectIncidentById = (state: WithQueue, id: string): IncidentRecord | undefined => recordIn(state.queue.records, id);
export const selectOpenCount = (state: WithQueue) => state.queue.ids.length;
export const selectQueueLoaded = (state: WithQueue) => state.queue.loaded;
export const selectArrivedAt = (state: WithQueue) => state.queue.arrivedAt;
export const selectUnseenArrivals = (state: WithQueue) => state.queue.unseen;
export const selectQueueView = (state: WithQueue) => state.queue.view;
export const selectQueueSla = (state: WithQueue) => state.queue.sla;
export const selectQueueRegions = (state: WithQueue) => state.queue.regions;
