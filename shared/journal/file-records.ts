// Journal entries that record files the command line wrote out of the hub's data: a town
// export (`town.exported`) and a database backup (`database.backedUp`). Who ran it, where it
// went and the SHA-256 of every file, so a copy found later can be matched to its entry.
import { z } from 'zod';

export const TOWN_EXPORTED = 'town.exported';
export const DATABASE_BACKED_UP = 'database.backedUp';
export const FILE_RECORD_TYPES = [TOWN_EXPORTED, DATABASE_BACKED_UP] as const;
export type FileRecordType = (typeof FILE_RECORD_TYPES)[number];

export const FileWrittenSchema = z.strictObject({
  path: z.string().min(1),
  bytes: z.number().int().nonnegative(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

export const FileRecordSchema = z.strictObject({
  /** The CLI command: `export` or `backup`. */
  command: z.enum(['export', 'backup']),
  /** The folder or file written, as an absolute path. */
  target: z.string().min(1),
  /** The operating-system account that ran the command, and the machine. */
  osUser: z.string(),
  host: z.string(),
  /**
   * The DutyDeck account named with --as. The command line has no sign-in: this is who the
   * operator said they are, checked only to exist.
   */
  account: z.string().nullable(),
  files: z.array(FileWrittenSchema).min(1),
  /** A backup: the newest journal entry the copy holds (its own entry comes after). Null for an export. */
  journalSeq: z.number().int().nonnegative().nullable(),
});
export type FileRecord = z.infer<typeof FileRecordSchema>;
