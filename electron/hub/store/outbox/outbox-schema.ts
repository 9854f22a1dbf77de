// The outbox file's migrations (DIR/outbox.sqlite, a replica's own file beside its cache), in
// one ordered array like the store's (migrations/index.ts): migration N brings user_version from N-1
// to N. Never edit one that has shipped; add one.
import type { Database } from 'better-sqlite3';

export const OUTBOX_MIGRATIONS: ReadonlyArray<(db: Database) => void> = [
  // 1: commands taken while the primary is away, and remembered sign-ins. Files from before
  // the outbox was numbered have these tables at user_version 0; IF NOT EXISTS keeps them.
  (db) =>
    db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        key         TEXT NOT NULL UNIQUE,
        user_id     TEXT NOT NULL,
        envelope    TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        state       TEXT NOT NULL,
        error       TEXT,
        result      TEXT,
        settled_at  TEXT
      ) STRICT;
      CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox(state, id);
      CREATE TABLE IF NOT EXISTS sign_ins (
        username      TEXT PRIMARY KEY,
        user_id       TEXT NOT NULL,
        user          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        primary_token TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `),
  // 2: the second factor while the primary is away. second_factor: the account signs in with
  // one (as the primary said at the last sign-in here). A seat's copy of the TOTP secret,
  // sealed under a key from the password (electron/hub/replica/sealed-secret.ts), with the
  // newest time step used, so a code is never taken twice here. Wrong sign-ins counted here
  // while the primary is away, for the same lockout as the primary's.
  (db) =>
    db.exec(`
      ALTER TABLE sign_ins ADD COLUMN second_factor INTEGER NOT NULL DEFAULT 0;
      CREATE TABLE seat_second_factors (
        username   TEXT PRIMARY KEY,
        salt       BLOB NOT NULL,
        iv         BLOB NOT NULL,
        sealed     BLOB NOT NULL,
        last_step  INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE seat_sign_in_failures (
        username     TEXT PRIMARY KEY,
        failures     INTEGER NOT NULL,
        locked_until TEXT
      ) STRICT, WITHOUT ROWID;
    `),
];
