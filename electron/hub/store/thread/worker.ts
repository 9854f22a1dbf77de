// The store's thread. Commands that arrive while a transaction is being prepared are
// committed together (group commit): one fsync for many acknowledgements.
import { parentPort, workerData } from 'node:worker_threads';
import type { DecidedEntry, JournalEntry } from '../../../../shared/journal/catalog';
import { DutyFailure, dutyError } from '../../../../shared/errors';
import type { CommandEnvelope } from '../../../../shared/protocol/schemas';
import type { Actor } from '../../engine/actor';
import type { ServedNames, StoreOpen, WorkerData, WorkerMessage, WorkerRequest } from './contract';
import { loadOrCreateCheckpointKey } from '../ops/checkpoint-key';
import { servedBy, Store, type Served } from '../store';

if (!parentPort) throw new Error('the store worker must run in a worker thread');
const port = parentPort;
const post = (message: WorkerMessage) => port.postMessage(message);

let store: Store;
let served: Served;
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
  const missed = first.seq > announced + 1 ? store.journal.page(announced, first.seq - announced - 1).entries : [];
  post({ kind: 'appended', entries: missed.length ? [...missed, ...entries] : entries });
  announced = entries[entries.length - 1]!.seq;
}

/** Announces what the last call or batch appended; a quiet import moves the mark past its entries unannounced. */
function announceAppended(): void {
  const { entries, quietThrough } = store.takeAppended();
  announced = Math.max(announced, quietThrough);
  announce(entries);
}

/** A served namespace's method, or undefined for a name it does not serve. */
function servedMethod(namespace: string, method: string): ((...args: unknown[]) => unknown) | undefined {
  if (!Object.hasOwn(served, namespace)) return undefined;
  const calls = served[namespace as keyof Served] as Record<string, unknown>;
  const call = Object.hasOwn(calls, method) ? calls[method] : undefined;
  return typeof call === 'function' ? (call as (...args: unknown[]) => unknown) : undefined;
}

function open(file: string): void {
  try {
    store = new Store(file);
    store.keepAppended();
    served = servedBy(store);
    if (checkpoints) store.signCheckpoints(loadOrCreateCheckpointKey(checkpoints.keyDir), checkpoints.every);
    store.loadImportedTown();
    announced = store.journal.seq();
  } catch (error) {
    const failure = error instanceof DutyFailure ? error.error : dutyError('unavailable', `The store could not be opened: ${String(error)}`);
    post({ kind: 'failed', error: failure });
    process.exit(1);
  }
  port.on('message', serve);
  const names: ServedNames = Object.fromEntries(Object.entries(served).map(([namespace, calls]) => [namespace, Object.keys(calls)]));
  post({ kind: 'ready', journalSeq: store.journal.seq(), served: names });
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

const { file, checkpoints, suspectDuplicates = false } = workerData as WorkerData;
if (file !== null) open(file);
else port.once('message', (message: StoreOpen) => open(message.file));

let pending: Array<{ id: number; envelope: CommandEnvelope; actor: Actor }> = [];
let flushScheduled = false;

// Duplicates from every channel: each new incident is scored against the older ones after its
// report committed, a few at a time between command batches, so a burst of reports is never
// held up by the scoring; what the scoring finds rides along with the next batch's commit, or
// commits alone once the thread has been quiet for SUSPICION_WAIT_MS.
const CHECKED_AT_ONCE = 8;
const SUSPICION_WAIT_MS = 25;
/** Incidents reported and not yet checked, oldest first. */
const toCheck: string[] = [];
/** Suspicions decided and not yet appended. */
let decided: DecidedEntry[] = [];
let checkScheduled = false;
let commitTimer: ReturnType<typeof setTimeout> | null = null;

function newIncidents(entries: readonly JournalEntry[]): void {
  if (!suspectDuplicates) return;
  for (const entry of entries) if (entry.type === 'incident.reported') toCheck.push(entry.payload.incident.id);
  scheduleCheck();
}

function scheduleCheck(): void {
  if (checkScheduled || !toCheck.length) return;
  checkScheduled = true;
  setImmediate(checkSome);
}

function checkSome(): void {
  checkScheduled = false;
  // Commands first: the flush after them schedules the next check.
  if (closed || pending.length) return;
  try {
    decided.push(...store.decideSuspicions(toCheck.splice(0, CHECKED_AT_ONCE)));
  } catch (error) {
    console.error(`Duplicate check failed: ${String(error)}`);
  }
  scheduleCheck();
  if (decided.length && !commitTimer) commitTimer = setTimeout(commitDecided, SUSPICION_WAIT_MS);
}

function commitDecided(): void {
  commitTimer = null;
  if (closed || !decided.length) return;
  const suspicions = decided;
  decided = [];
  try {
    store.commitSuspicions(suspicions);
  } catch (error) {
    console.error(`Duplicate suspicions could not be written: ${String(error)}`);
  }
  announceAppended();
}

function flush(): void {
  flushScheduled = false;
  const batch = pending;
  pending = [];
  const suspicions = decided;
  decided = [];
  try {
    const { outcomes, appended } = store.executeBatch(batch, suspicions);
    newIncidents(appended);
    // Announced before the answers: by the time a client hears "done", the hub's seq and
    // every window's stream already have the entries.
    announceAppended();
    batch.forEach(({ id }, i) => {
      const outcome = outcomes[i]!;
      post(outcome.ok ? { kind: 'reply', id, ok: true, value: outcome.value } : { kind: 'reply', id, ok: false, error: outcome.error });
    });
  } catch (error) {
    // The whole transaction rolled back: nothing was acknowledged, every caller hears so; the
    // suspicions it carried wait for the next commit.
    decided = [...suspicions, ...decided];
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
      const call = servedMethod(request.namespace, request.method);
      if (!call) {
        post({ kind: 'reply', id: request.id, ok: false, error: dutyError('internal', `unknown store method ${request.namespace}.${request.method}`) });
        return;
      }
      try {
        const value = call(...request.args);
        // What the call appended is announced first, as for commands.
        announceAppended();
        post({ kind: 'reply', id: request.id, ok: true, value });
      } catch (error) {
        // A call that committed some entries before it failed still announces them.
        announceAppended();
        const failure = error instanceof DutyFailure ? error.error : dutyError('internal', String(error));
        post({ kind: 'reply', id: request.id, ok: false, error: failure });
      }
      return;
    }
    case 'close':
      if (pending.length) flush();
      closed = true;
      // The last reports are checked before the store closes, so a restart leaves none unchecked.
      if (commitTimer) clearTimeout(commitTimer);
      try {
        while (toCheck.length) decided.push(...store.decideSuspicions(toCheck.splice(0, CHECKED_AT_ONCE)));
        if (decided.length) store.commitSuspicions(decided.splice(0));
        announceAppended();
      } catch (error) {
        console.error(`Duplicate check failed at close: ${String(error)}`);
      }
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
