// Views over the open records (the sorted queue, the filter counts) kept up to date from what
// a batch changed instead of being recomputed over every record. With 10,000 open incidents a
// batch of 100 entries touches a few dozen rows; re-sorting and re-counting all of them on
// every batch was most of the seat's JavaScript time. A view remembers its last answer, so
// each store makes its own (./queueSelectors.ts): two windows' stores never share one.
import type { IncidentRecord } from '../../../../shared/incident/model';
import { recordIn, type RecordShards } from './recordShards';

/** The listed ids and the records by id, as the queue slice holds them. */
export interface RecordsSnapshot {
  ids: readonly string[];
  records: RecordShards;
  /** Counts the changes to ids and records; never goes back, not even when the queue is emptied. */
  revision?: number;
  /**
   * Every id whose record may differ from the snapshot one revision before (arrived, changed
   * or left); null when that is not known (a new open list): then every id is compared.
   */
  touched?: readonly string[] | null;
}

export interface RecordChanges {
  /** The earlier version of every record that changed or left. */
  before: IncidentRecord[];
  /** The new version of every record that changed or arrived. */
  after: IncidentRecord[];
}

/**
 * What differs between two snapshots, by record identity (records are immutable). From one
 * revision to the next, the ids the fold touched say where to look; otherwise every id is
 * compared (a few ms with 10,000 open).
 */
export function recordChanges(prev: RecordsSnapshot, next: RecordsSnapshot): RecordChanges {
  const before: IncidentRecord[] = [];
  const after: IncidentRecord[] = [];
  if (prev.revision !== undefined && next.revision === prev.revision + 1 && next.touched) {
    for (const id of next.touched) {
      const was = recordIn(prev.records, id);
      const now = recordIn(next.records, id);
      if (was === now) continue;
      if (was) before.push(was);
      if (now) after.push(now);
    }
    return { before, after };
  }
  let arrived = 0;
  for (const id of next.ids) {
    const now = recordIn(next.records, id)!;
    const was = recordIn(prev.records, id);
    if (now === was) continue;
    if (was) before.push(was);
    else arrived += 1;
    after.push(now);
  }
  // Only look for departures when the counts say there were some.
  if (prev.ids.length + arrived !== next.ids.length) {
    for (const id of prev.ids) if (recordIn(next.records, id) === undefined) before.push(recordIn(prev.records, id)!);
  }
  return { before, after };
}

/** The first index in `rows` (sorted by `compare`) whose row is not before `record`. */
function lowerBound<T>(rows: readonly T[], record: T, compare: (a: T, b: T) => number): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(rows[mid]!, record) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `rows` (sorted by `compare`, a total order) without the records in `leaving` (the very
 * objects listed; any not listed are passed over) and with `arriving` (unsorted) at their
 * places: the same list a full filter-and-sort gives. Every change is found by binary
 * search and the rows between are copied as they are, so a batch costs O(changes × log rows)
 * comparisons and one copy, not a comparison per row.
 */
export function patchSorted<T>(rows: readonly T[], leaving: readonly T[], arriving: readonly T[], compare: (a: T, b: T) => number): T[] {
  const removed: number[] = [];
  for (const record of leaving) {
    const at = lowerBound(rows, record, compare);
    if (rows[at] === record) removed.push(at);
  }
  removed.sort((x, y) => x - y);
  const out: T[] = [];
  let i = 0;
  let r = 0;
  // The rows up to `end` stay as they were, except those taken out.
  const keepUntil = (end: number) => {
    for (; i < end; i += 1) {
      if (removed[r] !== i) out.push(rows[i]!);
      // (A record named twice among those leaving is taken out once.)
      while (removed[r] === i) r += 1;
    }
  };
  for (const record of [...arriving].sort(compare)) {
    keepUntil(lowerBound(rows, record, compare));
    out.push(record);
  }
  keepUntil(rows.length);
  return out;
}

/**
 * A sorted, filtered view of the records that is patched from the last one while its
 * parameters (`key`: the filter and order in force) stay the same, and rebuilt when they change.
 */
export function incrementalList<K>(
  sameKey: (a: K, b: K) => boolean,
  build: (key: K) => { keep: (record: IncidentRecord) => boolean; compare: (a: IncidentRecord, b: IncidentRecord) => number },
) {
  let last: { snapshot: RecordsSnapshot; key: K; rows: IncidentRecord[] } | null = null;
  return (snapshot: RecordsSnapshot, key: K): IncidentRecord[] => {
    if (last && last.snapshot.ids === snapshot.ids && last.snapshot.records === snapshot.records && sameKey(last.key, key)) return last.rows;
    const { keep, compare } = build(key);
    let rows: IncidentRecord[];
    if (last && sameKey(last.key, key)) {
      const { before, after } = recordChanges(last.snapshot, snapshot);
      rows = patchSorted(last.rows, before, after.filter(keep), compare);
    } else {
      rows = [];
      for (const id of snapshot.ids) {
        const record = recordIn(snapshot.records, id)!;
        if (keep(record)) rows.push(record);
      }
      rows.sort(compare);
    }
    last = { snapshot: { ids: snapshot.ids, records: snapshot.records, revision: snapshot.revision }, key, rows };
    return rows;
  };
}
