// Read model: the journal itself: its head, a page of entries, the chain's check and the
// newest signed checkpoint.
import { JournalCheckpointedSchema, type JournalCheckpointed } from '../../../../shared/journal/checkpoint';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { CheckpointQuery } from '../ops/checkpoints';
import type { Db } from '../sqlite';
import type { Journal } from '../write/journal';

export type JournalReadModel = ReturnType<typeof journalReadModel>;

export function journalReadModel(db: Db, journal: Journal) {
  const checkpoints = new CheckpointQuery(db);
  return {
    seq(): number {
      return journal.lastSeq();
    },

    page(after: number, limit: number): { entries: JournalEntry[]; last: number } {
      return { entries: journal.page(after, limit), last: journal.lastSeq() };
    },

    /** page() as the JSON text a replica is sent (GET /replica/journal), built from the stored rows. */
    pageText(after: number, limit: number): string {
      return db.transaction(() => `{"entries":${journal.pageText(after, limit)},"last":${journal.lastSeq()}}`)();
    },

    /** Walks the whole chain; the first entry that does not verify, or null. */
    verify(): { seq: number; reason: string } | null {
      return journal.verify();
    },

    /** The newest `journal.checkpointed` payload, or null when there is none or it is not one. */
    lastCheckpoint(): JournalCheckpointed | null {
      const entry = checkpoints.newest();
      const parsed = entry ? JournalCheckpointedSchema.safeParse(entry.payload) : null;
      return parsed?.success ? parsed.data : null;
    },
  };
}
