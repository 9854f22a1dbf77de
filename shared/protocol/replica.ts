// What replication and the outbox add to the protocol: a command answered "pending" by a
// replica whose primary is away, the outbox a seat shows, and the town copy a replica takes.
import { z } from 'zod';
import { CommandEnvelopeSchema, CommandResultSchema, JournalPageSchema, JournalQuerySchema } from './schemas';
import { READERS } from '../permissions';

/** A replica's answer (HTTP 202) when the command waits in its outbox for the primary. */
export const PendingCommandSchema = z.object({
  ok: z.literal(true),
  pending: z.literal(true),
  outboxId: z.number().int().positive(),
});
export type PendingCommand = z.infer<typeof PendingCommandSchema>;

/** What POST /commands answers: applied (primary, or a replica that reached it) or pending. */
export const CommandAnswerSchema = z.union([PendingCommandSchema, CommandResultSchema]);
export type CommandAnswer = z.infer<typeof CommandAnswerSchema>;

export function isPending(answer: CommandAnswer): answer is PendingCommand {
  return 'pending' in answer && answer.pending === true;
}

const ErrorShape = z.object({ code: z.string(), message: z.string(), path: z.string().optional() });

/**
 * A replica replaying its outbox sends one user's waiting commands together: the primary
 * runs them in order in one group commit, each applied or refused on its own.
 */
export const CommandBatchSchema = z.strictObject({ commands: z.array(CommandEnvelopeSchema).min(1).max(200) });
export const CommandBatchResultSchema = z.object({
  results: z.array(z.union([CommandResultSchema, z.object({ ok: z.literal(false), error: ErrorShape })])),
});

export const OutboxItemSchema = z.object({
  id: z.number().int().positive(),
  userId: z.string(),
  envelope: CommandEnvelopeSchema,
  createdAt: z.string(),
  state: z.enum(['pending', 'conflict']),
  /** The primary's refusal, for a conflict. */
  error: ErrorShape.nullable(),
});
export type OutboxListItem = z.infer<typeof OutboxItemSchema>;

export const OutboxListSchema = z.object({ items: z.array(OutboxItemSchema) });

export const TownCopySchema = z.object({
  meta: z
    .object({
      source: z.string(),
      datum: z.string(),
      contentHash: z.string(),
      counts: z.record(z.string(), z.number()),
      importedSeq: z.number().int(),
      importedAt: z.string(),
    })
    .nullable(),
  /** The whole town (shared/town.ts Town); the replica checks it against meta.contentHash. */
  town: z.unknown(),
});

/**
 * A new replica's first copy: the primary's database as one SQLite file, taken in one read
 * transaction, without what is the primary's alone (credentials, sessions, integration API keys).
 * The file is the body; this manifest travels in the SNAPSHOT_HEADER header, and the replica
 * checks the file against it (size, digest, the journal's last seq and hash) before using it.
 */
export const SNAPSHOT_PATH = '/replica/snapshot';
export const SNAPSHOT_HEADER = 'x-dutydeck-snapshot';
export const SNAPSHOT_MEDIA_TYPE = 'application/vnd.sqlite3';
export const SnapshotManifestSchema = z.strictObject({
  journalSeq: z.number().int().nonnegative(),
  headHash: z.string().regex(/^[0-9a-f]{64}$/),
  schemaVersion: z.number().int().positive(),
  bytes: z.number().int().positive(),
  /** Of the whole file: the chain proves the journal, this the projections beside it. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type SnapshotManifest = z.infer<typeof SnapshotManifestSchema>;


export const REPLICA_API = {
  outbox: { method: 'GET', path: '/outbox', auth: true, personal: true, response: OutboxListSchema },
  dismissOutbox: { method: 'POST', path: '/outbox/:id/dismiss', auth: true, response: z.object({ ok: z.literal(true) }) },
  townCopy: { method: 'GET', path: '/town/copy', auth: true, roles: READERS.replica, response: TownCopySchema },
  /**
   * The journal as it was appended, for a replica to verify its chain and project it: the only
   * unmasked read of the journal, and only for accounts that may run a seat.
   */
  replicaJournal: { method: 'GET', path: '/replica/journal', auth: true, roles: READERS.replica, query: JournalQuerySchema, response: JournalPageSchema },
  commandBatch: { method: 'POST', path: '/commands/batch', auth: true, body: CommandBatchSchema, response: CommandBatchResultSchema },
} as const;
