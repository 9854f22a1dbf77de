// A new replica's first copy of its primary, as one SQLite file. Replaying 100,000 journal
// entries through the projections costs a replica seconds of CPU that the primary has already
// spent; a copy of the primary's tables, checked by its digest and its hash chain, costs a file
// transfer. What is the primary's alone is removed from the copy before it leaves the machine.
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { SnapshotManifest } from '../../../../shared/protocol/replica';
import { copyPages } from './backup';
import { Journal } from '../write/journal';
import { TOWN_TABLES } from '../migrations/002-town';

/**
 * Tables a replica never holds: secrets (password and integration API-key hashes, sessions, second
 * factors and recovery-code hashes, wrong sign-in counts), the
 * primary's intake bookkeeping (idempotency answers, CAP references, failed callbacks with
 * their URLs and bodies, how far callbacks went) and the counters it numbers incidents
 * with. A replica built from journal pages has none of these either; `snapshot.test.ts`
 * checks that every table of the schema is here or in REPLICATED_TABLES, so a new table has
 * to be placed.
 */
export const PRIMARY_ONLY_TABLES = ['credentials', 'sessions', 'sign_in_failures', 'second_factors', 'recovery_codes', 'integration_secrets', 'command_keys', 'counters', 'deadletters', 'cap_alerts', 'callback_cursor'] as const;

/** The journal, what its projections wrote, and the town's reference data (copied whole). */
export const REPLICATED_TABLES = [
  'journal',
  'incidents',
  'incident_extent',
  'reports',
  'users',
  'unit_load',
  'wall_focus',
  'shifts',
  'handovers',
  'config',
  'integrations',
  'risk_levels',
  'warnings',
  'town_meta',
  ...TOWN_TABLES,
] as const;

/**
 * Writes a snapshot of `file` to `out` while the hub keeps writing `file`: SQLite's backup
 * API, all pages in one step (one read transaction, so one journal seq). Pages the primary
 * freed keep what was on them until reused, so a copy that has any is compacted (VACUUM)
 * after what is the primary's alone is deleted under secure_delete: nothing the primary once
 * deleted travels in the copy. A journal only grows, so usually there are none and the copy
 * is a page copy. The replica checks it against its manifest (electron/hub/replica/seed.ts).
 */
export async function takeSnapshot(file: string, out: string): Promise<SnapshotManifest> {
  const partial = `${out}.partial`;
  await copyPages(file, partial);
  let head: { seq: number; hash: string };
  let schemaVersion: number;
  const copy = new Database(partial);
  try {
    const freedByPrimary = copy.pragma('freelist_count', { simple: true }) as number;
    copy.pragma('secure_delete = ON');
    copy.transaction(() => {
      for (const table of PRIMARY_ONLY_TABLES) copy.exec(`DELETE FROM ${table}`);
    })();
    if (freedByPrimary > 0) copy.exec('VACUUM');
    // One self-contained file: no WAL beside it to lose on the way.
    copy.pragma('journal_mode = DELETE');
    head = new Journal(copy).headOnDisk();
    schemaVersion = copy.pragma('user_version', { simple: true }) as number;
  } finally {
    copy.close();
  }
  renameSync(partial, out);
  // The replica checks the whole file (digest and chain) against this before it uses it.
  return { journalSeq: head.seq, headHash: head.hash, schemaVersion, ...fileDigest(out) };
}

/** A file's size and SHA-256, read a megabyte at a time (a snapshot or a backup is large). */
export function fileDigest(file: string): { bytes: number; sha256: string } {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1 << 20);
  const fd = openSync(file, 'r');
  let bytes = 0;
  try {
    for (let read; (read = readSync(fd, chunk, 0, chunk.length, null)) > 0; bytes += read) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return { bytes, sha256: hash.digest('hex') };
}
