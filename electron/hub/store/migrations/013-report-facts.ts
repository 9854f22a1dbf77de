// Migration 13: what a source sent beside the report's own fields (shared/intake/facts.ts:
// media links, service attributes, a CAP alert's facts), as JSON; null for most reports. The
// alerts that expire are found by a partial index, as the hub looks for them every minute.
import type { Migration } from '../sqlite';

export const reportFactsSchema: Migration = (db) =>
  db.exec(`ALTER TABLE reports ADD COLUMN facts TEXT;
    CREATE INDEX reports_alert_expires ON reports(incident_id) WHERE json_extract(facts, '$.cap.expires') IS NOT NULL;`);
