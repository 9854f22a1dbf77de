// The store: one SQLite database holding the journal and its projections. Synchronous by
// design (better-sqlite3); it lives in a worker thread behind StoreClient, or in the CLI.
// Reads are asked of a read model by area (store.incidents.list(…)); every change goes
// through the write path: a command through execute, anything else through store.write.
import type { DecidedEntry, JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure } from '../../../shared/errors';
import type { CheckpointReason } from '../../../shared/journal/checkpoint';
import type { FileRecord, FileRecordType } from '../../../shared/journal/file-records';
import type { CommandEnvelope, CommandResult } from '../../../shared/protocol/schemas';
import { RoadGraph } from '../../../shared/geo/roads';
import type { Datum } from '../../../shared/geo/datum';
import { setTownTimeZone } from '../../../shared/time';
import type { Town } from '../../../shared/town';
import type { Actor } from '../engine/actor';
import { townContentHash } from '../town/serialize';
import { openDatabase } from './database';
import type { Db } from './sqlite';
import type { CheckpointSigner } from './ops/checkpoint-key';
import { accessReadModel } from './read/access';
import { analysisReadModel } from './read/analysis';
import { adminPrefixes } from '../../../shared/geo/address';
import type { ReadContext, TownInUse } from './read/context';
import { dutyReadModel } from './read/duty';
import { incidentsReadModel } from './read/incidents';
import { intakeReadModel } from './read/intake';
import { journalReadModel } from './read/journal';
import { townLookup, townReadModel, type TownMeta } from './read/town';
import { EMPTY_TOWN, type TownLookup } from './read/town-lookup';
import { accessWrites } from './write/access';
import { engineView } from './write/engine-view';
import { Executor, type Outcome } from './write/executor';
import { intakeWrites } from './write/intake';
import { Journal } from './write/journal';
import { Projections } from './write/projections';
import { replicationWrites } from './write/replication';
import { townWrites, type TownImportOutcome } from './write/town';
import { Writer } from './write/writer';

export class Store {
  readonly db: Db;
  readonly incidents;
  readonly duty;
  readonly access;
  readonly town;
  readonly intake;
  readonly analysis;
  readonly journal;
  /** Every change but a command: each call is its own transaction. */
  readonly write;
  private readonly projections: Projections;
  private readonly writer: Writer;
  private readonly executor: Executor;
  private readonly townInUse: TownInUse;

  constructor(file: string, clock: () => Date = () => new Date(), town: TownLookup = EMPTY_TOWN) {
    this.db = openDatabase(file);
    const journal = new Journal(this.db);
    this.projections = new Projections(this.db);
    this.townInUse = { lookup: town, roads: null, addressPrefixes: adminPrefixes() };
    const context: ReadContext = { db: this.db, clock, projections: this.projections, town: this.townInUse };
    this.incidents = incidentsReadModel(context, journal);
    this.duty = dutyReadModel(context);
    this.access = accessReadModel(this.db);
    this.town = townReadModel(this.db);
    this.intake = intakeReadModel(this.db);
    this.analysis = analysisReadModel(context);
    this.journal = journalReadModel(this.db, journal);

    this.writer = new Writer(this.db, journal, this.projections, clock);
    this.executor = new Executor(this.writer, engineView(this.writer, this.townInUse, this));
    const towns = townWrites(this.writer, this.town.meta);
    this.write = {
      ...accessWrites(this.writer),
      ...intakeWrites(this.writer),
      ...replicationWrites(this.writer),
      escalateDue: () => this.executor.escalateDue(),
      suspectDuplicates: (incidentIds: string[]) => this.executor.suspectDuplicates(incidentIds),
      expireAlerts: () => this.executor.expireAlerts(),
      updateRisk: () => this.executor.updateRisk(),
      raiseWarnings: () => this.executor.raiseWarnings(),
      recordFileWritten: (type: FileRecordType, record: FileRecord, by: Actor): JournalEntry => this.executor.recordFileWritten(type, record, by),

      /** Replaces the town, all or nothing, journaling `town.imported`; the same content again is a no-op. */
      importTown: (imported: Town, source: string, datum: Datum, by: Actor): TownImportOutcome => {
        const outcome = towns.import(imported, source, datum, by);
        if (outcome.changed) this.loadImportedTown();
        return outcome;
      },

      /**
       * A replica takes its primary's town as it is (reference data is not in the journal). The
       * content must hash to what the primary's meta says, or it is refused.
       */
      replicateTown: (copied: Town, meta: TownMeta): void => {
        const hash = townContentHash(copied);
        if (hash !== meta.contentHash) throw new DutyFailure('conflict', `The town copied from the primary hashes to ${hash.slice(0, 12)}…, not ${meta.contentHash.slice(0, 12)}… as its meta says; it was not stored.`);
        towns.replicate(copied, meta);
        this.loadImportedTown();
        // Reference data outside the journal: the analysis's regions and places are read anew.
        this.projections.analysis.forget();
      },
    };
  }

