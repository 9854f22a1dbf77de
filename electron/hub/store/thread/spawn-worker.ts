// The store's threads: SQLite runs in worker threads, never on the thread that serves windows
// (in Electron, the main process). In a bundle each entry is a .cjs beside this code; in a
// source checkout it is TypeScript, and a one-line bootstrap registers tsx in the new thread.
import { Worker } from 'node:worker_threads';

export interface WorkerEntry {
  /** The TypeScript entry, beside this file. */
  source: string;
  /** The bundled entry, beside main.cjs (electron/tools/bundle.ts). */
  bundled: string;
}

export const STORE_WORKER: WorkerEntry = { source: './worker.ts', bundled: './store-worker.cjs' };
export const MAINTENANCE_WORKER: WorkerEntry = { source: '../ops/maintenance-worker.ts', bundled: './maintenance-worker.cjs' };

export function spawnWorker(entry: WorkerEntry, workerData: unknown): Worker {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new Worker(new URL(entry.bundled, self), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const source = new URL(entry.source, self).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(source)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
