// The store: one SQLite database holding the journal and its projections. Synchronous by
// design (better-sqlite3); it lives in a worker thread behind StoreClient, or in the CLI.
import { hash } from 'node:crypto';
import type { Channel, Report, Role, User } from '../../../shared/domain';
import { parseEntryPayload, type JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure, type DutyError } from '../../../shared/errors';
import type { DedupeCandidate, DedupeDraft } from '../../../shared/dedupe/candidates';
import type { DutyConfig } from '../../../shared/config';
import { maskPersonal, maskPhone } from '../../../shared/privacy';
import { leadFor } from '../../../shared/dispatch/lead';
import { recommendUnits, type Recommendation } from '../../../shared/dispatch/recommend';
import type { Department } from '../../../shared/town';
import type { IncidentRecord } from '../../../shared/incident/model';
import { type CommandEnvelope, type CommandResult } from '../../../shared/protocol/schemas';
import { parseJournalPage, type JournalPage } from '../../../shared/journal/page';
import type { HandoverSheet, OnDuty } from '../../../shared/shift';
import type { Unit } from '../../../shared/units';
import type { Actor } from '../engine/actor';
import { decide, decideEscalations, type EngineView } from '../engine/engine';
import { openDatabase } from './database';
import type { Db } from './sqlite';
import { ChainBroken, Journal, type EntryDraft } from './journal';
import { DedupeQuery } from './dedupe-query';
import { IncidentJournalQuery, type IncidentJournal } from './incident-journal';
import { Projections } from './projections';
import { EMPTY_TOWN, type TownLookup, type UnitBase } from './town-lookup';
import { TownStore, type AddressSummary, type PlaceSummary, type TownImportOutcome, type TownMeta } from './town-store';
import { RoadGraph } from '../../../shared/geo/roads';
import { townContentHash } from '../town/serialize';
import { RISK_CHANGED, WARNING_RAISED, yesterday, type AnalysisIndices, type AnalysisIndicesRange, type JournaledWarning, type RiskLevel } from '../analysis/analysis-store';
import type { Datum } from '../../../shared/geo/datum';
import { AccessStore, type NewSession, type SessionRow, type SignInState } from './access-store';
import type { SessionSummary } from '../../../shared/protocol/auth';
import { JOURNAL_CHECKPOINTED, JournalCheckpointedSchema, type CheckpointReason, type JournalCheckpointed } from '../../../shared/journal/checkpoint';
import { FileRecordSchema, type FileRecord, type FileRecordType } from '../../../shared/journal/file-records';
import type { CheckpointSigner } from './checkpoint-key';
import { CheckpointQuery, Checkpointer } from './checkpoints';
import { setTownTimeZone } from '../../../shared/time';
import { IntakeStore, type AddressRow, type DeadLetter, type IngestedRef, type IntegrationSummary, type NewIntegration } from './intake-store';
import type { BaseMap, Camera, Officer, Region, RegionLevel, Team, Town } from '../../../shared/town';
import { toUser, type UserRow } from './user-row';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DutyError };

export interface NewUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  regionId?: string | null;
  unitId?: string | null;
}

export interface IncidentDetail extends IncidentRecord {
  reports: Report[];
}

interface ReportRow {
  id: string;
  incident_id: string;
  channel: Channel;
  received_at: string;
  title: string;
  description: string;
  category: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  reporter: string | null;
  taken_by: string;
}

const lonLat = (lon: number | null, lat: number | null) => (lon === null || lat === null ? null : { lon, lat });

function toReport(row: ReportRow, reveal: boolean): Report {
  const reporter = row.reporter ? (JSON.parse(row.reporter) as NonNullable<Report['reporter']>) : null;
  return {
    id: row.id,
    incidentId: row.incident_id,
    channel: row.channel,
    receivedAt: row.received_at,
    title: row.title,
    description: row.description,
    category: row.category,
    location: lonLat(row.lon, row.lat),
    address: row.address,
    reporter: reporter && !reveal ? { ...reporter, phone: maskPhone(reporter.phone) } : reporter,
    takenBy: row.taken_by,
  };
}

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

/** A journal payload as any window may read it (the router masks further by role). */
const maskedPayload = (_type: string, payload: unknown): unknown => maskPersonal(payload, 'masked');

