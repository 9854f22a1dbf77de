// Online backups with SQLite's backup API: a consistent copy taken page by page while the
// hub keeps writing (WAL lets readers and the writer proceed together), and restores that
// are checked before they replace anything.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { checkDatabase } from './integrity';

export const BACKUP_DIR = 'backups';
/** A backup step's page count that copies the whole file in one step. */
const ALL_PAGES = 0x7fffffff;

/** dutydeck-20250101T083000Z.sqlite: sorts by time, safe in any file system. */
export function backupName(at: Date): string {
  return `dutydeck-${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}.sqlite`;
}

/**
 * A consistent copy of `file` at `to` (replaced if there) while the hub keeps writing `file`:
 * SQLite's backup API with all pages in one step, so in one read transaction. Copied a step
 * at a time, a page written by the hub between steps restarts the copy, and a busy hub could
 * starve it.
 */
export async function copyPages(file: string, to: string): Promise<void> {
  rmSync(to, { force: true });
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    await db.backup(to, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
}

/**
 * Copies `file` to `out` while others may be writing it; the copy is checked before it is
 * kept. A running hub calls this through runMaintenance (its own thread).
 */
export async function backupDatabase(file: string, out: string): Promise<{ journalSeq: number; bytes: number }> {
  if (!existsSync(file)) throw new Error(`No database at ${file}.`);
  mkdirSync(dirname(out), { recursive: true });
  const partial = `${out}.partial`;
  await copyPages(file, partial);
  const check = checkDatabase(partial);
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new Error(`The backup did not verify (${check.reason}); nothing was kept.`);
  }
  renameSync(partial, out);
  const copy = new Database(out, { readonly: true });
  const bytes = (copy.pragma('page_count', { simple: true }) as number) * (copy.pragma('page_size', { simple: true }) as number);
  copy.close();
  return { journalSeq: check.journalSeq, bytes };
}

/** Keeps the newest `keep` backups in `dir`; older ones are removed. */
export function pruneBackups(dir: string, keep: number): string[] {
  if (!existsSync(dir)) return [];
  const files = readdirSync(dir)
    .filter((f) => /^dutydeck-\d{8}T\d{6}Z\.sqlite$/.test(f))
    .sort();
  const removed = files.slice(0, Math.max(0, files.length - keep));
  for (const f of removed) rmSync(join(dir, f), { force: true });
  return removed;
}

/**
 * Puts a backup in place of `file`. The backup is verified first (SQLite's full integrity
 * check and the journal's chain); the database it replaces is kept beside it, renamed.
 */
export function restoreDatabase(from: string, file: string, now = new Date()): { journalSeq: number; keptAs: string | null } {
  const check = checkDatabase(from, { full: true });
  if (!check.ok) throw new Error(`${basename(from)} is not a sound DutyDeck database (${check.reason}); nothing was restored.`);
  mkdirSync(dirname(file), { recursive: true });
  let keptAs: string | null = null;
  if (existsSync(file)) {
    keptAs = `${file}.before-restore-${backupName(now).slice('dutydeck-'.length, -'.sqlite'.length)}`;
    renameSync(file, keptAs);
  }
  // A WAL left by the replaced database belongs to it, not to the restored one.
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(file + suffix)) {
      if (keptAs) renameSync(file + suffix, keptAs + suffix);
      else rmSync(file + suffix, { force: true });
    }
  }
  const partial = `${file}.restoring`;
  copyFileSync(from, partial);
  renameSync(partial, file);
  const after = checkDatabase(file);
  if (!after.ok) throw new Error(`The restored database does not verify (${after.reason}).`);
  return { journalSeq: after.journalSeq, keptAs };
}
