// Folds journal entries onto the queue's records with the hub's own reducer, so a window
// computes its rows instead of asking the hub for each. What it cannot fold exactly (a type
// this window does not know, an incident it does not hold, a payload it cannot read) it
// reports as "behind": those rows are fetched again.
import { z } from 'zod';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { isIncidentEvent } from '../../../../shared/incident/events';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { reduceIncidents } from '../../../../shared/incident/reduce';
import { IncidentSchema, ReportSchema } from '../../../../shared/protocol/schemas';

const ReportedSchema = z.object({ incident: IncidentSchema.extend({ gridId: z.string().nullable().optional() }), report: ReportSchema });
const NamesSchema = z.object({ incidentId: z.string().min(1), into: z.string().min(1).optional(), from: z.string().min(1).optional() });

/** Entry types that never touch an incident row, whatever their payload says. */
const UNRELATED = new Set(['user.created']);

/**
 * The incidents an entry is about (empty when it names none), and whether its payload has
 * the shape the reducer casts it to. One parse answers both: with 100 entries a batch, the
 * schema checks are a good part of the fold.
 */
export function readEntry(entry: JournalEntry): { named: string[]; readable: boolean } {
  if (entry.type === 'incident.reported') {
    const id = (entry.payload as { incident?: { id?: unknown } } | null)?.incident?.id;
    if (typeof id !== 'string' || !id) return { named: [], readable: false };
    return { named: [id], readable: ReportedSchema.safeParse(entry.payload).success };
  }
  if (UNRELATED.has(entry.type)) return { named: [], readable: false };
  const names = NamesSchema.safeParse(entry.payload);
  if (!names.success) return { named: [], readable: false };
  const { incidentId, into, from } = names.data;
  return { named: [incidentId, ...(into ? [into] : []), ...(from ? [from] : [])], readable: true };
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
