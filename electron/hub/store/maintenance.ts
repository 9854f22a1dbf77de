// Work on whole database files (backups, a replica's snapshot, integrity checks) runs in a
// short-lived worker thread of its own: each takes from a fraction of a second to several
// seconds of SQLite, which must neither stall the thread serving windows (in Electron, the
// main process) nor the store's thread taking commands.
import type { SnapshotManifest } from '../../../shared/protocol/replica';
import type { Integrity } from './integrity';
import { MAINTENANCE_WORKER, spawnWorker } from './spawn-worker';

export type MaintenanceJob =
  | { kind: 'backup'; file: string; out: string }
  | { kind: 'snapshot'; file: string; out: string }
  | { kind: 'check'; file: string; full?: boolean };

export interface MaintenanceResults {
  backup: { journalSeq: number; bytes: number };
  snapshot: SnapshotManifest;
  check: Integrity;
}

export type MaintenanceReply = { ok: true; value: unknown } | { ok: false; message: string };

export function runMaintenance<J extends MaintenanceJob>(job: J): Promise<MaintenanceResults[J['kind']]> {
  return new Promise((resolve, reject) => {
    const worker = spawnWorker(MAINTENANCE_WORKER, job);
    let replied = false;
    worker.once('message', (reply: MaintenanceReply) => {
      replied = true;
      if (reply.ok) resolve(reply.value as MaintenanceResults[J['kind']]);
      else reject(new Error(reply.message));
    });
    worker.once('error', (error) => {
      replied = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`The ${job.kind} worker stopped (exit code ${code}) without an answer.`));
    });
  });
}
