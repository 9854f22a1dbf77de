// `dutydeck backup` and `dutydeck restore`: an online copy of a hub's database, and putting
// one back. Backup works while the hub runs, and is journaled (`database.backedUp`, with the
// copy's SHA-256); restore refuses to run beside a hub, and verifies what it restored.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../hub/hub';
import { runningHub } from '../hub/resilience/lock';
import { BACKUP_DIR, backupDatabase, backupName, restoreDatabase } from '../hub/store/ops/backup';
import { KEY_DIR, replaceLastCheckpoint } from '../hub/store/ops/checkpoint-key';
import { Store } from '../hub/store/store';
import { DATABASE_BACKED_UP } from '../../shared/journal/file-records';
import { checkAccount, fileDigest, recordFilesWritten } from './file-records';

export const BACKUP_USAGE = `  npm run dutydeck -- backup --data DIR [--out FILE] [--as USERNAME]   (default FILE: DIR/${BACKUP_DIR}/dutydeck-TIME.sqlite)
  npm run dutydeck -- restore --data DIR --from FILE    (stop the hub first)`;

export async function backupCommand(args: string[], usage: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' }, as: { type: 'string' } } });
  if (!values.data) throw usage('--data DIR is required.');
  const file = join(values.data, DATABASE_FILE);
  if (!existsSync(file)) throw new Error(`No database at ${file}.`);
  const out = values.out ?? join(values.data, BACKUP_DIR, backupName(new Date()));
  const store = new Store(file);
  try {
    checkAccount(store, values.as);
    const started = performance.now();
    const { journalSeq, bytes } = await backupDatabase(file, out);
    const copy = fileDigest(out);
    // After the copy: the backup holds entries up to journalSeq, its own record comes next.
    const entry = recordFilesWritten(store, DATABASE_BACKED_UP, { command: 'backup', target: out, files: [copy], journalSeq }, values.as);
    console.log(`OK: backed up ${journalSeq} journal entries (${(bytes / 1e6).toFixed(1)} MB) to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s; the copy verifies.`);
    console.log(`Journal entry ${entry.seq} records it: SHA-256 ${copy.sha256}.`);
    return 0;
  } finally {
    store.close();
  }
}

export function restoreCommand(args: string[], usage: (message: string) => Error): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, from: { type: 'string' } } });
  if (!values.data || !values.from) throw usage('--data DIR and --from FILE are required.');
  const pid = runningHub(values.data);
  if (pid) {
    console.error(`A hub (process ${pid}) is running on ${values.data}. Stop it first, then restore; nothing was changed.`);
    return 1;
  }
  const now = new Date();
  const file = join(values.data, DATABASE_FILE);
  const { journalSeq, keptAs } = restoreDatabase(values.from, file, now);
  console.log(`OK: restored ${journalSeq} journal entries from ${values.from}; the hash chain verifies.${keptAs ? ` The replaced database is kept as ${keptAs}.` : ''}`);
  // Going back in the journal is the point of a restore: `verify` is to compare the restored
  // journal with its own newest checkpoint, not with the one the replaced journal had reached.
  const store = new Store(file);
  let restoredCheckpoint;
  try {
    restoredCheckpoint = store.journal.lastCheckpoint();
  } finally {
    store.close();
  }
  const previous = replaceLastCheckpoint(join(values.data, KEY_DIR), restoredCheckpoint, backupName(now).slice('dutydeck-'.length, -'.sqlite'.length));
  if (previous) console.log(`The last signed checkpoint before the restore is kept as ${previous}.`);
  return 0;
}
