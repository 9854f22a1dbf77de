// Folds journal entries onto the queue's records with the hub's own reducer, so a window
// computes its rows instead of asking the hub for each. What it cannot fold exactly (a type
// this window does not know, an incident it does not hold, a payload it cannot read) it
// reports as "behind": those rows are fetched again.
import { entryFits, type JournalEntry } from '../../../../shared/journal/catalog';
import { isIncidentEvent } from '../../../../shared/incident/events';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { reduceIncidents } from '../../../../shared/incident/reduce';

/** Entry types that never touch an incident row, whatever their payload says. */
const UNRELATED = new Set(['user.created']);

const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * The incident ids a payload names (`incident.id`, `incidentId`, `into`, `from`), read without
 * trusting its shape: an entry that does not fit the catalog still marks its incidents behind.
 */
function namedIn(type: string, payload: unknown): string[] {
  if (typeof payload !== 'object' || payload === null) return [];
  const p = payload as Record<string, unknown>;
  if (type === 'incident.reported') {
    const incident = p.incident as Record<string, unknown> | null | undefined;
    return nonEmpty(incident?.id) ? [incident.id] : [];
  }
  if (!nonEmpty(p.incidentId)) return [];
  return [p.incidentId, ...(nonEmpty(p.into) ? [p.into] : []), ...(nonEmpty(p.from) ? [p.from] : [])];
}

/**
 * The incidents an entry is about (empty when it names none), and whether its payload fits
 * its type's schema in the journal catalog (shared/journal/catalog.ts), which the reducer
 * relies on.
 */
export function readEntry(entry: JournalEntry): { named: string[]; readable: boolean } {
  if (UNRELATED.has(entry.type)) return { named: [], readable: false };
  return { named: namedIn(entry.type, entry.payload), readable: entryFits(entry) };
}

export interface FoldOutcome {
  /** Every record the batch changed, in its final form, in order of first change. */
  changed: Map<string, IncidentRecord>;
  /** Incidents first reported in this batch. */
  reported: string[];
  /** Incidents whose rows could not be folded, with the seq of the last such entry. */
  behind: Map<string, number>;
}

export interface FoldInput {
  /** The record this window holds for an incident (listed or kept for a merge), if any. */
  lookup: (id: string) => IncidentRecord | undefined;
  /** The seq of an entry this window could not fold for the incident and has not caught up on. */
  behindAt: (id: string) => number | undefined;
}

export function foldEntries(entries: readonly JournalEntry[], input: FoldInput): FoldOutcome {
  const changed = new Map<string, IncidentRecord>();
  const reported: string[] = [];
  const behind = new Map<string, number>();
  const current = (id: string) => changed.get(id) ?? input.lookup(id);
  const markBehind = (ids: string[], seq: number) => {
    for (const id of ids) behind.set(id, Math.max(seq, behind.get(id) ?? 0));
  };

  for (const entry of entries) {
    const { named, readable } = readEntry(entry);
    if (named.length === 0) continue;
    // Already in every row it names (the seed list can be newer than the stream's start).
    if (named.every((id) => (current(id)?.lastSeq ?? -1) >= entry.seq)) continue;
    // A row missing an earlier entry would be folded wrong: catch it up from the hub first.
    if (named.some((id) => behind.has(id) || input.behindAt(id) !== undefined)) {
      markBehind(named, entry.seq);
      continue;
    }
    if (!isIncidentEvent(entry.type) || !readable) {
      markBehind(named, entry.seq);
      continue;
    }
    let missed = false;
    let results: IncidentRecord[];
    try {
      results = reduceIncidents(entry, (id) => {
        const found = current(id);
        if (!found) missed = true;
        return found ?? null;
      });
    } catch {
      results = [];
      missed = true;
    }
    // A merge recomputes a master from children this window may not hold: ask the hub.
    if (missed) {
      markBehind(named, entry.seq);
      continue;
    }
    for (const record of results) {
      const before = current(record.id);
      if (before && before.lastSeq >= record.lastSeq) continue;
      if (!before && entry.type === 'incident.reported') reported.push(record.id);
      changed.set(record.id, record);
    }
  }
  return { changed, reported, behind };
}
