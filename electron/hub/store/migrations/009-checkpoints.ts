// Migration 9: the journal's signed checkpoints (journal.checkpointed), found by a partial index.
import { JOURNAL_CHECKPOINTED } from '../../../../shared/journal/checkpoint';
import type { Migration } from '../sqlite';

export const checkpointIndexSchema: Migration = (db) => {
  db.exec(`CREATE INDEX journal_checkpoints ON journal(seq) WHERE type = '${JOURNAL_CHECKPOINTED}'`);
};