export class Store {
  readonly db: Db;
  private readonly journal: Journal;
  private readonly projections: Projections;
  private readonly view: EngineView;
  private readonly s;
  private readonly dedupe: DedupeQuery;
  private readonly incidentEntries: IncidentJournalQuery;
  private town: TownLookup;
  /** Built once per imported town, so recommendations rank units by road distance. */
  private roads: RoadGraph | null = null;
  /** Set on a primary hub, which holds the checkpoint key; a replica copies its primary's. */
  private checkpoints: Checkpointer | null = null;

  constructor(
    file: string,
    private readonly clock: () => Date = () => new Date(),
    town: TownLookup = EMPTY_TOWN,
  ) {
    this.db = openDatabase(file);
    this.journal = new Journal(this.db);
    this.projections = new Projections(this.db);
    this.town = town;
    this.dedupe = new DedupeQuery(this.db);
    this.incidentEntries = new IncidentJournalQuery(this.db);
    const db = this.db;
    this.s = {
      keyGet: db.prepare<[string], { actor: string; type: string; result: string; payload_hash: string | null }>('SELECT actor, type, result, payload_hash FROM command_keys WHERE key = ?'),
      keyPut: db.prepare('INSERT INTO command_keys (key, actor, type, result, payload_hash) VALUES (?, ?, ?, ?, ?)'),
      counterNext: db.prepare<[string], { value: number }>(
        'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
      ),
      incidentsOpen: db.prepare<[number], { doc: string }>('SELECT doc FROM incidents WHERE open = 1 ORDER BY created_at DESC LIMIT ?'),
      incidentsAll: db.prepare<[number], { doc: string }>('SELECT doc FROM incidents ORDER BY created_at DESC LIMIT ?'),
      reportsOf: db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE incident_id = ? ORDER BY received_at, id'),
      report: db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE id = ?'),
      userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
      userByName: db.prepare<[string], UserRow & { password_hash: string | null }>(
        'SELECT u.*, c.password_hash FROM users u LEFT JOIN credentials c ON c.user_id = u.id WHERE u.username = ?',
      ),
      usersByRole: db.prepare<[string], UserRow>('SELECT * FROM users WHERE role = ? ORDER BY created_seq'),
      users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_seq'),
      credentialPut: db.prepare('INSERT INTO credentials (user_id, password_hash) VALUES (?, ?)'),
      unitLoad: db.prepare<[string], { open_assignments: number }>('SELECT open_assignments FROM unit_load WHERE unit_id = ?'),
      unitLoads: db.prepare<[], { unit_id: string; open_assignments: number }>('SELECT unit_id, open_assignments FROM unit_load WHERE open_assignments > 0'),
      onDuty: db.prepare<[], { commander_id: string; started_at: string; handover_id: string | null }>('SELECT * FROM shifts ORDER BY seq DESC LIMIT 1'),
      wallFocus: db.prepare<[], { incident_id: string | null; seq: number; at: string }>('SELECT incident_id, seq, at FROM wall_focus WHERE id = 1'),
      handovers: db.prepare<[number], { doc: string }>('SELECT doc FROM handovers ORDER BY rowid DESC LIMIT ?'),
    };
    const withLoad = (base: UnitBase): Unit => {
      const load = this.s.unitLoad.get(base.id)?.open_assignments ?? 0;
      return { ...base, openAssignments: load, status: load > 0 ? 'busy' : 'available' };
    };
    this.view = {
      now: () => this.clock(),
      nextNumber: (counter) => this.s.counterNext.get(counter)!.value,
      incident: (id) => this.projections.incident(id),
      openIncidents: () => this.s.incidentsOpen.all(1_000_000).map((r) => JSON.parse(r.doc) as IncidentRecord),
      unit: (id) => {
        const base = this.town.unit(id);
        return base ? withLoad(base) : null;
      },
      unitsInRegion: (regionId) => this.town.unitsInRegion(regionId).map(withLoad),
      regionChain: (gridId) => this.town.regionChain(gridId),
      gridAt: (lon, lat) => this.town.gridAt(lon, lat),
      user: (id) => this.user(id),
      onDuty: () => this.onDuty(),
      handover: (id) => this.projections.handover(id),
      config: () => this.projections.config(),
      warning: (id) => this.projections.analysis.warning(id),
      reporterOf: (reportId) => {
        const row = this.s.report.get(reportId);
        if (!row) return null;
        const reporter = row.reporter ? (JSON.parse(row.reporter) as { name?: string; phone?: string }) : {};
        return { incidentId: row.incident_id, ...reporter };
      },
    };
  }

