// One contract, two sides: the synchronous Store's query methods, as the async calls the
// hub makes to the store's worker thread.
import type { DutyError } from '../../../shared/errors';
import type { JournalEntry } from '../../../shared/journal/catalog';
import type { CommandEnvelope, CommandResult } from '../../../shared/protocol/schemas';
import type { Actor } from '../engine/actor';
import type { Store } from './store';

export const PROXIED = [
  'createUser',
  'credentialsOf',
  'users',
  // sign-in, sessions and second factors (access-store.ts)
  'signInState',
  'signInFailed',
  'openSession',
  'session',
  'sessionList',
  'touchSession',
  'closeSession',
  'revokeSession',
  'beginSecondFactor',
  'pendingSecondFactor',
  'confirmSecondFactor',
  'useTotpStep',
  'copySecondFactorToSeat',
  'useRecoveryCode',
  'resetSecondFactor',
  'enrolDemoSecondFactor',
  'incidents',
  'incident',
  'incidentJournal',
  'journalPage',
  'journalPageText',
  'journalSeq',
  'verifyJournal',
  'user',
  'units',
  'onDuty',
  'wallFocus',
  'handovers',
  'escalateDue',
  'dedupeCandidates',
  'recommendations',
  'incidentList',
  'importEntries',
  'config',
  // analysis (electron/hub/analysis)
  'analysisIndices',
  'analysisIndicesRange',
  'analysisRisk',
  'analysisWarnings',
  'analysisHeat',
  'updateRisk',
  'raiseWarnings',
  // replication (electron/hub/replica)
  'appendReplicated',
  'appendReplicatedPage',
  'replicaDurability',
  'replicateTown',
  'exportTown',
  // the town (town-store.ts)
  'importTown',
  'townMeta',
  'townRegions',
  'townBasemap',
  'townCameras',
  'townPlaces',
  'townAddresses',
  'townUnits',
  // intake channels (intake-store.ts)
  'createIntegration',
  'integrations',
  'integrationByKeyHash',
  'integrationCallback',
  'incidentOfKey',
  'ingestedRefs',
  'recordCapAlert',
  'addDeadLetter',
  'callbackCursor',
  'advanceCallbackCursor',
  'deadLetters',
  'deadLetter',
  'noteReplay',
  'channelIncidents',
  'reportedBy',
  'addressRows',
] as const;
export type ProxiedMethod = (typeof PROXIED)[number];

/** Calls that may journal and answer `{ entries }`: the worker announces those entries first. */
export const JOURNALING_ACCESS: ReadonlySet<ProxiedMethod> = new Set<ProxiedMethod>([
  'signInFailed',
  'openSession',
  'closeSession',
  'revokeSession',
  'confirmSecondFactor',
  'copySecondFactorToSeat',
  'useRecoveryCode',
  'resetSecondFactor',
  'enrolDemoSecondFactor',
]);

type Asyncify<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<R> : never;
};

export type StoreCalls = Asyncify<Pick<Store, ProxiedMethod>> & {
  /** Resolves once the command is durable; rejects with the engine's refusal. */
  execute(envelope: CommandEnvelope, actor: Actor): Promise<CommandResult>;
};

export type WorkerRequest =
  | { id: number; kind: 'call'; method: ProxiedMethod; args: unknown[] }
  | { id: number; kind: 'execute'; envelope: CommandEnvelope; actor: Actor }
  | { id: number; kind: 'close' };

export type WorkerMessage =
  | { kind: 'ready'; journalSeq: number }
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
}

/** The file to open, for a thread started before its file was ready (a replica being seeded). */
export interface StoreOpen {
  kind: 'open';
  file: string;
}
