// Migration 2: the town's reference data. These rows are not projections of the journal:
// an import writes them directly, and journals one `town.imported` entry naming the
// content hash, so the journal says which town was in force from when.
import type { Migration } from '../sqlite';

/** The tables of the town's reference data this migration makes, beside town_meta (one row). */
export const TOWN_TABLES = ['regions', 'addresses', 'places', 'officers', 'teams', 'cameras', 'basemap'] as const;

export const townSchema: Migration = (db) => {
  db.exec(`
    CREATE TABLE town_meta (
      id            INTEGER PRIMARY KEY CHECK (id = 1),
      source        TEXT NOT NULL,
      datum         TEXT NOT NULL,
      content_hash  TEXT NOT NULL,
      counts        TEXT NOT NULL,
      imported_seq  INTEGER NOT NULL,
      imported_at   TEXT NOT NULL
    ) STRICT;

    -- Rows keep their file order (rowid), so an export writes the folder that was imported.
    CREATE TABLE regions (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      level       TEXT NOT NULL,
      parent_id   TEXT,
      region_head TEXT,
      polygon     TEXT NOT NULL
    ) STRICT;
    CREATE INDEX regions_by_level ON regions(level);

    CREATE TABLE addresses (
      id        TEXT PRIMARY KEY,
      text      TEXT NOT NULL,
      road      TEXT NOT NULL,
      number    INTEGER NOT NULL,
      building  INTEGER,
      unit      INTEGER,
      lon       REAL NOT NULL,
      lat       REAL NOT NULL,
      grid_id   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX addresses_by_road ON addresses(road, number);
    CREATE INDEX addresses_by_grid ON addresses(grid_id);

    CREATE TABLE places (
      id            TEXT PRIMARY KEY,
      kind          TEXT NOT NULL,
      name          TEXT NOT NULL,
      industry      TEXT NOT NULL,
      size          TEXT NOT NULL,
      contact_name  TEXT NOT NULL,
      contact_phone TEXT NOT NULL,
      address_id    TEXT,
      lon           REAL NOT NULL,
      lat           REAL NOT NULL,
      grid_id       TEXT NOT NULL,
      safety_code   TEXT NOT NULL,
      inspections   TEXT NOT NULL
    ) STRICT;
    CREATE INDEX places_by_grid ON places(grid_id);

    CREATE TABLE teams (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      kind        TEXT NOT NULL,
      department  TEXT NOT NULL,
      region_id   TEXT NOT NULL,
      lon         REAL NOT NULL,
      lat         REAL NOT NULL
    ) STRICT;

    CREATE TABLE officers (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      kind        TEXT NOT NULL,
      department  TEXT NOT NULL,
      team_id     TEXT,
      grid_id     TEXT NOT NULL,
      phone       TEXT NOT NULL,
      lon         REAL NOT NULL,
      lat         REAL NOT NULL,
      roster_slot INTEGER
    ) STRICT;

    CREATE TABLE cameras (
      id          TEXT PRIMARY KEY,
      name        TEXT NOT NULL,
      kind        TEXT NOT NULL,
      heading     INTEGER,
      grid_id     TEXT NOT NULL,
      stream_url  TEXT NOT NULL,
      lon         REAL NOT NULL,
      lat         REAL NOT NULL
    ) STRICT;

    CREATE TABLE basemap (
      id    INTEGER PRIMARY KEY CHECK (id = 1),
      json  TEXT NOT NULL
    ) STRICT;
  `);
};
