// Migration 4: the five-colour risk map as journaled, one row per grid, written only by the
// projection of `risk.changed` entries (electron/hub/analysis/analysis-store.ts).
import type { Database } from 'better-sqlite3';

export function analysisSchema(db: Database): void {
  db.exec(`
    CREATE TABLE risk_levels (
      grid_id  TEXT PRIMARY KEY,
      colour   TEXT NOT NULL,
      score    REAL NOT NULL,
      reasons  TEXT NOT NULL,
      since    TEXT NOT NULL,
      seq      INTEGER NOT NULL
    ) STRICT, WITHOUT ROWID;
  `);
}