  close(): void {
    this.db.close();
  }

  /**
   * From now on the journal's head is signed (a `journal.checkpointed` entry) once `every`
   * entries follow the last checkpoint, checked as each command batch and each of the hub's
   * own duties commits, and at every shift handover. Entries that land another way (the
   * CLI, an import) are signed by the next such check.
   */
  signCheckpoints(signer: CheckpointSigner, every: number): void {
    this.checkpoints = new Checkpointer(this.db, this.journal, signer, every);
  }

  /** Signs the head now unless it is signed already (a hub closing cleanly); returns the entry appended, if any. */
  checkpoint(reason: CheckpointReason): JournalEntry[] {
    const checkpoints = this.checkpoints;
    if (!checkpoints) return [];
    const appended: JournalEntry[] = [];
    try {
      this.db.transaction(() => {
        if (!checkpoints.headSigned()) this.appendCheckpoint(checkpoints, reason, null, appended);
      })();
    } finally {
      this.journal.forgetHead();
    }
    checkpoints.committed(appended);
    return appended;
  }

  private appendCheckpoint(checkpoints: Checkpointer, reason: CheckpointReason, handoverId: string | null, appended: JournalEntry[]): void {
    const time = this.clock().toISOString();
    this.append({ time, actor: 'system', role: 'system', type: JOURNAL_CHECKPOINTED, payload: checkpoints.payload(reason, handoverId, time) }, appended);
  }

  /** Inside a write transaction: an interval checkpoint if one is due. */
  private checkpointIfDue(appended: JournalEntry[]): void {
    if (this.checkpoints?.due()) this.appendCheckpoint(this.checkpoints, 'interval', null, appended);
  }

  /** Swaps in the town after an import; decisions from now on see it. */
  useTown(town: TownLookup): void {
    this.town = town;
  }

  journalSeq(): number {
    return this.journal.lastSeq();
  }

  /**
   * Runs commands as one durable transaction (group commit): each command in its own
   * savepoint, so a refused one writes nothing while the others land. Returns each
   * command's outcome and every entry appended, in order.
   */
  executeBatch(batch: ReadonlyArray<{ envelope: CommandEnvelope; actor: Actor }>): { outcomes: Outcome<CommandResult>[]; appended: JournalEntry[] } {
    const appended: JournalEntry[] = [];
    const outcomes: Outcome<CommandResult>[] = [];
    const runOne = this.db.transaction((envelope: CommandEnvelope, actor: Actor) => this.executeInTransaction(envelope, actor, appended));
    try {
      this.db.transaction(() => {
        for (const { envelope, actor } of batch) {
          const mark = appended.length;
          try {
            outcomes.push({ ok: true, value: runOne(envelope, actor) });
          } catch (error) {
            appended.length = mark;
            this.journal.forgetHead();
            if (!(error instanceof DutyFailure)) throw error;
            outcomes.push({ ok: false, error: error.error });
          }
        }
        this.checkpointIfDue(appended);
      })();
    } finally {
      this.journal.forgetHead();
    }
    this.checkpoints?.committed(appended);
    return { outcomes, appended };
  }

  execute(envelope: CommandEnvelope, actor: Actor): Outcome<CommandResult> {
    const outcome = this.executeBatch([{ envelope, actor }]).outcomes[0];
    if (!outcome) throw new Error('executeBatch returned no outcome');
    return outcome;
  }

  private executeInTransaction(envelope: CommandEnvelope, actor: Actor, appended: JournalEntry[]): CommandResult {
    const previous = this.s.keyGet.get(envelope.idempotencyKey);
    // The payload as parsed (keys in the schema's order), so the same command sent again digests the same.
    const payloadHash = hash('sha256', JSON.stringify(envelope.payload ?? null));
    if (previous) {
      if (previous.actor !== actor.userId || previous.type !== envelope.type || (previous.payload_hash !== null && previous.payload_hash !== payloadHash)) {
        throw new DutyFailure('conflict', 'This idempotency key was already used for a different command; a retry must send the same command, a new command needs a new key.', 'idempotencyKey');
      }
      return JSON.parse(previous.result) as CommandResult;
    }
    const decision = decide(envelope, actor, this.view);
    let seq = 0;
    let handoverId: string | null = null;
    for (const draft of decision.entries) {
      const entry = this.append({ time: this.clock().toISOString(), actor: actor.userId, role: actor.role, ...draft }, appended);
      seq = entry.seq;
      if (entry.type === 'shift.handedOver') handoverId = entry.payload.sheet.id;
    }
    // The sheet both commanders sign prints this checkpoint's digest (projected onto the sheet).
    if (handoverId !== null && this.checkpoints) this.appendCheckpoint(this.checkpoints, 'handover', handoverId, appended);
    const result: CommandResult = {
      ok: true,
      seq,
      ...(decision.incidentId === undefined ? {} : { incidentId: decision.incidentId }),
      ...(decision.data === undefined ? {} : { data: decision.data }),
    };
    this.s.keyPut.run(envelope.idempotencyKey, actor.userId, envelope.type, JSON.stringify(result), payloadHash);
    return result;
  }

