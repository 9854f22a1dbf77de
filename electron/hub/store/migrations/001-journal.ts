// Migration 1: the journal, the only way state changes, and the projections it feeds.
import type { Migration } from '../sqlite';

export const journalSchema: Migration = (db) => {
    db.exec(`
      CREATE TABLE journal (
        seq       INTEGER PRIMARY KEY,
        time      TEXT NOT NULL,
        actor     TEXT NOT NULL,
        role      TEXT NOT NULL,
        type      TEXT NOT NULL,
        payload   TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;

      CREATE TABLE command_keys (
        key       TEXT PRIMARY KEY,
        actor     TEXT NOT NULL,
        type      TEXT NOT NULL,
        result    TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE counters (
        name  TEXT PRIMARY KEY,
        value INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE users (
        id        TEXT PRIMARY KEY,
        username  TEXT NOT NULL UNIQUE,
        name      TEXT NOT NULL,
        role      TEXT NOT NULL,
        region_id TEXT,
        unit_id   TEXT,
        created_seq INTEGER NOT NULL
      ) STRICT;

      -- Kept out of the journal: the journal is replicated and audited, hashes are not its business.
      CREATE TABLE credentials (
        user_id       TEXT PRIMARY KEY REFERENCES users(id),
        password_hash TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sessions (
        token_hash   TEXT PRIMARY KEY,
        user_id      TEXT NOT NULL REFERENCES users(id),
        created_at   TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;

      -- doc is the whole IncidentRecord as the shared reducer folds it; the columns beside it
      -- are copies kept for indexes and filters.
      CREATE TABLE incidents (
        id          TEXT PRIMARY KEY,
        state       TEXT NOT NULL,
        open        INTEGER NOT NULL,
        priority    TEXT,
        category    TEXT NOT NULL,
        grid_id     TEXT,
        lon         REAL,
        lat         REAL,
        created_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        last_seq    INTEGER NOT NULL,
        doc         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX incidents_open_recent ON incidents(open, created_at DESC);
      CREATE INDEX incidents_recent ON incidents(created_at);

      -- Open assignments per unit, so status and workload need no scan of the incidents.
      CREATE TABLE unit_load (
        unit_id TEXT PRIMARY KEY,
        open_assignments INTEGER NOT NULL
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE wall_focus (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        incident_id TEXT,
        seq         INTEGER NOT NULL,
        at          TEXT NOT NULL
      ) STRICT;

      CREATE TABLE shifts (
        seq          INTEGER PRIMARY KEY,
        commander_id TEXT NOT NULL,
        started_at   TEXT NOT NULL,
        handover_id  TEXT
      ) STRICT;

      CREATE TABLE handovers (
        id           TEXT PRIMARY KEY,
        doc          TEXT NOT NULL
      ) STRICT;

      -- What an admin changed from the defaults (shared/config.ts), by key.
      CREATE TABLE config (
        key          TEXT PRIMARY KEY,
        value        TEXT NOT NULL,
        seq          INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE reports (
        id          TEXT PRIMARY KEY,
        incident_id TEXT NOT NULL REFERENCES incidents(id),
        channel     TEXT NOT NULL,
        received_at TEXT NOT NULL,
        title       TEXT NOT NULL,
        description TEXT NOT NULL,
        category    TEXT NOT NULL,
        lon         REAL,
        lat         REAL,
        address     TEXT,
        reporter    TEXT,
        reporter_phone TEXT,
        taken_by    TEXT NOT NULL
      ) STRICT;
      CREATE INDEX reports_by_incident ON reports(incident_id);
      CREATE INDEX reports_by_phone ON reports(reporter_phone) WHERE reporter_phone IS NOT NULL;

      -- Where and when each incident may still attract duplicates: its location, and hours
      -- (since 2020) from its report to its closure, open-ended while it is open.
      CREATE VIRTUAL TABLE incident_extent USING rtree(rid, min_lon, max_lon, min_lat, max_lat, min_h, max_h);
    `);
  };
