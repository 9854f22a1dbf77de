// The write path's front door: commands, checked by the engine and appended with their
// projections as one durable transaction (group commit); the hub's own duties (SLA
// escalations, the risk map, early warnings); and the signed checkpoints of the journal's head.
import { hash } from 'node:crypto';
import type { DecidedEntry, JournalEntry } from '../../../../shared/journal/catalog';
import { DutyFailure, type DutyError } from '../../../../shared/errors';
import { JOURNAL_CHECKPOINTED, type CheckpointReason } from '../../../../shared/journal/checkpoint';
import { FileRecordSchema, type FileRecord, type FileRecordType } from '../../../../shared/journal/file-records';
import type { CommandEnvelope, CommandResult } from '../../../../shared/protocol/schemas';
import { RISK_CHANGED, WARNING_RAISED } from '../../analysis/analysis-store';
import type { Actor } from '../../engine/actor';
import { decide, decideDuplicateSuspicions, decideEscalations, decideExpiredAlerts, type EngineView } from '../../engine/engine';
import type { CheckpointSigner } from '../ops/checkpoint-key';
import { Checkpointer } from '../ops/checkpoints';
import type { EntryDraft } from './journal';
import type { Writer } from './writer';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: DutyError };

export class Executor {
  private readonly s;
  /** Set on a primary hub, which holds the checkpoint key; a replica copies its primary's. */
  private checkpoints: Checkpointer | null = null;

  constructor(
    private readonly writer: Writer,
    private readonly view: EngineView,
  ) {
    const db = writer.db;
    this.s = {
      keyGet: db.prepare<[string], { actor: string; type: string; result: string; payload_hash: string | null }>('SELECT actor, type, result, payload_hash FROM command_keys WHERE key = ?'),
      keyPut: db.prepare('INSERT INTO command_keys (key, actor, type, result, payload_hash) VALUES (?, ?, ?, ?, ?)'),
    };
  }

  /**
   * From now on the journal's head is signed (a `journal.checkpointed` entry) once `every`
   * entries follow the last checkpoint, checked as each command batch and each of the hub's
   * own duties commits, and at every shift handover. Entries that land another way (the
   * CLI, an import) are signed by the next such check.
   */
  signCheckpoints(signer: CheckpointSigner, every: number): void {
    this.checkpoints = new Checkpointer(this.writer.db, this.writer.journal, signer, every);
  }

  /** Signs the head now unless it is signed already (a hub closing cleanly); returns the entry appended, if any. */
  checkpoint(reason: CheckpointReason): JournalEntry[] {
    const checkpoints = this.checkpoints;
    if (!checkpoints) return [];
    const appended: JournalEntry[] = [];
    this.writer.transaction(() => {
      if (!checkpoints.headSigned()) this.appendCheckpoint(checkpoints, reason, null, appended);
    });
    checkpoints.committed(appended);
    return appended;
  }

  private appendCheckpoint(checkpoints: Checkpointer, reason: CheckpointReason, handoverId: string | null, appended: JournalEntry[]): void {
    const time = this.writer.clock().toISOString();
    this.append({ time, actor: 'system', role: 'system', type: JOURNAL_CHECKPOINTED, payload: checkpoints.payload(reason, handoverId, time) }, appended);
  }

  /** Inside a write transaction: an interval checkpoint if one is due. */
  private checkpointIfDue(appended: JournalEntry[]): void {
    if (this.checkpoints?.due()) this.appendCheckpoint(this.checkpoints, 'interval', null, appended);
  }

  private append(draft: EntryDraft, appended: JournalEntry[]): JournalEntry {
    const entry = this.writer.append(draft);
    appended.push(entry);
    return entry;
  }

