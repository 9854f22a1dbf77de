// Are the projection tables what the journal says? They are rebuilt from the journal into a
// scratch database by the store's own projections (Projections.apply, the only writer of
// these tables) and compared row by row. A row changed, added or removed in SQLite directly
// shows as the first row that differs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../database';
import type { Db } from '../sqlite';
import { Journal } from '../write/journal';
import { Projections } from '../write/projections';
import { TOWN_TABLES } from '../migrations/002-town';

/**
 * What Projections.apply writes, each with the column that names a row. The R*Tree is keyed
 * by its incident's id: its rid is the incident's rowid, which differs between two files.
 */
export const PROJECTION_TABLES: ReadonlyArray<{ table: string; key: string; rows?: (schema: string) => string }> = [
  { table: 'users', key: 'id' },
  { table: 'incidents', key: 'id' },
  { table: 'reports', key: 'id' },
  {
    table: 'incident_extent',
    key: 'incident_id',
    rows: (schema) =>
      `SELECT coalesce(i.id, '(rid ' || e.rid || ')') AS incident_id, e.min_lon, e.max_lon, e.min_lat, e.max_lat, e.min_h, e.max_h
       FROM ${schema}.incident_extent e LEFT JOIN ${schema}.incidents i ON i.rowid = e.rid`,
  },
  { table: 'unit_load', key: 'unit_id' },
  { table: 'wall_focus', key: 'id' },
  { table: 'shifts', key: 'seq' },
  { table: 'handovers', key: 'id' },
  { table: 'config', key: 'key' },
  { table: 'integrations', key: 'channel' },
  { table: 'risk_levels', key: 'grid_id' },
  { table: 'warnings', key: 'id' },
];

/**
 * Tables that are not projections, so not rebuilt: the journal itself, secrets and sessions,
 * bookkeeping outside the journal, and the town's reference data (written by its import,
 * checked by its content hash). `projection-check.test.ts` checks every table is placed.
 */
export const NOT_PROJECTED = [
  'journal',
  'credentials',
  'sessions',
  'sign_in_failures',
  'second_factors',
  'recovery_codes',
  'command_keys',
  'counters',
  'integration_secrets',
  'cap_alerts',
  'deadletters',
  'callback_cursor',
  'town_meta',
  ...TOWN_TABLES,
] as const;

export interface ProjectionDifference {
  table: string;
  key: string;
  keyValue: unknown;
  /** Null when the whole row is missing on one side. */
  column: string | null;
  /** As rebuilt from the journal; null when the journal makes no such row. */
  expected: unknown;
  /** As in the table; null when the table lacks the row. */
  found: unknown;
}

const PAGE = 5_000;

/** Replays `source`'s journal through the projections into the fresh database at `file`. */
function rebuild(source: Db, file: string): void {
  const scratch = openDatabase(file);
  try {
    const projections = new Projections(scratch);
    const journal = new Journal(source);
    projections.beginBulk();
    try {
      scratch.transaction(() => {
        // As in importEntries (write/replication.ts): incident rows are written at the end, their reports first.
        scratch.pragma('defer_foreign_keys = ON');
        for (let after = 0; ; ) {
          const page = journal.page(after, PAGE);
          for (const entry of page) projections.apply(entry);
          if (page.length < PAGE) break;
          after = page[page.length - 1]!.seq;
        }
        projections.flushBulk();
      })();
    } finally {
      projections.endBulk();
    }
  } finally {
    scratch.close();
  }
}

/**
 * Runs `check` with a scratch database attached to `source` as `rebuilt`; `check` calls
 * `difference` for the first projection row that is not what replaying the journal makes.
 * ATTACH cannot happen inside a transaction, so it happens here, and `check` may then hold one
 * read transaction over everything it reads: a hub writing meanwhile changes nothing it sees.
 */
export function withRebuiltProjections<T>(source: Db, check: (difference: () => ProjectionDifference | null) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'dutydeck-rebuilt-'));
  const file = join(dir, 'rebuilt.sqlite');
  try {
    openDatabase(file).close();
    source.prepare('ATTACH DATABASE ? AS rebuilt').run(file);
    try {
      return check(() => {
        rebuild(source, file);
        for (const spec of PROJECTION_TABLES) {
          const difference = firstDifferenceIn(source, spec);
          if (difference) return difference;
        }
        return null;
      });
    } finally {
      source.exec('DETACH DATABASE rebuilt');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The first row of a projection table that is not what replaying the journal makes, or null. */
export function firstProjectionDifference(source: Db): ProjectionDifference | null {
  return withRebuiltProjections(source, (difference) => source.transaction(difference)());
}

function firstDifferenceIn(db: Db, spec: (typeof PROJECTION_TABLES)[number]): ProjectionDifference | null {
  const rows = spec.rows ?? ((schema: string) => `SELECT * FROM ${schema}.${spec.table}`);
  const { key, table } = spec;
  // EXCEPT both ways finds rows that differ in any column (NULLs compare equal there).
  const first = db
    .prepare<[], { k: unknown }>(
      `SELECT k FROM (
         SELECT ${key} AS k FROM (${rows('main')} EXCEPT ${rows('rebuilt')})
         UNION
         SELECT ${key} AS k FROM (${rows('rebuilt')} EXCEPT ${rows('main')})
       ) ORDER BY k LIMIT 1`,
    )
    .get();
  if (!first) return null;
  const row = (schema: string) => db.prepare<[unknown], Record<string, unknown>>(`SELECT * FROM (${rows(schema)}) WHERE ${key} IS ?`).get(first.k) ?? null;
  const found = row('main');
  const expected = row('rebuilt');
  if (!found || !expected) return { table, key, keyValue: first.k, column: null, expected, found };
  const column = Object.keys(expected).find((c) => expected[c] !== found[c]) ?? null;
  return { table, key, keyValue: first.k, column, expected: column ? expected[column] : expected, found: column ? found[column] : found };
}
