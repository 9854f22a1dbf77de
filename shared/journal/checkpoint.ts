// The journal's signed checkpoints (`journal.checkpointed`): the hub signs the newest entry's
// seq and hash with a key kept outside the database, so an edit that recomputes the hashes,
// or a removed tail, no longer verifies. Entry types are past tense, as in ../incident/events.ts.
import { z } from 'zod';

export const JOURNAL_CHECKPOINTED = 'journal.checkpointed';

/** Why the hub signed: every so many entries, at a shift handover, or as it closed cleanly. */
export const CHECKPOINT_REASONS = ['interval', 'handover', 'close'] as const;
export type CheckpointReason = (typeof CHECKPOINT_REASONS)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * The payload of a `journal.checkpointed` entry. It is appended right after the entry it
 * signs, so `seq` is always the checkpoint entry's own seq minus one.
 */
export const JournalCheckpointedSchema = z.strictObject({
  seq: z.number().int().nonnegative(),
  headHash: hex64,
  /** The first 16 hex digits of the SHA-256 of the public key (SPKI, DER). */
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  /** The Ed25519 public key, SPKI DER in base64: on record, never trusted on its own word. */
  publicKey: z.string().min(1),
  reason: z.enum(CHECKPOINT_REASONS),
  /** The handover sheet signed at (reason 'handover'); null otherwise. */
  handoverId: z.string().nullable(),
  /** The checkpoint entry's own time, signed with the rest. */
  signedAt: z.string(),
  /** Ed25519 over checkpointMessage(payload), base64. */
  signature: z.string().min(1),
});
export type JournalCheckpointed = z.infer<typeof JournalCheckpointedSchema>;

/**
 * The bytes signed: every field but the signature, in a fixed order, so the checkpoint entry
 * itself cannot be edited without breaking its signature either.
 */
export function checkpointMessage(p: Omit<JournalCheckpointed, 'signature'>): string {
  return ['dutydeck journal checkpoint v1', p.seq, p.headHash, p.keyId, p.publicKey, p.reason, p.handoverId ?? '', p.signedAt].join('\n');
}

/** What a handover sheet prints of the checkpoint taken at the handover. */
export interface HeadDigest {
  seq: number;
  headHash: string;
  keyId: string;
}

/** `3f9a01bc…77e0c21b`: short enough to read aloud, long enough to compare by eye. */
export function shortHash(hash: string): string {
  return `${hash.slice(0, 8)}…${hash.slice(-8)}`;
}
