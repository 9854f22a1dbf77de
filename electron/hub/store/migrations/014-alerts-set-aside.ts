// Migration 14: the CAP alerts set aside as not the town's (alert.setAside), found by a
// partial index on the journal, as the admin lists them newest first.
import type { Migration } from '../sqlite';

export const alertsSetAsideSchema: Migration = (db) => db.exec(`CREATE INDEX journal_alerts_set_aside ON journal(seq) WHERE type = 'alert.setAside'`);
