// `dutydeck verify`: is the journal what the hub wrote, end to end, and are the tables what
// the journal says? The hash chain catches an edit in the middle; the signed checkpoints
// catch an edit whose hashes were recomputed and a removed tail, up to the last checkpoint;
// the rebuilt projections catch a table edited directly. Entries after the last checkpoint
// are covered by the chain alone, and the report says so.
import { JOURNAL_CHECKPOINTED, JournalCheckpointedSchema, type JournalCheckpointed } from '../../../../shared/journal/checkpoint';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { signatureHolds, type LastCheckpoint, type TrustedKey } from './checkpoint-key';
import { CheckpointQuery } from './checkpoints';
import type { Db } from '../sqlite';
import { Journal } from '../write/journal';
import { withRebuiltProjections, type ProjectionDifference } from './projection-check';

export interface TamperReport {
  /** The newest entry's seq. */
  entries: number;
  chainIntact: boolean;
  /** Checkpoint entries whose signature holds under a trusted key. */
  signedCheckpoints: number;
  /** The newest entry a good signature covers (the last good checkpoint entry), 0 if none. */
  coveredThrough: number;
  /** Each is a reason to distrust the data: the command exits non-zero. */
  findings: string[];
  /** What verify could not vouch for, said plainly; not findings. */
  notes: string[];
  projectionDifference: ProjectionDifference | null;
}

export interface TamperCheckInput {
  trustedKeys: readonly TrustedKey[];
  /** Where the keys were looked for, for the messages. */
  keySource: string;
  /** The newest checkpoint as kept outside the database (keys/last-checkpoint.json). */
  lastCheckpoint: LastCheckpoint;
  lastCheckpointFile: string;
}

const show = (value: unknown) => (typeof value === 'string' ? JSON.stringify(value.length > 120 ? `${value.slice(0, 117)}...` : value) : JSON.stringify(value));

export function describeDifference(d: ProjectionDifference): string {
  const row = `${d.table} row ${d.key}=${show(d.keyValue)}`;
  if (d.found === null) return `${row} is missing from the table; the journal makes it.`;
  if (d.expected === null) return `${row} is in the table, but no journal entry makes it.`;
  if (d.column === null) return `${row} differs from what the journal makes.`;
  return `${row}, column ${d.column}: the journal makes ${show(d.expected)}, the table holds ${show(d.found)}.`;
}

/** Everything is read in one transaction, so a hub writing meanwhile cannot make a finding. */
export function checkTampering(db: Db, input: TamperCheckInput): TamperReport {
  return withRebuiltProjections(db, (difference) => db.transaction(() => check(db, input, difference))());
}

