// Migration 11: the town's time zone as its town.json names it; null for a town that names none.
import type { Migration } from '../sqlite';

export const townTimeZoneSchema: Migration = (db) => db.exec('ALTER TABLE town_meta ADD COLUMN time_zone TEXT');
