// Migration 5: an incident's timeline, the journal indexed by the incident each entry names
// (with the same expressions the timeline's queries use, so SQLite uses the index).
import { INCIDENT_KEY, MASTER_KEY, MERGE_TYPES } from '../read/incident-journal';
import type { Migration } from '../sqlite';

export const incidentJournalSchema: Migration = (db) => {
  db.exec(`
    CREATE INDEX journal_by_incident ON journal(${INCIDENT_KEY}, seq);
    -- Partial: only merges have a master, so the index holds a handful of rows, not the journal.
    CREATE INDEX journal_by_master ON journal(${MASTER_KEY}, seq) WHERE ${MERGE_TYPES};
  `);
};
