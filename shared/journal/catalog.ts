// The journal catalog: every entry type the journal holds, by its past-tense name, with the
// schema of its payload. JournalEntry is the union derived from it, so a consumer that
// switches on `entry.type` reads a typed payload; the store refuses to append a type the
// catalog does not know. The schemas accept every payload written so far (the demo
// generator's and past versions'): a field added later is optional.
import { z } from 'zod';
import type { Role } from '../domain';
import { DutyFailure } from '../errors';
import { DATUMS } from '../geo/datum';
import { ESCALATION_LEVELS, SLA_CLOCKS } from '../incident/model';
import { RISK_COLOURS } from '../analysis/risk';
import { ConfigUpdateSchema } from '../config';
import { DEPARTMENTS } from '../town';
import { ACCESS_ENTRY_PAYLOADS } from '../protocol/auth';
import { RiskReasonsSchema, WarningAcknowledgedSchema, WarningRaisedSchema } from '../protocol/analysis';
import { DedupeScoreSchema, HandoverSheetSchema } from '../protocol/engine';
import { DUPLICATE_REASONS } from '../dedupe/score';
import { AlertSetAsideSchema } from '../intake/facts';
import { ChannelSchema, IncidentSchema, PrioritySchema, ReportSchema, RoleSchema } from '../protocol/schemas';
import { parseWith } from '../protocol/validate';
import { JOURNAL_CHECKPOINTED, JournalCheckpointedSchema } from './checkpoint';
import { DATABASE_BACKED_UP, FileRecordSchema, TOWN_EXPORTED } from './file-records';

const DepartmentSchema = z.enum(DEPARTMENTS);
const incidentId = z.string();
const onIncident = <S extends z.ZodRawShape>(shape: S) => z.object({ incidentId, ...shape });
const reasonGiven = onIncident({ reason: z.string() });
const unitStep = onIncident({ unitId: z.string() });

/** The incident lifecycle (shared/incident/reduce.ts folds these). */
export const INCIDENT_ENTRY_PAYLOADS = {
  'incident.reported': z.object({
    /** The engine writes the incident's grid; entries written before grids had none. */
    incident: IncidentSchema.extend({ gridId: z.string().nullable().optional() }),
    report: ReportSchema,
  }),
  'incident.triaged': onIncident({ category: z.string(), priority: PrioritySchema, lead: DepartmentSchema, coHandlers: z.array(DepartmentSchema) }),
  'incident.merged': onIncident({ into: z.string() }),
  'incident.unmerged': onIncident({ from: z.string() }),
  'incident.dispatched': onIncident({ units: z.array(z.object({ unitId: z.string(), unitName: z.string() })) }),
  /** unitId null: the whole incident went back (a commander returning a triage to the seat). */
  'incident.returned': onIncident({ unitId: z.string().nullable(), reason: z.string() }),
  'unit.accepted': unitStep,
  'unit.arrived': unitStep,
  'incident.feedbackGiven': onIncident({ text: z.string(), photos: z.array(z.string()), settledOnSpot: z.boolean() }),
  'incident.resolved': onIncident({ summary: z.string() }),
  'incident.closed': onIncident({ rating: z.number().nullable() }),
  'incident.reopened': reasonGiven,
  'incident.cancelled': reasonGiven,
  // Stored name: 圈 is a Region in the glossary, but journals already hold this type and their
  // hash chains cover it, so it keeps its first name (as does the command incident.circleCall).
  'incident.circleCalled': onIncident({ regionId: z.string(), unitIds: z.array(z.string()) }),
  'sla.escalated': onIncident({ clock: z.enum(SLA_CLOCKS), level: z.enum(ESCALATION_LEVELS) }),
  'personalData.revealed': onIncident({ reportId: z.string(), field: z.literal('reporter') }),
  /**
   * The hub scored a new incident against the open ones after its report committed and found
   * it likely reports what `of` does (electron/hub/engine duplicateSuspicions).
   */
  'incident.duplicateSuspected': onIncident({ of: z.string(), score: DedupeScoreSchema, reasons: z.array(z.enum(DUPLICATE_REASONS)) }),
  /** A seat looked and said it is not the same event. */
  'incident.duplicateDismissed': onIncident({ of: z.string() }),
  /** The CAP alert an incident came from passed its `expires` (an untouched incident is cancelled beside it). */
  'incident.alertExpired': onIncident({ expires: z.string() }),
} as const satisfies Record<string, z.ZodType>;

export const UserCreatedSchema = z.object({
  user: z.object({
    id: z.string(),
    username: z.string(),
    name: z.string(),
    role: RoleSchema,
    regionId: z.string().nullable().optional(),
    unitId: z.string().nullable().optional(),
  }),
});

