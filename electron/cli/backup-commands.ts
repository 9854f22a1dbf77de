// `dutydeck backup` and `dutydeck restore`: an online copy of a hub's database, and putting
// one back. Backup works while the hub runs; restore refuses to, and verifies what it restored.
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DATABASE_FILE } from '../hub/hub';
import { runningHub } from '../hub/resilience/lock';
import { BACKUP_DIR, backupDatabase, backupName, restoreDatabase } from '../hub/store/backup';

export const BACKUP_USAGE = `  npm run dutydeck -- backup --data DIR [--out FILE]     (default FILE: DIR/${BACKUP_DIR}/dutydeck-TIME.sqlite)
  npm run dutydeck -- restore --data DIR --from FILE    (stop the hub first)`;

export async function backupCommand(args: string[], usage: (message: string) => Error): Promise<number> {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, out: { type: 'string' } } });
  if (!values.data) throw usage('--data DIR is required.');
  const out = values.out ?? join(values.data, BACKUP_DIR, backupName(new Date()));
  const started = performance.now();
  const { journalSeq, bytes } = await backupDatabase(join(values.data, DATABASE_FILE), out);
  console.log(`OK: backed up ${journalSeq} journal entries (${(bytes / 1e6).toFixed(1)} MB) to ${out} in ${((performance.now() - started) / 1000).toFixed(1)} s; the copy verifies.`);
  return 0;
}

export function restoreCommand(args: string[], usage: (message: string) => Error): number {
  const { values } = parseArgs({ args, options: { data: { type: 'string' }, from: { type: 'string' } } });
  if (!values.data || !values.from) throw usage('--data DIR and --from FILE are required.');
  const pid = runningHub(values.data);
  if (pid) {
    console.error(`A hub (process ${pid}) is running on ${values.data}. Stop it first, then restore; nothing was changed.`);
    return 1;
  }
  const { journalSeq, keptAs } = restoreDatabase(values.from, join(values.data, DATABASE_FILE));
  console.log(`OK: restored ${journalSeq} journal entries from ${values.from}; the hash chain verifies.${keptAs ? ` The replaced database is kept as ${keptAs}.` : ''}`);
  return 0;
}
