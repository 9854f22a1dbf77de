// What `export` and `backup` put on record (shared/journal/file-records.ts): who ran them,
// where the files went and each file's SHA-256, appended through the store's journal.
import { hostname, userInfo } from 'node:os';
import { resolve } from 'node:path';
import type { JournalEntry } from '../../shared/journal/catalog';
import type { FileRecord, FileRecordType } from '../../shared/journal/file-records';
import { fileDigest as digestOf } from '../hub/store/ops/snapshot';
import type { Store } from '../hub/store/store';

/** The CLI acts as the system, as `users add` does; the person is in the payload. */
const CLI_ACTOR = { userId: 'cli', role: 'system' } as const;

export function fileDigest(file: string): { path: string; bytes: number; sha256: string } {
  return { path: resolve(file), ...digestOf(file) };
}

function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // A container user with no passwd entry has no name to look up.
    return process.env.USER ?? process.env.USERNAME ?? `uid ${process.getuid?.() ?? '?'}`;
  }
}

/** Refuses --as for a name that is no account of this room, before anything is written. */
export function checkAccount(store: Store, account: string | undefined): void {
  if (account !== undefined && !store.access.users().some((u) => u.username === account)) {
    throw new Error(`--as ${account}: there is no such account in this room (see users list); nothing was written.`);
  }
}

export function recordFilesWritten(
  store: Store,
  type: FileRecordType,
  what: Pick<FileRecord, 'command' | 'target' | 'files' | 'journalSeq'>,
  account: string | undefined,
): JournalEntry {
  return store.write.recordFileWritten(type, { ...what, target: resolve(what.target), osUser: osUser(), host: hostname(), account: account ?? null }, CLI_ACTOR);
}