function check(db: Db, input: TamperCheckInput, difference: () => ProjectionDifference | null): TamperReport {
  const journal = new Journal(db);
  const findings: string[] = [];
  const notes: string[] = [];
  const head = journal.headOnDisk();
  const entryAt = (seq: number) => {
    const [entry] = seq > 0 ? journal.page(seq - 1, 1) : [];
    return entry?.seq === seq ? entry : undefined;
  };

  const broken = journal.verify();
  if (broken) findings.push(`BROKEN at journal entry ${broken.seq}: ${broken.reason}`);

  const keyById = new Map(input.trustedKeys.map((k) => [k.keyId, k]));
  let signedCheckpoints = 0;
  let coveredThrough = 0;
  const checkpoints = new CheckpointQuery(db).all();
  if (checkpoints.length && !input.trustedKeys.length) {
    findings.push(`No public key to check the ${checkpoints.length} checkpoint signatures against (looked for ${input.keySource}); pass --public-key FILE.`);
  }
  for (const entry of checkpoints) {
    if (!input.trustedKeys.length) break;
    const problem = checkpointProblem(entry, keyById, entryAt);
    if (problem) findings.push(`EDITED: journal entry ${entry.seq} (a checkpoint): ${problem}`);
    else {
      signedCheckpoints++;
      coveredThrough = entry.seq;
    }
  }

  // The tail: the newest checkpoint as kept beside the key, which deleting rows cannot reach.
  const last = input.lastCheckpoint;
  if (!last.ok) findings.push(last.reason);
  else if (last.checkpoint) {
    const kept = last.checkpoint;
    const key = keyById.get(kept.keyId);
    if (!key) {
      if (input.trustedKeys.length) findings.push(`${input.lastCheckpointFile} was signed by key ${kept.keyId}, not a trusted key.`);
      else if (!checkpoints.length) findings.push(`No public key to check ${input.lastCheckpointFile} against (looked for ${input.keySource}); pass --public-key FILE.`);
    } else if (!signatureHolds(kept, key)) {
      findings.push(`${input.lastCheckpointFile}: the signature does not verify; the file was altered.`);
    } else if (head.seq < kept.seq + 1) {
      findings.push(
        `TRUNCATED: the journal ends at entry ${head.seq}, but entry ${kept.seq} was signed (checkpoint entry ${kept.seq + 1}, ${kept.signedAt}): ` +
          `entries ${head.seq + 1}–${kept.seq + 1} were removed.`,
      );
    } else if (entryAt(kept.seq)?.hash !== kept.headHash) {
      findings.push(`EDITED: journal entry ${kept.seq} is not the one signed at ${kept.signedAt} (${input.lastCheckpointFile}): its hash differs.`);
    } else if (entryAt(kept.seq + 1)?.type !== JOURNAL_CHECKPOINTED) {
      findings.push(`EDITED: journal entry ${kept.seq + 1} should be the checkpoint signed at ${kept.signedAt} (${input.lastCheckpointFile}), and is not.`);
    }
  } else if (checkpoints.length) {
    findings.push(`The journal holds checkpoints but ${input.lastCheckpointFile} is missing: a removed tail could not be seen. Was the file deleted?`);
  }

  if (coveredThrough < head.seq) {
    notes.push(
      coveredThrough === 0
        ? `No checkpoint signature covers the journal yet: entries 1–${head.seq} are covered by the hash chain alone (an edit that recomputes their hashes, or their removal, would not be seen).`
        : `Entries ${coveredThrough + 1}–${head.seq} come after the last signed checkpoint and are not yet covered by a signature (an edit that recomputes their hashes, or their removal, would not be seen).`,
    );
  }

  const projectionDifference = difference();
  if (projectionDifference) findings.push(`PROJECTION differs from the journal: ${describeDifference(projectionDifference)}`);

  return { entries: head.seq, chainIntact: !broken, signedCheckpoints, coveredThrough, findings, notes, projectionDifference };
}

/** Why a checkpoint entry does not vouch for what it covers, or null when it does. */
function checkpointProblem(entry: JournalEntry, keys: Map<string, TrustedKey>, entryAt: (seq: number) => JournalEntry | undefined): string | null {
  const parsed = JournalCheckpointedSchema.safeParse(entry.payload);
  if (!parsed.success) return 'its payload is not a checkpoint.';
  const p: JournalCheckpointed = parsed.data;
  if (p.seq !== entry.seq - 1) return `it names entry ${p.seq}, not the entry before it.`;
  if (entry.actor !== 'system' || entry.role !== 'system' || entry.time !== p.signedAt) return 'its actor or time is not the one signed.';
  const key = keys.get(p.keyId);
  if (!key) return `it was signed by key ${p.keyId}, which is not a trusted key.`;
  if (p.publicKey !== key.publicKey || !signatureHolds(p, key)) return 'the signature does not verify: the checkpoint was altered.';
  const signed = entryAt(p.seq);
  if (p.seq > 0 && signed?.hash !== p.headHash) return `entry ${p.seq} is not the one signed: its hash differs, so it was edited and its hash recomputed.`;
  return null;
}
