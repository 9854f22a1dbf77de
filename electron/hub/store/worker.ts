// The store's thread. Commands that arrive while a transaction is being prepared are
// committed together (group commit): one fsync for many acknowledgements.
import { parentPort, workerData } from 'node:worker_threads';
import type { JournalEntry } from '../../../shared/domain';
import { DutyFailure, dutyError } from '../../../shared/errors';
import type { CommandEnvelope } from '../../../shared/protocol/schemas';
import type { Actor } from '../engine/actor';
import { JOURNALING_ACCESS, PROXIED, type StoreOpen, type WorkerData, type WorkerMessage, type WorkerRequest } from './contract';
import { Store } from './store';

if (!parentPort) throw new Error('the store worker must run in a worker thread');
const port = parentPort;
const post = (message: WorkerMessage) => port.postMessage(message);

let store: Store;
let closed = false;

function open(file: string): void {
  try {
    store = new Store(file);
    store.loadImportedTown();
  } catch (error) {
    const failure = error instanceof DutyFailure ? error.error : dutyError('unavailable', `The store could not be opened: ${String(error)}`);
    post({ kind: 'failed', error: failure });
    process.exit(1);
  }
  port.on('message', serve);
  post({ kind: 'ready', journalSeq: store.journalSeq() });
  setImmediate(warmAnalysis);
}

/**
 * The analysis facts, a page at a time: messages that arrive meanwhile are served between
 * pages (the event loop polls the port before each immediate).
 */
function warmAnalysis(): void {
  if (closed) return;
  try {
    if (!store.warmAnalysis()) setImmediate(warmAnalysis);
  } catch {
    // Left to the first query, which reads the facts itself and answers with any error.
  }
}

const { file } = workerData as WorkerData;
if (file !== null) open(file);
else port.once('message', (message: StoreOpen) => open(message.file));

const proxied = new Set<string>(PROXIED);
let pending: Array<{ id: number; envelope: CommandEnvelope; actor: Actor }> = [];
let flushScheduled = false;

function flush(): void {
  flushScheduled = false;
  const batch = pending;
  pending = [];
  try {
    const { outcomes, appended } = store.executeBatch(batch);
    // Announced before the answers: by the time a client hears "done", the hub's seq and
    // every window's stream already have the entries.
    if (appended.length) post({ kind: 'appended', entries: appended });
    batch.forEach(({ id }, i) => {
      const outcome = outcomes[i]!;
      post(outcome.ok ? { kind: 'reply', id, ok: true, value: outcome.value } : { kind: 'reply', id, ok: false, error: outcome.error });
    });
  } catch (error) {
    // The whole transaction rolled back: nothing was acknowledged, every caller hears so.
    const failure = dutyError('unavailable', `The store could not write: ${String(error)}`);
    for (const { id } of batch) post({ kind: 'reply', id, ok: false, error: failure });
  }
}

function serve(request: WorkerRequest): void {
  switch (request.kind) {
    case 'execute':
      pending.push(request);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flush);
      }
      return;
    case 'call': {
      if (!proxied.has(request.method)) {
        post({ kind: 'reply', id: request.id, ok: false, error: dutyError('internal', `unknown store method ${request.method}`) });
        return;
      }
      try {
        const method = store[request.method] as (...args: unknown[]) => unknown;
        const value = method.apply(store, request.args);
        if (request.method === 'appendReplicatedPage') {
          // The entries cross once, as the announcement; the caller only needs the summary.
          const { entries, ...summary } = value as ReturnType<Store['appendReplicatedPage']>;
          if (entries?.length) post({ kind: 'appended', entries });
          post({ kind: 'reply', id: request.id, ok: true, value: summary });
          return;
        }
        // Calls that write through the journal announce their entries like commands do, first.
        if (request.method === 'createUser') post({ kind: 'appended', entries: [(value as ReturnType<Store['createUser']>).entry] });
        if (request.method === 'createIntegration') post({ kind: 'appended', entries: [(value as ReturnType<Store['createIntegration']>).entry] });
        if (request.method === 'escalateDue' && (value as JournalEntry[]).length) post({ kind: 'appended', entries: value as JournalEntry[] });
        if (request.method === 'updateRisk' && (value as JournalEntry[]).length) post({ kind: 'appended', entries: value as JournalEntry[] });
        if (request.method === 'raiseWarnings' && (value as JournalEntry[]).length) post({ kind: 'appended', entries: value as JournalEntry[] });
        if (request.method === 'appendReplicated' && (value as JournalEntry[]).length) post({ kind: 'appended', entries: value as JournalEntry[] });
        if (JOURNALING_ACCESS.has(request.method)) {
          const entries = (value as { entries?: JournalEntry[] } | null)?.entries;
          if (entries?.length) post({ kind: 'appended', entries });
        }
        if (request.method === 'importTown') {
          const { entry } = value as ReturnType<Store['importTown']>;
          if (entry) post({ kind: 'appended', entries: [entry] });
        }
        post({ kind: 'reply', id: request.id, ok: true, value });
      } catch (error) {
        const failure = error instanceof DutyFailure ? error.error : dutyError('internal', String(error));
        post({ kind: 'reply', id: request.id, ok: false, error: failure });
      }
      return;
    }
    case 'close':
      closed = true;
      if (pending.length) flush();
      store.close();
      post({ kind: 'reply', id: request.id, ok: true, value: null });
      port.close();
      return;
  }
}
