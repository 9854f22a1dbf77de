// Migration 12: the town's administrative names as its town.json gives them (shared/town.ts
// TownAdmin, as JSON); null for a town that names none.
import type { Migration } from '../sqlite';

export const townAdminSchema: Migration = (db) => db.exec('ALTER TABLE town_meta ADD COLUMN admin TEXT');
