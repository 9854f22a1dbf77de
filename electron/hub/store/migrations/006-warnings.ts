// Migration 6: early warnings as journaled, one row per warning (a grid and an hour), written
// only by the projections of `warning.raised` and `warning.acknowledged` entries
// (electron/hub/analysis/analysis-store.ts), so replaying the journal rebuilds it.
import type { Migration } from '../sqlite';

export const warningSchema: Migration = (db) => {
  db.exec(`
    CREATE TABLE warnings (
      id              TEXT PRIMARY KEY,
      grid_id         TEXT NOT NULL,
      hour_start      TEXT NOT NULL,
      state           TEXT NOT NULL CHECK (state IN ('open', 'acknowledged')),
      -- The warning.raised payload as journaled.
      doc             TEXT NOT NULL,
      raised_at       TEXT NOT NULL,
      raised_seq      INTEGER NOT NULL,
      acknowledged_at TEXT,
      acknowledged_by TEXT,
      note            TEXT,
      acknowledged_seq INTEGER
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX warnings_open ON warnings(hour_start DESC) WHERE state = 'open';
  `);
};
