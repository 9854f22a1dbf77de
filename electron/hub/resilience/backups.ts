// Scheduled online backups of a primary: every N minutes into DIR/backups, keeping the
// newest few. A failed backup is logged and retried at the next tick; it never stops the hub.
import { join } from 'node:path';
import { BACKUP_DIR, backupName, pruneBackups } from '../store/ops/backup';
import { runMaintenance } from '../store/ops/maintenance';

export interface BackupSchedule {
  /** Takes one backup now (also what each tick does); resolves with its file. */
  runOnce(): Promise<string>;
  stop(): Promise<void>;
}

export function scheduleBackups(databaseFile: string, dataDir: string, everyMinutes: number, keep: number, log: (line: string) => void): BackupSchedule {
  const dir = join(dataDir, BACKUP_DIR);
  let running: Promise<string> | null = null;
  const runOnce = () =>
    (running ??= (async () => {
      const out = join(dir, backupName(new Date()));
      const { journalSeq } = await runMaintenance({ kind: 'backup', file: databaseFile, out });
      pruneBackups(dir, keep);
      log(`Backup: ${out} (journal entry ${journalSeq}).`);
      return out;
    })().finally(() => {
      running = null;
    }));
  const timer = setInterval(() => {
    runOnce().catch((error: unknown) => log(`Backup failed: ${(error as Error).message}; trying again in ${everyMinutes} min.`));
  }, everyMinutes * 60_000);
  timer.unref();
  return {
    runOnce,
    stop: async () => {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
