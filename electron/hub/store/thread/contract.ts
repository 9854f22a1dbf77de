// One contract, two sides: what the store's worker serves (servedBy in store.ts: each read
// model and the write calls, by namespace) as the async calls the hub makes to it. The
// names come from the served objects themselves: the worker sends them when it is ready.
import type { DutyError } from '../../../../shared/errors';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { CommandEnvelope, CommandResult } from '../../../../shared/protocol/schemas';
import type { Actor } from '../../engine/actor';
import type { Served } from '../store';

type Asyncify<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export type StoreCalls = { readonly [N in keyof Served]: Asyncify<Served[N]> } & {
  /** Resolves once the command is durable; rejects with the engine's refusal. */
  execute(envelope: CommandEnvelope, actor: Actor): Promise<CommandResult>;
};

/** Each namespace's method names, as the worker serves them. */
export type ServedNames = Record<string, string[]>;

export type WorkerRequest =
  | { id: number; kind: 'call'; namespace: string; method: string; args: unknown[] }
  | { id: number; kind: 'execute'; envelope: CommandEnvelope; actor: Actor }
  | { id: number; kind: 'close' };

export type WorkerMessage =
  | { kind: 'ready'; journalSeq: number; served: ServedNames }
  | { kind: 'failed'; error: DutyError }
  | { kind: 'reply'; id: number; ok: true; value: unknown }
  | { kind: 'reply'; id: number; ok: false; error: DutyError }
  | { kind: 'appended'; entries: JournalEntry[] };

export interface WorkerData {
  /** null: the thread loads, then waits for the file in a StoreOpen message. */
  file: string | null;
  /**
   * A primary's checkpoint key folder (made on first start) and how many entries may follow
   * the last signed checkpoint; absent on a replica, which copies its primary's checkpoints.
   */
  checkpoints?: { keyDir: string; every: number };
  /**
   * A primary's store thread checks each new incident for a likely duplicate after its report
   * committed (worker.ts); a replica's copies its primary's suspicions instead.
   */
  suspectDuplicates?: boolean;
}

/** The file to open, for a thread started before its file was ready (a replica being seeded). */
export interface StoreOpen {
  kind: 'open';
  file: string;
}
