// The detail of an incident kept current by the stream: the entries that name it are folded
// into the cached answers (GET /incidents/:id and its journal) with the hub's own reducer
// (shared/incident/reduce.ts), so an open detail reads nothing again while it is worked on.
// Pure; app/hubCache.ts applies it to the window's cache.
import { reduceIncidents, type IncidentLookup } from '../../../../shared/incident/reduce';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { ResponseOf } from '../../../../shared/protocol/api';

export type IncidentDetailAnswer = ResponseOf<'incident'>;
export type IncidentJournalAnswer = ResponseOf<'incidentJournal'>;

/** Whether an entry is about one of `ids`: as the incident, a merge's master or its child, a new report, or the wall's focus. */
export function namesAny(entry: JournalEntry, ids: ReadonlySet<string>): boolean {
  switch (entry.type) {
    case 'incident.reported':
      return ids.has(entry.payload.incident.id);
    case 'incident.merged':
      return ids.has(entry.payload.incidentId) || ids.has(entry.payload.into);
    case 'incident.unmerged':
      return ids.has(entry.payload.incidentId) || ids.has(entry.payload.from);
    default:
      return 'incidentId' in entry.payload && entry.payload.incidentId !== null && ids.has(entry.payload.incidentId);
  }
}

/**
 * The detail's record with the batch folded in (entries after its lastSeq that name it); the
 * same object when none does. Null when the fold cannot know the answer: a report merged into
 * it or taken out (the answer lists reports the entry does not carry), or a merge partner the
 * window does not hold. The caller then reads it again.
 */
export function foldIncidentDetail(detail: IncidentDetailAnswer, entries: readonly JournalEntry[], lookup: IncidentLookup): IncidentDetailAnswer | null {
  const { reports, ...start } = detail;
  let record = start;
  let changed = false;
  const self = new Set([detail.id]);
  for (const entry of entries) {
    if (entry.seq <= record.lastSeq || !namesAny(entry, self)) continue;
    if ((entry.type === 'incident.merged' && entry.payload.into === detail.id) || (entry.type === 'incident.unmerged' && entry.payload.from === detail.id)) return null;
    let next;
    try {
      next = reduceIncidents(entry, (id) => (id === record.id ? record : lookup(id))).find((r) => r.id === detail.id);
    } catch {
      return null; // names an incident this window does not hold
    }
    if (next) {
      record = next;
      changed = true;
    }
  }
  return changed ? { ...record, reports } : detail;
}

/**
 * The incident's timeline with the batch's entries about `ids` (the incident and the reports
 * merged into it) appended in seq order; the same object when none is new. Null when an entry
 * is by a person the answer has no name for: the hub's answer names them, so it is read again.
 */
export function foldIncidentJournal(journal: IncidentJournalAnswer, entries: readonly JournalEntry[], ids: ReadonlySet<string>): IncidentJournalAnswer | null {
  const last = journal.entries.at(-1)?.seq ?? 0;
  const fresh = entries.filter((entry) => entry.seq > last && namesAny(entry, ids));
  if (!fresh.length) return journal;
  if (fresh.some((entry) => entry.role !== 'system' && !(entry.actor in journal.actors))) return null;
  return { ...journal, entries: [...journal.entries, ...fresh] };
}
