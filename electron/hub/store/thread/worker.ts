// The store's thread. Commands that arrive while a transaction is being prepared are
// committed together (group commit): one fsync for many acknowledgements.
import { parentPort, workerData } from 'node:worker_threads';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { DutyFailure, dutyError } from '../../../../shared/errors';
import type { CommandEnvelope } from '../../../../shared/protocol/schemas';
import type { Actor } from '../../engine/actor';
import { JOURNALING_ACCESS, PROXIED, type StoreOpen, type WorkerData, type WorkerMessage, type WorkerRequest } from './contract';
import { loadOrCreateCheckpointKey } from '../ops/checkpoint-key';
import { Store } from '../store';

if (!parentPort) throw new Error('the store worker must run in a worker thread');
const port = parentPort;
const post = (message: WorkerMessage) => port.postMessage(message);

let store: Store;
let closed = false;
/** The newest entry announced to the hub (or there before it opened). */
let announced = 0;

/**
 * Tells the hub about appended entries. Entries another process appended since the last
 * announcement (the CLI's users add, export or backup beside a running hub) go first, so the
 * stream and the replicas following it never see a gap in the seqs.
 */
function announce(entries: JournalEntry[]): void {
  const first = entries[0];
  if (!first) return;
  const missed = first.seq > announced + 1 ? store.journalPage(announced, first.seq - announced - 1).entries : [];
  post({ kind: 'appended', entries: missed.length ? [...missed, ...entries] : entries });
  announced = entries[entries.length - 1]!.seq;
}

function open(file: string): void {
  try {
    store = new Store(file);
    if (checkpoints) store.signCheckpoints(loadOrCreateCheckpointKey(checkpoints.keyDir), checkpoints.every);
    store.loadImportedTown();
    announced = store.journalSeq();
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

const { file, checkpoints } = workerData as WorkerData;
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
    if (appended.length) announce(appended);
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
          if (entries?.length) announce(entries);
          post({ kind: 'reply', id: request.id, ok: true, value: summary });
          return;
        }
        // Calls that write through the journal announce their entries like commands do, first.
        if (request.method === 'createUser') announce([(value as ReturnType<Store['createUser']>).entry]);
        if (request.method === 'createIntegration') announce([(value as ReturnType<Store['createIntegration']>).entry]);
        if (request.method === 'escalateDue' || request.method === 'updateRisk' || request.method === 'raiseWarnings' || request.method === 'appendReplicated') announce(value as JournalEntry[]);
        if (JOURNALING_ACCESS.has(request.method)) {
          const entries = (value as { entries?: JournalEntry[] } | null)?.entries;
          if (entries?.length) announce(entries);
        }
        if (request.method === 'importTown') {
          const { entry } = value as ReturnType<Store['importTown']>;
          if (entry) announce([entry]);
        }
        // An import (a generated history) is not announced, as before: a hub reads it on start.
        if (request.method === 'importEntries') announced = store.journalSeq();
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
      // A clean close signs the tail, so nothing the hub wrote is left uncovered. The stream
      // is closed by now; replicas page the entry in when they next catch up.
      try {
        store.checkpoint('close');
      } catch (error) {
        console.error(`The closing checkpoint could not be signed: ${String(error)}`);
      }
      store.close();
      post({ kind: 'reply', id: request.id, ok: true, value: null });
      port.close();
      return;
  }
}