  /**
   * Runs commands as one durable transaction (group commit): each command in its own
   * savepoint, so a refused one writes nothing while the others land. Returns each
   * command's outcome and every entry appended, in order.
   */
  executeBatch(
    batch: ReadonlyArray<{ envelope: CommandEnvelope; actor: Actor }>,
    suspicions: readonly DecidedEntry[] = [],
  ): { outcomes: Outcome<CommandResult>[]; appended: JournalEntry[] } {
    const appended: JournalEntry[] = [];
    const outcomes: Outcome<CommandResult>[] = [];
    this.writer.transaction(() => {
      // Suspicions decided since the last commit ride along: no durable commit of their own.
      this.appendSuspicions(suspicions, appended);
      for (const { envelope, actor } of batch) {
        const mark = appended.length;
        try {
          outcomes.push({ ok: true, value: this.writer.transaction(() => this.executeInTransaction(envelope, actor, appended)) });
        } catch (error) {
          appended.length = mark;
          if (!(error instanceof DutyFailure)) throw error;
          outcomes.push({ ok: false, error: error.error });
        }
      }
      this.checkpointIfDue(appended);
    });
    this.checkpoints?.committed(appended);
    return { outcomes, appended };
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
      const entry = this.append({ time: this.writer.clock().toISOString(), actor: actor.userId, role: actor.role, ...draft }, appended);
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

  /**
   * The hub's own entries (actor `system`), decided and appended in one transaction so a
   * decision reads the state its own earlier entries left.
   */
  private appendSystem(decideDrafts: (now: Date) => Iterable<Omit<EntryDraft, 'time' | 'actor' | 'role'>>): JournalEntry[] {
    const appended: JournalEntry[] = [];
    this.writer.transaction(() => {
      const now = this.writer.clock();
      for (const draft of decideDrafts(now)) this.append({ time: now.toISOString(), actor: 'system', role: 'system', ...draft }, appended);
      this.checkpointIfDue(appended);
    });
    this.checkpoints?.committed(appended);
    return appended;
  }

  /** The hub's own duty: SLA escalations that fell due, appended once each. */
  escalateDue(): JournalEntry[] {
    return this.appendSystem(() => decideEscalations(this.view));
  }

  /**
   * After new reports committed: an `incident.duplicateSuspected` entry for each new incident
   * that likely reports what an older one does, decided and appended in a transaction of its own.
   */
  suspectDuplicates(incidentIds: readonly string[]): JournalEntry[] {
    return this.appendSystem(() => decideDuplicateSuspicions(this.view, incidentIds));
  }

  /**
   * The same decision without writing, outside any transaction: the store thread scores new
   * incidents between command batches and appends what it found with the next one
   * (executeBatch's `suspicions`) or, when none comes, with appendSuspicions.
   */
  decideSuspicions(incidentIds: readonly string[]): DecidedEntry[] {
    return decideDuplicateSuspicions(this.view, incidentIds);
  }

  /** Appends suspicions decided earlier, in a transaction of its own. */
  commitSuspicions(suspicions: readonly DecidedEntry[]): JournalEntry[] {
    const appended: JournalEntry[] = [];
    this.writer.transaction(() => {
      this.appendSuspicions(suspicions, appended);
      this.checkpointIfDue(appended);
    });
    this.checkpoints?.committed(appended);
    return appended;
  }

  /** Inside a write transaction: each suspicion still standing (its incident not acted on since it was decided). */
  private appendSuspicions(suspicions: readonly DecidedEntry[], appended: JournalEntry[]): void {
    if (!suspicions.length) return;
    const time = this.writer.clock().toISOString();
    for (const draft of suspicions) {
      // Decided payloads are plain objects (decideDuplicateSuspicions), never seq-stamped.
      if (draft.type !== 'incident.duplicateSuspected' || typeof draft.payload === 'function') continue;
      const incident = this.view.incident(draft.payload.incidentId);
      if (incident?.state !== 'reported' || incident.suspectedDuplicate) continue;
      this.append({ time, actor: 'system', role: 'system', ...draft }, appended);
    }
  }

  /** Once a minute on the primary: incidents whose CAP alert has expired, marked (and cancelled when untouched). */
  expireAlerts(): JournalEntry[] {
    return this.appendSystem(() => decideExpiredAlerts(this.view));
  }

  /** The hub's other duty: a `risk.changed` entry for each grid whose colour changed (electron/hub/analysis). */
  updateRisk(): JournalEntry[] {
    const { analysis } = this.writer.projections;
    return this.appendSystem((now) => analysis.riskChanges(now, this.view.config().sla).map((payload) => ({ type: RISK_CHANGED, payload })));
  }

  /** Once a minute on the primary: a `warning.raised` entry for each early warning not raised yet. */
  raiseWarnings(): JournalEntry[] {
    const { analysis } = this.writer.projections;
    return this.appendSystem((now) => analysis.warningsDue(now).map((payload) => ({ type: WARNING_RAISED, payload })));
  }

  /**
   * Records files the command line wrote (an export, a backup) through the journal, so the
   * chain stays whole and the record is as tamper-evident as the rest.
   */
  recordFileWritten(type: FileRecordType, record: FileRecord, by: Actor): JournalEntry {
    const payload = FileRecordSchema.parse(record);
    return this.writer.transaction(() => this.writer.append({ time: this.writer.clock().toISOString(), actor: by.userId, role: by.role, type, payload }));
  }
}
