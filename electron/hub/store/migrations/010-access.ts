// Migration 10: sign-in hardening. Sessions get a short id (what an admin names one by), a
// kind, the address they were opened from, when they were last used and when they end at the
// latest; sessions from before have none of these and end (everyone signs in once more).
// Wrong sign-ins are counted per account so a lockout survives a restart; a second factor's
// secret and the hashes of its recovery codes sit beside the password hash, out of the journal.
import type { Database } from 'better-sqlite3';

export function accessSchema(db: Database): void {
  db.exec(`
    DROP TABLE sessions;
    CREATE TABLE sessions (
      token_hash   TEXT PRIMARY KEY,
      id           TEXT NOT NULL UNIQUE,
      user_id      TEXT NOT NULL REFERENCES users(id),
      kind         TEXT NOT NULL CHECK (kind IN ('seat', 'wall', 'enrolment')),
      address      TEXT,
      created_at   TEXT NOT NULL,
      last_seen    TEXT NOT NULL,
      expires_at   TEXT NOT NULL
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX sessions_by_user ON sessions(user_id);

    CREATE TABLE sign_in_failures (
      user_id      TEXT PRIMARY KEY REFERENCES users(id),
      failures     INTEGER NOT NULL,
      locked_until TEXT
    ) STRICT;

    -- enrolled_at NULL: a secret handed out for enrolment, not confirmed yet.
    -- last_step: the newest TOTP time step used, so a code is never accepted twice.
    CREATE TABLE second_factors (
      user_id      TEXT PRIMARY KEY REFERENCES users(id),
      secret       TEXT NOT NULL,
      enrolled_at  TEXT,
      last_step    INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE recovery_codes (
      user_id      TEXT NOT NULL REFERENCES users(id),
      code_hash    TEXT NOT NULL,
      PRIMARY KEY (user_id, code_hash)
    ) STRICT, WITHOUT ROWID;
  `);
}
