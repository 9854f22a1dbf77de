// Opening a store: durability settings first, then migrations. A database written by a
// newer DutyDeck is refused rather than half-understood.
import Database from 'better-sqlite3';
import { DutyFailure } from '../../../shared/errors';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations';
import type { Db } from './sqlite';


export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      // FULL: a command acknowledged to a client survives power loss, not only a crash.
      db.pragma('synchronous = FULL');
    }
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > SCHEMA_VERSION) {
    throw new DutyFailure(
      'unavailable',
      `This database has schema version ${current}, newer than this DutyDeck knows (${SCHEMA_VERSION}). Upgrade DutyDeck; the database was left untouched.`,
    );
  }
  for (let version = current; version < SCHEMA_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`migration ${version + 1} missing`);
    db.transaction(() => {
      step(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}
