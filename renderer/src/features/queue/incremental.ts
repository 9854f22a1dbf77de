// Views over the open records (the sorted queue, the filter counts) kept up to date from what
// a batch changed instead of being recomputed over every record. With 10,000 open incidents a
// batch of 100 entries touches a few dozen rows; re-sorting and re-counting all of them on
// every batch was most of the seat's JavaScript time.
import type { IncidentRecord } from '../../../../shared/incident/model';

/** The adapter's two halves, as the queue slice holds them. */
export interface RecordsSnapshot {
  ids: readonly string[];
  entities: Readonly<Record<string, IncidentRecord | undefined>>;
}

export interface RecordChanges {
  /** The earlier version of every record that changed or left. */
  before: IncidentRecord[];
  /** The new version of every record that changed or arrived. */
  after: IncidentRecord[];
}

// Every view moves from the same snapshot to the same next one, so the comparison is made
// once per batch and shared. Keyed weakly on the old entities map: nothing is kept alive.
const changesCache = new WeakMap<object, { next: RecordsSnapshot; changes: RecordChanges }>();

/** What differs between two snapshots, by record identity (records are immutable). */
export function recordChanges(prev: RecordsSnapshot, next: RecordsSnapshot): RecordChanges {
  const cached = changesCache.get(prev.entities);
  if (cached && cached.next.entities === next.entities && cached.next.ids === next.ids) return cached.changes;
  const before: IncidentRecord[] = [];
  const after: IncidentRecord[] = [];
  let arrived = 0;
  for (const id of next.ids) {
    const now = next.entities[id]!;
    const was = prev.entities[id];
    if (now === was) continue;
    if (was) before.push(was);
    else arrived += 1;
    after.push(now);
  }
  // Only look for departures when the counts say there were some.
  if (prev.ids.length + arrived !== next.ids.length) {
    for (const id of prev.ids) if (next.entities[id] === undefined) before.push(prev.entities[id]!);
  }
  const changes = { before, after };
  changesCache.set(prev.entities, { next, changes });
  return changes;
}

/**
 * Told by the fold which ids a batch touched, so recordChanges need not walk every id to
 * find them (a few ms per batch with 10,000 open). `ids` must hold every id whose record
 * differs between the two snapshots; ids that did not change are passed over.
 */
export function rememberChanges(prev: RecordsSnapshot, next: RecordsSnapshot, ids: Iterable<string>): void {
  const before: IncidentRecord[] = [];
  const after: IncidentRecord[] = [];
  for (const id of ids) {
    const was = prev.entities[id];
    const now = next.entities[id];
    if (was === now) continue;
    if (was) before.push(was);
    if (now) after.push(now);
  }
  changesCache.set(prev.entities, { next, changes: { before, after } });
}

/**
 * `rows` (sorted by `compare`, a total order) without the records in `leaving` and with
 * `arriving` (unsorted) merged in at their places: the same list a full filter-and-sort
 * gives, in O(rows + arriving log arriving).
 */
export function patchSorted<T extends { id: string }>(rows: readonly T[], leaving: ReadonlySet<string>, arriving: T[], compare: (a: T, b: T) => number): T[] {
  const kept = leaving.size > 0 ? rows.filter((r) => !leaving.has(r.id)) : rows;
  if (arriving.length === 0) return kept === rows ? [...rows] : (kept as T[]);
  const incoming = [...arriving].sort(compare);
  const out: T[] = new Array<T>(kept.length + incoming.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < kept.length && j < incoming.length) out[k++] = compare(kept[i]!, incoming[j]!) <= 0 ? kept[i++]! : incoming[j++]!;
  while (i < kept.length) out[k++] = kept[i++]!;
  while (j < incoming.length) out[k++] = incoming[j++]!;
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
    if (last && last.snapshot.ids === snapshot.ids && last.snapshot.entities === snapshot.entities && sameKey(last.key, key)) return last.rows;
    const { keep, compare } = build(key);
    let rows: IncidentRecord[];
    if (last && sameKey(last.key, key)) {
      const { before, after } = recordChanges(last.snapshot, snapshot);
      rows = patchSorted(last.rows, new Set(before.map((r) => r.id)), after.filter(keep), compare);
    } else {
      rows = [];
      for (const id of snapshot.ids) {
        const record = snapshot.entities[id]!;
        if (keep(record)) rows.push(record);
      }
      rows.sort(compare);
    }
    last = { snapshot, key, rows };
    return rows;
  };
}
