// The two types every store module names: kept apart from database.ts (which opens and
// migrates) and migrations/ (which lists every schema), so that a schema file or a query
// can name them without importing the code that imports it back.
import type Database from 'better-sqlite3';

export type Db = Database.Database;

/** Migration N brings user_version from N-1 to N (electron/hub/store/migrations/). */
export type Migration = (db: Db) => void;