  private append(draft: EntryDraft, appended: JournalEntry[]): JournalEntry {
    const entry = this.journal.append(draft);
    this.projections.apply(entry);
    appended.push(entry);
    return entry;
  }

  /**
   * The hub's own entries (actor `system`), decided and appended in one transaction so a
   * decision reads the state its own earlier entries left.
   */
  private appendSystem(decide: (now: Date) => Iterable<Omit<EntryDraft, 'time' | 'actor' | 'role'>>): JournalEntry[] {
    const appended: JournalEntry[] = [];
    try {
      this.db.transaction(() => {
        const now = this.clock();
        for (const draft of decide(now)) this.append({ time: now.toISOString(), actor: 'system', role: 'system', ...draft }, appended);
        this.checkpointIfDue(appended);
      })();
    } finally {
      this.journal.forgetHead();
    }
    this.checkpoints?.committed(appended);
    return appended;
  }

  /** The hub's own duty: SLA escalations that fell due, appended once each. */
  escalateDue(): JournalEntry[] {
    return this.appendSystem(() => decideEscalations(this.view));
  }

  /** The hub's other duty: a `risk.changed` entry for each grid whose colour changed (electron/hub/analysis). */
  updateRisk(): JournalEntry[] {
    return this.appendSystem((now) => this.projections.analysis.riskChanges(now, this.config().sla).map((payload) => ({ type: RISK_CHANGED, payload })));
  }

  /** Once a minute on the primary: a `warning.raised` entry for each early warning not raised yet. */
  raiseWarnings(): JournalEntry[] {
    return this.appendSystem((now) => this.projections.analysis.warningsDue(now).map((payload) => ({ type: WARNING_RAISED, payload })));
  }

  /** One page of the analysis's first read (see AnalysisStore.warmUp); true once it is done. */
  warmAnalysis(): boolean {
    return this.projections.analysis.warmUp(this.config().sla);
  }

  /** The six safety indices of a town day (yesterday by default) for every region or one. */
  analysisIndices(date: string | null, regionId: string | null): AnalysisIndices {
    const now = this.clock();
    return this.projections.analysis.indices(date ?? yesterday(now), regionId, now, this.config().sla);
  }

  /** The six safety indices of every day from `from` to `to`, for every region or one. */
  analysisIndicesRange(from: string, to: string, regionId: string | null): AnalysisIndicesRange {
    return this.projections.analysis.indicesRange(from, to, regionId, this.clock(), this.config().sla);
  }

  /** Every grid's journaled risk colour, with its live score and reasons. */
  analysisRisk(): RiskLevel[] {
    return this.projections.analysis.risk(this.clock(), this.config().sla);
  }

  /** The heat map's points since `since` (ISO). */
  analysisHeat(since: string, limit: number): { points: number[]; truncated: boolean } {
    return this.projections.analysis.heat(since, limit);
  }

  /** The early warnings raised (journaled) and not acknowledged yet, newest hour first. */
  analysisWarnings(): JournaledWarning[] {
    return this.projections.analysis.openWarnings();
  }

