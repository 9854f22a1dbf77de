// Migration 5 and the query it serves: every journal entry about one incident, for the seat's
// timeline. A year of history is ~470k entries, so the lookup goes through expression indexes
// on the incident id the payload names, never a scan. Indexes rather than a projection table:
// they follow every write path (commands, imports, replication) without code in any of them.
import type { Role } from '../../../../shared/domain';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { Db } from '../sqlite';
import { toEntry, type JournalRow } from '../write/journal';

/** The incident an entry is about: `incident.reported` names it inside the new incident, the rest as incidentId. */
export const INCIDENT_KEY = `coalesce(json_extract(payload, '$.incidentId'), json_extract(payload, '$.incident.id'))`;
/** A merge also concerns the master: `into` when merged, `from` when taken out again. */
export const MASTER_KEY = `(CASE type WHEN 'incident.merged' THEN json_extract(payload, '$.into') ELSE json_extract(payload, '$.from') END)`;
export const MERGE_TYPES = `type IN ('incident.merged', 'incident.unmerged')`;

/** An incident's timeline is short; this bounds what one answer carries if it is not. */
export const INCIDENT_JOURNAL_LIMIT = 1_000;

export interface IncidentJournal {
  /** Oldest first. */
  entries: JournalEntry[];
  /** Display names of the users who wrote them, by user id; system actors are absent. */
  actors: Record<string, string>;
}

export class IncidentJournalQuery {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      // Ids as a JSON array: one statement for an incident and any number of merged children.
      entries: db.prepare<[{ ids: string; id: string; limit: number }], JournalRow>(`
        SELECT * FROM (
          SELECT * FROM journal WHERE ${INCIDENT_KEY} IN (SELECT value FROM json_each(@ids))
          UNION
          SELECT * FROM journal WHERE ${MERGE_TYPES} AND ${MASTER_KEY} = @id
        ) ORDER BY seq DESC LIMIT @limit`),
      names: db.prepare<[string], { id: string; name: string; role: Role }>('SELECT id, name, role FROM users WHERE id IN (SELECT value FROM json_each(?))'),
    };
  }

  /**
   * Entries about `incidentId` and the incidents merged into it (`mergedFrom`), oldest first.
   * `view` rewrites each payload on its way out (the store masks reporters' phones there).
   */
  entries(incidentId: string, mergedFrom: readonly string[], view: (type: string, payload: unknown) => unknown, limit = INCIDENT_JOURNAL_LIMIT): IncidentJournal {
    const rows = this.s.entries.all({ ids: JSON.stringify([incidentId, ...mergedFrom]), id: incidentId, limit }).reverse();
    const entries = rows.map((row): JournalEntry => {
      const entry = toEntry(row);
      // The view masks fields inside the payload; the payload keeps its type's shape.
      return { ...entry, payload: view(entry.type, entry.payload) } as JournalEntry;
    });
    const actorIds = [...new Set(entries.map((e) => e.actor))];
    const actors = Object.fromEntries(this.s.names.all(JSON.stringify(actorIds)).map((u) => [u.id, u.name]));
    return { entries, actors };
  }
}