  close(): void {
    this.db.close();
  }

  /** Runs commands as one durable transaction, each in its own savepoint (see Executor.executeBatch). */
  executeBatch(
    batch: ReadonlyArray<{ envelope: CommandEnvelope; actor: Actor }>,
    suspicions: readonly DecidedEntry[] = [],
  ): { outcomes: Outcome<CommandResult>[]; appended: JournalEntry[] } {
    return this.executor.executeBatch(batch, suspicions);
  }

  /** Duplicate suspicions for new incidents, decided without writing (see Executor.decideSuspicions). */
  decideSuspicions(incidentIds: readonly string[]): DecidedEntry[] {
    return this.executor.decideSuspicions(incidentIds);
  }

  /** Appends suspicions decided earlier in a transaction of their own. */
  commitSuspicions(suspicions: readonly DecidedEntry[]): JournalEntry[] {
    return this.executor.commitSuspicions(suspicions);
  }

  execute(envelope: CommandEnvelope, actor: Actor): Outcome<CommandResult> {
    const outcome = this.executeBatch([{ envelope, actor }]).outcomes[0];
    if (!outcome) throw new Error('executeBatch returned no outcome');
    return outcome;
  }

  /** Signs the journal's head every `every` entries and at handovers (see Executor.signCheckpoints). */
  signCheckpoints(signer: CheckpointSigner, every: number): void {
    this.executor.signCheckpoints(signer, every);
  }

  /** Signs the head now unless it is signed already (a hub closing cleanly); returns the entry appended, if any. */
  checkpoint(reason: CheckpointReason): JournalEntry[] {
    return this.executor.checkpoint(reason);
  }

  /** Swaps in the town; decisions and reads from now on see it. */
  useTown(town: TownLookup): void {
    this.townInUse.lookup = town;
  }

  /** Puts the imported town (if any) in the engine's hands; the store worker calls it on open. */
  loadImportedTown(): boolean {
    // Work-order numbers and the analysis count the town's days in this thread.
    const meta = this.town.meta();
    setTownTimeZone(meta?.timeZone);
    this.townInUse.addressPrefixes = adminPrefixes(meta?.admin ?? undefined);
    const lookup = townLookup(this.town);
    if (lookup) this.useTown(lookup);
    const basemap = lookup ? this.town.basemap() : null;
    this.townInUse.roads = basemap?.roads.length ? RoadGraph.fromRoads(basemap.roads) : null;
    return lookup !== null;
  }

  /** One page of the analysis's first read (see AnalysisStore.warmUp); true once it is done. */
  warmAnalysis(): boolean {
    return this.projections.analysis.warmUp(this.projections.config().sla);
  }

  /** From now on appended entries are kept until takeAppended: the store worker announces them. */
  keepAppended(): void {
    this.writer.keepAppended();
  }

  /** The entries appended since the last call, and the seq a quiet import reached (see Writer). */
  takeAppended(): { entries: JournalEntry[]; quietThrough: number } {
    return this.writer.takeAppended();
  }
}

/** What the store's worker serves, by namespace: each read model, and the write calls. */
export function servedBy(store: Store) {
  const { incidents, duty, access, town, intake, analysis, journal, write } = store;
  return { incidents, duty, access, town, intake, analysis, journal, write };
}

export type Served = ReturnType<typeof servedBy>;
