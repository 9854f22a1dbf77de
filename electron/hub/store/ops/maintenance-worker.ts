// The maintenance thread (see maintenance.ts): jobs arrive one at a time and are answered.
import { parentPort } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { backupDatabase } from './backup';
import { checkDatabase } from './integrity';
import type { MaintenanceJob, MaintenanceReply, MaintenanceRequest } from './maintenance';
import { takeSnapshot } from './snapshot';

const port = parentPort;
if (!port) throw new Error('the maintenance worker must run in a worker thread');

async function run(job: MaintenanceJob): Promise<unknown> {
  switch (job.kind) {
    case 'backup':
      return backupDatabase(job.file, job.out);
    case 'snapshot':
      return takeSnapshot(job.file, job.out);
    case 'check':
      return checkDatabase(job.file, { full: job.full ?? false, pages: job.pages ?? true });
    case 'checkpoint':
      return checkpoint(job.file);
  }
}

/**
 * A passive checkpoint from a connection of its own: it copies what the WAL holds into the
 * file while the store's thread goes on writing (it never waits for, nor blocks, a writer).
 */
function checkpoint(file: string): { walFrames: number; folded: number } {
  const db = new Database(file, { fileMustExist: true });
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)') as Array<{ busy: number; log: number; checkpointed: number }>;
    return { walFrames: row?.log ?? 0, folded: row?.checkpointed ?? 0 };
  } finally {
    db.close();
  }
}

port.on('message', ({ id, job }: MaintenanceRequest) => {
  run(job).then(
    (value) => port.postMessage({ id, ok: true, value } satisfies MaintenanceReply),
    (error: unknown) => port.postMessage({ id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies MaintenanceReply),
  );
});
