// The one way this thread appends to the journal: each entry is appended and projected in
// the caller's transaction, and, once the store worker asks for it, kept until the worker
// announces it to the hub. The worker so needs to know nothing about which call wrote what.
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { Db } from '../sqlite';
import type { EntryDraft, Journal } from './journal';
import type { Projections } from './projections';

export class Writer {
  /** Entries committed or in the open transaction, not yet taken; null while nobody takes them. */
  private kept: JournalEntry[] | null = null;
  /** The newest seq appended quietly (an import): the worker does not announce up to it. */
  private quietThrough = 0;
  private depth = 0;

  constructor(
    readonly db: Db,
    readonly journal: Journal,
    readonly projections: Projections,
    readonly clock: () => Date,
  ) {}

  /** From now on appended entries are kept for takeAppended (the store worker); a CLI or a test never takes them. */
  keepAppended(): void {
    this.kept ??= [];
  }

  /** The entries appended since the last call, oldest first, and the seq a quiet import reached. */
  takeAppended(): { entries: JournalEntry[]; quietThrough: number } {
    const entries = this.kept ?? [];
    if (this.kept) this.kept = [];
    const quietThrough = this.quietThrough;
    this.quietThrough = 0;
    return { entries, quietThrough };
  }

  /** Appends and projects an entry inside the caller's transaction. */
  append(draft: EntryDraft): JournalEntry {
    const entry = this.journal.append(draft);
    this.projections.apply(entry);
    this.kept?.push(entry);
    return entry;
  }

  /** A replica's copy of its primary's entry: the same seq and hashes, projected as the primary did. */
  appendVerbatim(entry: JournalEntry): void {
    this.journal.appendVerbatim(entry);
    this.projections.apply(entry);
    this.kept?.push(entry);
  }

  /** Appends without announcing: a bulk import, which a hub reads when it starts. */
  appendQuietly(draft: EntryDraft): JournalEntry {
    const entry = this.journal.append(draft);
    this.projections.apply(entry);
    this.quietThrough = entry.seq;
    return entry;
  }

  /**
   * Runs `work` as a transaction (a savepoint when nested). If it throws, what it appended is
   * rolled back and forgotten here too; the journal's cached head lasts only as long as the
   * outermost transaction, and no longer than a rolled-back savepoint.
   */
  transaction<T>(work: () => T): T {
    const mark = this.kept?.length ?? 0;
    const quietMark = this.quietThrough;
    this.depth++;
    try {
      return this.db.transaction(work)();
    } catch (error) {
      if (this.kept) this.kept.length = mark;
      this.quietThrough = quietMark;
      this.journal.forgetHead();
      throw error;
    } finally {
      if (--this.depth === 0) this.journal.forgetHead();
    }
  }
}
