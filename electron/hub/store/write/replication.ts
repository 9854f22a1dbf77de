// Entries that come from elsewhere: a replica's copy of its primary's journal (verbatim, the
// same seqs and hashes), and records imported from another system or a generated history.
// Both are projected as any entry is, in bulk (incident rows written once at the end).
import { parseEntryPayload, type JournalEntry } from '../../../../shared/journal/catalog';
import { DutyFailure } from '../../../../shared/errors';
import { parseJournalPage, type JournalPage } from '../../../../shared/journal/page';
import { ChainBroken } from './journal';
import type { Writer } from './writer';

/**
 * A replicated entry goes through the journal catalog before anything is stored: a type this
 * DutyDeck does not know, or a payload that does not fit, stops replication.
 */
function checkReplicated(entry: JournalEntry): void {
  try {
    parseEntryPayload(entry.type, entry.payload);
  } catch (error) {
    if (!(error instanceof DutyFailure)) throw error;
    throw new DutyFailure(error.error.code, `Replication stopped: the primary's journal entry ${entry.seq} is not one this DutyDeck knows (another version?): ${error.message}. Nothing was stored.`, error.error.path);
  }
}

/** SQLite's default: the WAL is folded back into the file once it holds this many pages. */
const WAL_AUTOCHECKPOINT_PAGES = 1_000;

export function replicationWrites(writer: Writer) {
  const { db, journal, projections } = writer;

  /** Runs `work` in one transaction with the projections in bulk mode; incident rows are written at the end, their reports first. */
  const inBulk = (work: () => void): void => {
    projections.beginBulk();
    try {
      writer.transaction(() => {
        db.pragma('defer_foreign_keys = ON');
        work();
        projections.flushBulk();
      });
    } finally {
      projections.endBulk();
    }
  };

  /**
   * A replica's copy of its primary's entries, appended verbatim (same seq and hashes) and
   * projected as the primary projected them, in one transaction. Entries this journal already
   * holds are skipped once their hash is seen to match; anything that does not extend the
   * chain refuses the whole batch. Returns the entries that were new.
   */
  const appendReplicated = (entries: readonly JournalEntry[]): JournalEntry[] => {
    const head = journal.headOnDisk();
    const fresh = entries.filter((e) => e.seq > head.seq);
    const overlap = entries.find((e) => e.seq === head.seq);
    if (overlap && overlap.hash !== head.hash) {
      throw new DutyFailure('conflict', `Replication stopped: the primary's journal entry ${head.seq} differs from this copy's (the primary was restored or replaced). Rebuild this replica.`);
    }
    if (!fresh.length) return [];
    for (const entry of fresh) checkReplicated(entry);
    try {
      inBulk(() => {
        for (const entry of fresh) writer.appendVerbatim(entry);
      });
    } catch (error) {
      if (error instanceof ChainBroken) throw new DutyFailure('conflict', `Replication stopped: ${error.message}. The primary's journal or the link is not trustworthy; nothing was stored.`);
      throw error;
    }
    return fresh;
  };

  return {
    appendReplicated,

    /**
     * A page of the primary's GET /journal, as the text it arrived in: parsed and checked here,
     * on the store's thread, so the hub's thread neither parses it nor copies it across. The
     * new entries reach the hub as the worker's announcement; the answer is the summary.
     */
    appendReplicatedPage(text: string): { added: number; last: number; primaryLast: number } {
      let page: JournalPage;
      try {
        page = parseJournalPage(text);
      } catch (error) {
        throw new DutyFailure('internal', `The primary's journal page is not what this DutyDeck expects (another version?): ${(error as Error).message.slice(0, 200)}`);
      }
      // No page's commit folds the WAL: that would be on the thread the catch-up waits for.
      // ReplicaSync asks the replica's maintenance thread for one fold after the last page;
      // from the commit after it, SQLite folds as usual (or finishes what that fold left).
      const more = (page.entries.at(-1)?.seq ?? page.last) < page.last;
      db.pragma('wal_autocheckpoint = 0');
      const added = appendReplicated(page.entries);
      if (!more) db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
      return { added: added.length, last: journal.lastSeq(), primaryLast: page.last };
    },

    /**
     * For a replica's cache only: commits without fsync (WAL keeps the file consistent; a power
     * cut may lose the last pages, which are pulled again). The primary's copy is the durable one,
     * and the replica's outbox, a file of its own, keeps synchronous=FULL.
     */
    replicaDurability(): void {
      db.pragma('synchronous = NORMAL');
    },

    /**
     * Appends records imported from another system (or a generated history) in time order,
     * as the system actor named `source`; projections follow as for any entry. Work-order
     * counters move past the imported ids so live numbering never collides. Not announced
     * on the stream: a hub reads them when it starts.
     */
    importEntries(entries: ReadonlyArray<{ time: string; type: string; payload: unknown }>, source: string): number {
      const counter = db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)');
      let last = 0;
      inBulk(() => {
        for (const entry of entries) {
          const appended = writer.appendQuietly({ time: entry.time, actor: source, role: 'system', type: entry.type, payload: entry.payload });
          last = appended.seq;
          if (appended.type === 'incident.reported') {
            const { incident, report } = appended.payload;
            const [day, n] = incident.id.split('-');
            counter.run(`incident:${day}`, Number(n));
            const [rday, rn] = report.id.slice(1).split('-');
            counter.run(`report:${rday}`, Number(rn));
          }
        }
      });
      return last;
    },
  };
}
