// Work on whole database files (backups, a replica's snapshot, integrity checks) runs on a
// maintenance thread of its own: each job takes from a fraction of a second to several
// seconds of SQLite, which must neither stall the thread serving windows (in Electron, the
// main process) nor the store's thread taking commands. One thread per process, jobs one at
// a time (two copies of a large file at once only compete for the disk); it is started
// ahead of need where latency counts (warmMaintenance) and kept, idle, without keeping the
// process alive.
import type { Worker } from 'node:worker_threads';
import type { SnapshotManifest } from '../../../../shared/protocol/replica';
import type { Integrity } from './integrity';
import { MAINTENANCE_WORKER, spawnWorker } from '../thread/spawn-worker';

export type MaintenanceJob =
  | { kind: 'backup'; file: string; out: string }
  | { kind: 'snapshot'; file: string; out: string }
  | { kind: 'check'; file: string; full?: boolean; pages?: boolean }
  /** Folds a live database's WAL back into its file (a replica catching up; see Store.appendReplicatedPage). */
  | { kind: 'checkpoint'; file: string };

export interface MaintenanceResults {
  backup: { journalSeq: number; bytes: number };
  snapshot: SnapshotManifest;
  check: Integrity;
  checkpoint: { walFrames: number; folded: number };
}

export interface MaintenanceRequest {
  id: number;
  job: MaintenanceJob;
}
export type MaintenanceReply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

let thread: Worker | null = null;
let queue: Promise<unknown> = Promise.resolve();
let nextId = 1;

function maintenanceThread(): Worker {
  if (thread) return thread;
  const worker = spawnWorker(MAINTENANCE_WORKER, null);
  worker.unref();
  const forget = () => {
    if (thread === worker) thread = null;
  };
  worker.once('exit', forget);
  // An idle thread that fails (its file missing from a broken install, say) is replaced at the
  // next job, which then reports the failure; it must not take the hub down with it.
  worker.on('error', forget);
  thread = worker;
  return worker;
}

/** Starts the thread now, so the first job does not wait for it to load. */
export function warmMaintenance(): void {
  maintenanceThread();
}

function run(job: MaintenanceJob): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const worker = maintenanceThread();
    const id = nextId++;
    const done = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
    };
    const onMessage = (reply: MaintenanceReply) => {
      if (reply.id !== id) return;
      done();
      if (reply.ok) resolve(reply.value);
      else reject(new Error(reply.message));
    };
    const onError = (error: Error) => {
      done();
      reject(error);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`The maintenance thread stopped (exit code ${code}) during a ${job.kind}.`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // Held while a job runs: a backup must finish even if nothing else is left to do.
    worker.ref();
    worker.postMessage({ id, job } satisfies MaintenanceRequest);
  });
}

export function runMaintenance<J extends MaintenanceJob>(job: J): Promise<MaintenanceResults[J['kind']]> {
  const result = queue.then(() => run(job));
  queue = result.catch(() => undefined);
  return result as Promise<MaintenanceResults[J['kind']]>;
}