/** An integration's account for one channel (electron/hub/store/write/intake.ts). */
export const IntegrationCreatedSchema = z.object({
  user: z.object({ id: z.string(), username: z.string(), name: z.string(), role: RoleSchema }),
  channel: ChannelSchema,
  callbackUrl: z.string().nullable(),
});

/** A town folder imported as the reference data in force (electron/hub/store/write/town.ts). */
export const TownImportedSchema = z.object({
  source: z.string(),
  datum: z.enum(DATUMS),
  contentHash: z.string(),
  counts: z.record(z.string(), z.number()),
});

/** A grid's colour on the five-colour risk map, journaled when it changes (electron/hub/analysis). */
export const RiskChangedSchema = z.object({
  gridId: z.string(),
  from: z.enum(RISK_COLOURS).nullable(),
  to: z.enum(RISK_COLOURS),
  score: z.number(),
  reasons: RiskReasonsSchema,
});

export const JOURNAL_CATALOG = {
  ...INCIDENT_ENTRY_PAYLOADS,
  'wall.focused': z.object({ incidentId: z.string().nullable() }),
  'shift.started': z.object({ commanderId: z.string(), handoverId: z.string().nullable() }),
  'shift.handedOver': z.object({ sheet: HandoverSheetSchema }),
  'briefing.exported': z.object({ date: z.string(), by: z.string() }),
  'config.updated': ConfigUpdateSchema,
  'warning.raised': WarningRaisedSchema,
  'warning.acknowledged': WarningAcknowledgedSchema,
  'risk.changed': RiskChangedSchema,
  /** A CAP alert not the town's to handle, kept for the admin; `channel` is the feed's. */
  'alert.setAside': AlertSetAsideSchema.extend({ channel: ChannelSchema }),
  'user.created': UserCreatedSchema,
  'integration.created': IntegrationCreatedSchema,
  'town.imported': TownImportedSchema,
  [TOWN_EXPORTED]: FileRecordSchema,
  [DATABASE_BACKED_UP]: FileRecordSchema,
  [JOURNAL_CHECKPOINTED]: JournalCheckpointedSchema,
  ...ACCESS_ENTRY_PAYLOADS,
} as const satisfies Record<string, z.ZodType>;

export type EntryType = keyof typeof JOURNAL_CATALOG;
export const ENTRY_TYPES = Object.keys(JOURNAL_CATALOG) as EntryType[];
export type EntryPayload<T extends EntryType> = z.output<(typeof JOURNAL_CATALOG)[T]>;

/** One stored entry of type T: its place in the hash chain, who and when, and its payload. */
export interface JournalEntryOf<T extends EntryType> {
  seq: number;
  time: string;
  actor: string;
  role: Role | 'system';
  type: T;
  payload: EntryPayload<T>;
  prevHash: string;
  hash: string;
}

/** Any entry of the journal: switching on `type` narrows `payload`. */
export type JournalEntry = { [T in EntryType]: JournalEntryOf<T> }[EntryType];

export function isEntryType(type: string): type is EntryType {
  return Object.hasOwn(JOURNAL_CATALOG, type);
}

/**
 * Checks a payload against its type's schema. Throws a DutyFailure ('invalid') naming the
 * path: `type` for a type the catalog does not know, `payload.…` for a payload that does not
 * fit. Returns the payload as given (not the schema's output), so what is hashed and stored
 * is exactly what the caller wrote.
 */
export function parseEntryPayload<T extends string>(type: T, payload: unknown): T extends EntryType ? EntryPayload<T> : never {
  if (!isEntryType(type)) throw new DutyFailure('invalid', `The journal has no entry type ${type}.`, 'type');
  const parsed = parseWith(JOURNAL_CATALOG[type], payload, 'payload');
  if (!parsed.ok) throw new DutyFailure(parsed.error.code, `${type}: ${parsed.error.message}`, parsed.error.path);
  return payload as T extends EntryType ? EntryPayload<T> : never;
}


/** An entry as the engine decides it: a type of the catalog and its payload, or a function of the entry's seq giving the payload. */
export type EntryDraftOf<T extends EntryType> = { type: T; payload: EntryPayload<T> | ((seq: number) => EntryPayload<T>) };
export type DecidedEntry = { [T in EntryType]: EntryDraftOf<T> }[EntryType];

/** Whether an entry's type is in the catalog and its payload fits the type's schema (for a window that reads entries it did not write). */
export function entryFits(entry: { type: string; payload: unknown }): entry is JournalEntry {
  return isEntryType(entry.type) && JOURNAL_CATALOG[entry.type].safeParse(entry.payload).success;
}