  /**
   * Appends records imported from another system (or a generated history) in time order,
   * as the system actor named `source`; projections follow as for any entry. Work-order
   * counters move past the imported ids so live numbering never collides.
   */
  importEntries(entries: ReadonlyArray<{ time: string; type: string; payload: unknown }>, source: string): number {
    const counter = this.db.prepare('INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = max(value, excluded.value)');
    let last = 0;
    this.projections.beginBulk();
    try {
      this.db.transaction(() => {
        // Incident rows are written once at the end (flushBulk); their reports come first.
        this.db.pragma('defer_foreign_keys = ON');
        for (const entry of entries) {
          const appended = this.journal.append({ time: entry.time, actor: source, role: 'system', type: entry.type, payload: entry.payload });
          this.projections.apply(appended);
          last = appended.seq;
          if (appended.type === 'incident.reported') {
            const { incident, report } = appended.payload;
            const [day, n] = incident.id.split('-');
            counter.run(`incident:${day}`, Number(n));
            const [rday, rn] = report.id.slice(1).split('-');
            counter.run(`report:${rday}`, Number(rn));
          }
        }
        this.projections.flushBulk();
      })();
    } finally {
      this.projections.endBulk();
      this.journal.forgetHead();
    }
    return last;
  }

  /**
   * A replica's copy of its primary's entries, appended verbatim (same seq and hashes) and
   * projected as the primary projected them, in one transaction. Entries this journal already
   * holds are skipped once their hash is seen to match; anything that does not extend the
   * chain refuses the whole batch. Returns the entries that were new.
   */
  appendReplicated(entries: readonly JournalEntry[]): JournalEntry[] {
    const head = this.journal.headOnDisk();
    const fresh = entries.filter((e) => e.seq > head.seq);
    const overlap = entries.find((e) => e.seq === head.seq);
    if (overlap && overlap.hash !== head.hash) {
      throw new DutyFailure('conflict', `Replication stopped: the primary's journal entry ${head.seq} differs from this copy's (the primary was restored or replaced). Rebuild this replica.`);
    }
    if (!fresh.length) return [];
    for (const entry of fresh) checkReplicated(entry);
    this.projections.beginBulk();
    try {
      this.db.transaction(() => {
        // As in importEntries: incident rows are written at the end, their reports first.
        this.db.pragma('defer_foreign_keys = ON');
        for (const entry of fresh) {
          this.journal.appendVerbatim(entry);
          this.projections.apply(entry);
        }
        this.projections.flushBulk();
      })();
    } catch (error) {
      if (error instanceof ChainBroken) throw new DutyFailure('conflict', `Replication stopped: ${error.message}. The primary's journal or the link is not trustworthy; nothing was stored.`);
      throw error;
    } finally {
      this.projections.endBulk();
      this.journal.forgetHead();
    }
    return fresh;
  }

  /**
   * For a replica's cache only: commits without fsync (WAL keeps the file consistent; a power
   * cut may lose the last pages, which are pulled again). The primary's copy is the durable one,
   * and the replica's outbox, a file of its own, keeps synchronous=FULL.
   */
  replicaDurability(): void {
    this.db.pragma('synchronous = NORMAL');
  }

  /**
   * A page of the primary's GET /journal, as the text it arrived in: parsed and checked here,
   * on the store's thread, so the hub's thread neither parses it nor copies it across. The
   * worker announces `entries` (the new ones) to the hub and replies with the rest.
   */
  appendReplicatedPage(text: string): { added: number; last: number; primaryLast: number; entries?: JournalEntry[] } {
    let page: JournalPage;
    try {
      page = parseJournalPage(text);
    } catch (error) {
      throw new DutyFailure('internal', `The primary's journal page is not what this DutyDeck expects (another version?): ${(error as Error).message.slice(0, 200)}`);
    }
    // While more pages follow, this connection leaves the WAL to the replica's maintenance
    // thread (ReplicaSync asks it to fold after each page) instead of folding it inside
    // every page's commit, on the thread the catch-up waits for; the last page folds the rest.
    const more = (page.entries.at(-1)?.seq ?? page.last) < page.last;
    this.db.pragma(`wal_autocheckpoint = ${more ? 0 : WAL_AUTOCHECKPOINT_PAGES}`);
    const entries = this.appendReplicated(page.entries);
    return { added: entries.length, last: this.journal.lastSeq(), primaryLast: page.last, entries };
  }

  /** Creates a user through the journal; the password hash goes to credentials, not the journal. */
  createUser(user: NewUser, by: Actor): { user: User; entry: JournalEntry } {
    try {
      return this.db.transaction(() => {
        if (this.s.userByName.get(user.username)) {
          throw new DutyFailure('conflict', `A user named ${user.username} exists already.`, 'username');
        }
        const profile = { id: user.id, username: user.username, name: user.name, role: user.role, regionId: user.regionId ?? null, unitId: user.unitId ?? null };
        const entry = this.append({ time: this.clock().toISOString(), actor: by.userId, role: by.role, type: 'user.created', payload: { user: profile } }, []);
        if (user.passwordHash !== null) this.s.credentialPut.run(user.id, user.passwordHash);
        return { user: profile, entry };
      })();
    } finally {
      this.journal.forgetHead();
    }
  }

