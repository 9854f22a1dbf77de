// Is a database file sound? SQLite's own page check first, then the journal's hash chain.
// Used before a replica trusts its cache and after a restore.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { GENESIS_HASH, Journal } from '../write/journal';

/** A sound file, with its journal's newest entry and its schema version. */
export type Integrity = { ok: true; journalSeq: number; headHash: string; schemaVersion: number } | { ok: false; reason: string };

/**
 * `full`: SQLite's integrity_check instead of quick_check (for restores). `pages: false`
 * skips the page check for a file just written from a stream whose digest was checked (a
 * replica's snapshot): the chain is still walked entry by entry.
 */
export function checkDatabase(file: string, options: { full?: boolean; pages?: boolean } = {}): Integrity {
  if (!existsSync(file)) return { ok: false, reason: 'missing' };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    // quick_check skips index-to-table cross checks: O(N) rather than O(N log N), enough to
    // find torn or overwritten pages at start-up; the full check is for restores.
    if (options.pages ?? true) {
      const rows = db.pragma(options.full ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>;
      const problems = rows.map((r) => Object.values(r)[0]).filter((v) => v !== 'ok');
      if (problems.length) return { ok: false, reason: `SQLite ${options.full ? 'integrity_check' : 'quick_check'}: ${problems.slice(0, 3).join('; ')}` };
    }
    const hasJournal = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'journal'").get();
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (!hasJournal) return { ok: true, journalSeq: 0, headHash: GENESIS_HASH, schemaVersion };
    const journal = new Journal(db);
    const broken = journal.verify();
    if (broken) return { ok: false, reason: `journal entry ${broken.seq}: ${broken.reason}` };
    const head = journal.headOnDisk();
    return { ok: true, journalSeq: head.seq, headHash: head.hash, schemaVersion };
  } catch (error) {
    // "file is not a database", "database disk image is malformed", …
    return { ok: false, reason: (error as Error).message };
  } finally {
    db?.close();
  }
}
