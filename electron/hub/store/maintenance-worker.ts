// One maintenance job per thread (see maintenance.ts): run it, answer, end.
import { parentPort, workerData } from 'node:worker_threads';
import { backupDatabase } from './backup';
import { checkDatabase } from './integrity';
import type { MaintenanceJob, MaintenanceReply } from './maintenance';
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
      return checkDatabase(job.file, { full: job.full ?? false });
  }
}

run(workerData as MaintenanceJob).then(
  (value) => port.postMessage({ ok: true, value } satisfies MaintenanceReply),
  (error: unknown) => port.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies MaintenanceReply),
);