  /**
   * Records files the command line wrote (an export, a backup) through the journal, so the
   * chain stays whole and the record is as tamper-evident as the rest.
   */
  recordFileWritten(type: FileRecordType, record: FileRecord, by: Actor): JournalEntry {
    const payload = FileRecordSchema.parse(record);
    try {
      return this.db.transaction(() => this.append({ time: this.clock().toISOString(), actor: by.userId, role: by.role, type, payload }, []))();
    } finally {
      this.journal.forgetHead();
    }
  }

  credentialsOf(username: string): { user: User; passwordHash: string | null } | null {
    const row = this.s.userByName.get(username);
    if (!row) return null;
    return { user: toUser(row), passwordHash: row.password_hash };
  }

  user(id: string): User | null {
    const row = this.s.userById.get(id);
    return row ? toUser(row) : null;
  }

  users(role?: Role): User[] {
    return (role ? this.s.usersByRole.all(role) : this.s.users.all()).map(toUser);
  }

  // ---- sign-in, sessions and second factors (access-store.ts) ----
  private accessStore: AccessStore | undefined;
  private get access(): AccessStore {
    return (this.accessStore ??= new AccessStore(this.db, this.journal, this.projections, this.clock));
  }

  signInState(username: string): SignInState | null {
    return this.access.signInState(username);
  }

  signInFailed(...args: Parameters<AccessStore['signInFailed']>): ReturnType<AccessStore['signInFailed']> {
    return this.access.signInFailed(...args);
  }

  openSession(session: NewSession, signedIn: Parameters<AccessStore['openSession']>[1]): { entries: JournalEntry[] } {
    return { entries: this.access.openSession(session, signedIn) };
  }

  session(tokenHash: string): SessionRow | null {
    return this.access.session(tokenHash);
  }

  sessionList(): SessionSummary[] {
    return this.access.sessionList();
  }

  touchSession(tokenHash: string, at: string): void {
    this.access.touchSession(tokenHash, at);
  }

  closeSession(tokenHash: string, signedOut: Parameters<AccessStore['closeSession']>[1] = null): { entries: JournalEntry[] } {
    return { entries: this.access.closeSession(tokenHash, signedOut) };
  }

  revokeSession(id: string, by: Actor): { tokenHash: string; entries: JournalEntry[] } | null {
    return this.access.revokeSession(id, { userId: by.userId, role: by.role });
  }

  beginSecondFactor(userId: string, secret: string): void {
    this.access.beginSecondFactor(userId, secret);
  }

  pendingSecondFactor(userId: string): string | null {
    return this.access.pendingSecondFactor(userId);
  }

  confirmSecondFactor(user: { userId: string; role: Role }, step: number, recoveryHashes: readonly string[]): { entries: JournalEntry[] } {
    return { entries: this.access.confirmSecondFactor(user, step, recoveryHashes) };
  }

  useTotpStep(userId: string, step: number): boolean {
    return this.access.useTotpStep(userId, step);
  }

  copySecondFactorToSeat(...args: Parameters<AccessStore['copySecondFactorToSeat']>): ReturnType<AccessStore['copySecondFactorToSeat']> {
    return this.access.copySecondFactorToSeat(...args);
  }

  useRecoveryCode(user: { userId: string; role: Role }, codeHash: string): { entries: JournalEntry[] } | null {
    const entries = this.access.useRecoveryCode(user, codeHash);
    return entries ? { entries } : null;
  }

  resetSecondFactor(userId: string, by: Actor): { tokenHashes: string[]; entries: JournalEntry[] } {
    return this.access.resetSecondFactor(userId, { userId: by.userId, role: by.role });
  }

  enrolDemoSecondFactor(userId: string, secret: string): { entries: JournalEntry[] } {
    return this.access.enrolDemoSecondFactor(userId, secret);
  }

  incidents(status: 'open' | 'all', limit: number): IncidentRecord[] {
    const rows = status === 'open' ? this.s.incidentsOpen.all(limit) : this.s.incidentsAll.all(limit);
    return rows.map((r) => JSON.parse(r.doc) as IncidentRecord);
  }

