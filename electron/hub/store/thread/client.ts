// The hub's side of the store: every call crosses to the worker thread, so the thread
// that serves windows never waits on SQLite.
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { DutyFailure } from '../../../../shared/errors';
import { spawnWorker, STORE_WORKER } from './spawn-worker';
import type { StoreCalls, StoreOpen, WorkerData, WorkerMessage, WorkerRequest } from './contract';

type Pending = { resolve: (value: unknown) => void; reject: (error: unknown) => void };
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export interface StoreClient extends StoreCalls {
  readonly initialSeq: number;
  onAppended(listener: (entries: JournalEntry[]) => void): void;
  close(): Promise<void>;
}

/**
 * Opens the store on its own thread. `file` may be a promise (a replica seeding its cache):
 * the thread starts loading at once and opens the file when it is ready; if the promise
 * rejects, the thread is stopped and so is the opening.
 */
export function openStoreClient(file: string | Promise<string>, options: Pick<WorkerData, 'checkpoints' | 'suspectDuplicates'> = {}): Promise<StoreClient> {
  const worker = spawnWorker(STORE_WORKER, { file: typeof file === 'string' ? file : null, ...options } satisfies WorkerData);

  const pending = new Map<number, Pending>();
  const listeners: Array<(entries: JournalEntry[]) => void> = [];
  let nextId = 1;
  let closed = false;

  const request = (message: DistributiveOmit<WorkerRequest, 'id'>): Promise<unknown> =>
    new Promise((resolve, reject) => {
      if (closed) {
        reject(new DutyFailure('unavailable', 'The store is closed.'));
        return;
      }
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.postMessage({ ...message, id } as WorkerRequest);
    });

  return new Promise((resolveOpen, rejectOpen) => {
    if (typeof file !== 'string') {
      file.then(
        (ready) => worker.postMessage({ kind: 'open', file: ready } satisfies StoreOpen),
        (error: unknown) => {
          rejectOpen(error);
          void worker.terminate();
        },
      );
    }
    worker.on('error', (error) => {
      rejectOpen(error);
      for (const p of pending.values()) p.reject(error);
      pending.clear();
    });
    worker.on('exit', () => {
      closed = true;
      const gone = new DutyFailure('unavailable', 'The store stopped.');
      for (const p of pending.values()) p.reject(gone);
      pending.clear();
    });
    worker.on('message', (message: WorkerMessage) => {
      switch (message.kind) {
        case 'failed':
          rejectOpen(new DutyFailure(message.error.code, message.error.message));
          return;
        case 'appended':
          for (const listener of listeners) listener(message.entries);
          return;
        case 'reply': {
          const waiter = pending.get(message.id);
          pending.delete(message.id);
          if (!waiter) return;
          if (message.ok) waiter.resolve(message.value);
          else waiter.reject(new DutyFailure(message.error.code, message.error.message, message.error.path));
          return;
        }
        case 'ready': {
          // Each namespace the worker serves, its methods as calls across the thread.
          const calls = Object.fromEntries(
            Object.entries(message.served).map(([namespace, methods]) => [
              namespace,
              Object.fromEntries(methods.map((method) => [method, (...args: unknown[]) => request({ kind: 'call', namespace, method, args })])),
            ]),
          ) as unknown as StoreCalls;
          resolveOpen({
            ...calls,
            initialSeq: message.journalSeq,
            execute: (envelope, actor) => request({ kind: 'execute', envelope, actor }) as ReturnType<StoreCalls['execute']>,
            onAppended: (listener) => listeners.push(listener),
            close: async () => {
              if (closed) return;
              await request({ kind: 'close' });
              closed = true;
              await worker.terminate();
            },
          });
          return;
        }
      }
    });
  });
}