  /** The list and the journal seq it reflects, read in one transaction so no entry falls between. */
  incidentList(status: 'open' | 'all', limit: number): { items: IncidentRecord[]; seq: number } {
    return this.db.transaction(() => ({ items: this.incidents(status, limit), seq: this.journal.lastSeq() }))();
  }

  /** An incident with its reports and those of incidents merged into it; phones masked. */
  incident(id: string): IncidentDetail | null {
    const record = this.projections.incident(id);
    if (!record) return null;
    const reports = [record.id, ...record.mergedFrom].flatMap((source) => this.s.reportsOf.all(source).map((row) => toReport(row, false)));
    return { ...record, reports };
  }

  /** Every journal entry about an incident and the reports merged into it, oldest first; phones masked. */
  incidentJournal(id: string): IncidentJournal | null {
    const record = this.projections.incident(id);
    if (!record) return null;
    return this.incidentEntries.entries(record.id, record.mergedFrom, maskedPayload);
  }

  /** Likely duplicates of a report being taken, with the scores that explain them. */
  dedupeCandidates(draft: DedupeDraft): DedupeCandidate[] {
    return this.dedupe.candidates(draft, this.clock());
  }

  /** Units to send, best first, with reasons; and the department that should lead. */
  recommendations(incidentId: string): { lead: Department; units: Recommendation[] } | null {
    const record = this.projections.incident(incidentId);
    if (!record) return null;
    const lead = record.lead ?? leadFor(record.category, this.projections.config().leadDepartments);
    const units = recommendUnits(this.units(), {
      location: record.location,
      regionChain: record.gridId ? this.town.regionChain(record.gridId) : [],
      lead,
      coHandlers: record.coHandlers,
      exclude: new Set(record.assignments.filter((a) => a.status !== 'returned').map((a) => a.unitId)),
      ...(this.roads ? { distance: this.roads.distanceFunction() } : {}),
    });
    return { lead, units };
  }

  config(): DutyConfig {
    return this.projections.config();
  }

  units(): Unit[] {
    const load = new Map(this.s.unitLoads.all().map((r) => [r.unit_id, r.open_assignments]));
    return this.town.units().map((base) => {
      const open = load.get(base.id) ?? 0;
      return { ...base, openAssignments: open, status: open > 0 ? 'busy' : 'available' };
    });
  }

  onDuty(): OnDuty | null {
    const row = this.s.onDuty.get();
    return row ? { commanderId: row.commander_id, since: row.started_at, handoverId: row.handover_id } : null;
  }

  wallFocus(): { incidentId: string | null; seq: number; at: string } | null {
    const row = this.s.wallFocus.get();
    return row ? { incidentId: row.incident_id, seq: row.seq, at: row.at } : null;
  }

  handovers(limit: number): HandoverSheet[] {
    return this.s.handovers.all(limit).map((r) => JSON.parse(r.doc) as HandoverSheet);
  }

  journalPage(after: number, limit: number): { entries: JournalEntry[]; last: number } {
    return { entries: this.journal.page(after, limit), last: this.journal.lastSeq() };
  }

  /** journalPage as the JSON text a replica is sent (GET /replica/journal), built from the stored rows. */
  journalPageText(after: number, limit: number): string {
    return this.db.transaction(() => `{"entries":${this.journal.pageText(after, limit)},"last":${this.journal.lastSeq()}}`)();
  }

  /** The newest `journal.checkpointed` payload, or null when there is none or it is not one. */
  lastCheckpoint(): JournalCheckpointed | null {
    const entry = new CheckpointQuery(this.db).newest();
    const parsed = entry ? JournalCheckpointedSchema.safeParse(entry.payload) : null;
    return parsed?.success ? parsed.data : null;
  }

  verifyJournal(): { seq: number; reason: string } | null {
    return this.journal.verify();
  }

  // ---- the town's reference data (town-store.ts): import, and what the windows read ----
  private townStore: TownStore | undefined;
  private get townData(): TownStore {
    return (this.townStore ??= new TownStore(this.db, this.journal, this.projections, this.clock));
  }

  /** Puts the imported town (if any) in the engine's hands; the store worker calls it on open. */
  loadImportedTown(): boolean {
    // Work-order numbers and the analysis count the town's days in this thread.
    setTownTimeZone(this.townData.meta()?.timeZone);
    const lookup = this.townData.lookup();
    if (lookup) this.useTown(lookup);
    const basemap = lookup ? this.townData.basemap() : null;
    this.roads = basemap?.roads.length ? RoadGraph.fromRoads(basemap.roads) : null;
    return lookup !== null;
  }

  /** Replaces the town, all or nothing, journaling `town.imported`; the same content again is a no-op. */
  importTown(town: Town, source: string, datum: Datum, by: Actor): TownImportOutcome {
    const outcome = this.townData.import(town, source, datum, by);
    if (outcome.changed) this.loadImportedTown();
    return outcome;
  }

  /**
   * A replica takes its primary's town as it is (reference data is not in the journal). The
   * content must hash to what the primary's meta says, or it is refused.
   */
  replicateTown(town: Town, meta: TownMeta): void {
    const hash = townContentHash(town);
    if (hash !== meta.contentHash) throw new DutyFailure('conflict', `The town copied from the primary hashes to ${hash.slice(0, 12)}…, not ${meta.contentHash.slice(0, 12)}… as its meta says; it was not stored.`);
    this.townData.replicate(town, meta);
    this.loadImportedTown();
    // Reference data outside the journal: the analysis's regions and places are read anew.
    this.projections.analysis.forget();
  }

  townMeta(): TownMeta | null {
    return this.townData.meta();
  }

  townRegions(level?: RegionLevel): Region[] {
    return this.townData.regions(level);
  }

  townBasemap(): BaseMap | null {
    return this.townData.basemap();
  }

  townCameras(): Camera[] {
    return this.townData.cameras();
  }

  /** The address database in brief (text, road, number, position), e.g. for the simulator. */
  townAddresses(): AddressSummary[] {
    return this.townData.addressSummaries();
  }

  townPlaces(): PlaceSummary[] {
    return this.townData.placeSummaries();
  }

  townUnits(): { officers: Officer[]; teams: Team[] } {
    return this.townData.units();
  }

  exportTown(): Town | null {
    return this.townData.export();
  }

  // ---- intake channels (intake-store.ts): integration accounts, source links, dead letters ----
  private intakeStore: IntakeStore | undefined;
  private get intake(): IntakeStore {
    return (this.intakeStore ??= new IntakeStore(this.db, this.journal, this.projections, this.clock));
  }

  /** Creates a channel's integration account, journaling `integration.created` (no secrets in it). */
  createIntegration(integration: NewIntegration, by: Actor): { summary: IntegrationSummary; entry: JournalEntry } {
    return this.intake.create(integration, by);
  }

  integrations(): IntegrationSummary[] {
    return this.intake.list();
  }

  integrationByKeyHash(keyHash: string): { userId: string; channel: Channel } | null {
    return this.intake.byKeyHash(keyHash);
  }

  integrationCallback(channel: Channel): { url: string; secret: string | null } | null {
    return this.intake.callback(channel);
  }

  incidentOfKey(key: string): string | null {
    return this.intake.incidentOfKey(key);
  }

  ingestedRefs(incidentIds: string[]): IngestedRef[] {
    return this.intake.refsOf(incidentIds);
  }

  recordCapAlert(channel: Channel, reference: string, incidentId: string): void {
    this.intake.recordCapAlert(channel, reference, incidentId);
  }

  addDeadLetter(letter: Omit<DeadLetter, 'id' | 'createdAt' | 'replayedAt'>): number {
    return this.intake.addDeadLetter(letter);
  }

  callbackCursor(): number | null {
    return this.intake.callbackCursor();
  }

  advanceCallbackCursor(seq: number): void {
    this.intake.advanceCallbackCursor(seq);
  }

  deadLetters(limit: number): DeadLetter[] {
    return this.intake.deadLetters(limit);
  }

  deadLetter(id: number): DeadLetter | null {
    return this.intake.deadLetter(id);
  }

  noteReplay(id: number, attempts: number, error: string | null): void {
    this.intake.noteReplay(id, attempts, error);
  }

  channelIncidents(channel: Channel, from: string, to: string, limit: number): IncidentRecord[] {
    return this.intake.channelIncidents(channel, from, to, limit);
  }

  reportedBy(incidentId: string, channel: Channel): boolean {
    return this.intake.reportedBy(incidentId, channel);
  }

  /** Every standard address with its parts, for the geocoder's index. */
  addressRows(): AddressRow[] {
    return this.intake.addresses();
  }
}
