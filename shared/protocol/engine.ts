// Schemas of the engine's queries: full incidents, duplicate candidates, dispatch
// recommendations, units, the shift and the wall's focus.
import { z } from 'zod';
import { INCIDENT_STATES } from '../domain';
import { ASSIGNMENT_STATUSES, ESCALATION_LEVELS, SLA_CLOCKS } from '../incident/model';
import { DEPARTMENTS } from '../town';
import { UNIT_KINDS } from '../units';
import { DUPLICATE_REASONS } from '../dedupe/score';
import { LonLatSchema } from './commands';
import { IncidentSchema, JournalEntrySchema, PresenceSchema, ReportSchema } from './schemas';

const DepartmentSchema = z.enum(DEPARTMENTS);
const iso = z.string();

/** shared/dedupe/score.ts DedupeScore: the total and the parts that explain it. */
export const DedupeScoreSchema = z.object({
  total: z.number(),
  distanceMeters: z.number().nullable(),
  minutesApart: z.number(),
  parts: z.object({ distance: z.number(), time: z.number(), category: z.number(), text: z.number(), samePhone: z.number(), samePlace: z.number() }),
});

/** An incident the hub thinks reports what an older one does (shared/incident/model.ts SuspectedDuplicate). */
export const SuspectedDuplicateSchema = z.object({
  of: z.string(),
  score: z.number(),
  distanceMeters: z.number().nullable(),
  minutesApart: z.number(),
  reasons: z.array(z.enum(DUPLICATE_REASONS)),
  at: iso,
});

export const IncidentRecordSchema = IncidentSchema.extend({
  ownChannels: IncidentSchema.shape.channels,
  ownReportCount: z.number().int(),
  lead: DepartmentSchema.nullable(),
  coHandlers: z.array(DepartmentSchema),
  gridId: z.string().nullable(),
  assignments: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      status: z.enum(ASSIGNMENT_STATUSES),
      dispatchedAt: iso,
      acceptedAt: iso.nullable(),
      arrivedAt: iso.nullable(),
    }),
  ),
  feedback: z.array(z.object({ at: iso, by: z.string(), text: z.string(), photos: z.array(z.string()), settledOnSpot: z.boolean() })),
  mergedInto: z.string().nullable(),
  mergedFrom: z.array(z.string()),
  stateBeforeMerge: z.enum(INCIDENT_STATES).nullable(),
  triagedAt: iso.nullable(),
  dispatchedAt: iso.nullable(),
  acceptedAt: iso.nullable(),
  arrivedAt: iso.nullable(),
  resolvedAt: iso.nullable(),
  closedAt: iso.nullable(),
  reopenCount: z.number().int(),
  reason: z.string().nullable(),
  resolution: z.string().nullable(),
  rating: z.number().int().nullable(),
  escalations: z.array(z.object({ clock: z.enum(SLA_CLOCKS), level: z.enum(ESCALATION_LEVELS), at: iso })),
  /** Records written before duplicates were suspected after commit have none. */
  suspectedDuplicate: SuspectedDuplicateSchema.nullable().default(null),
  alertExpiredAt: iso.nullable().default(null),
});

export const IncidentRecordDetailSchema = IncidentRecordSchema.extend({ reports: z.array(ReportSchema) });

/**
 * GET /incidents: full records, so a window can fold later journal entries onto them with
 * the same reducer as the hub; `seq` is the journal seq the list reflects.
 */
export const IncidentRecordListSchema = z.object({
  items: z.array(IncidentRecordSchema),
  seq: z.number().int().nonnegative(),
});

export const DedupeCandidateSchema = z.object({
  incidentId: z.string(),
  title: z.string(),
  state: z.string(),
  category: z.string(),
  createdAt: iso,
  channels: z.array(z.string()),
  likely: z.boolean(),
  score: DedupeScoreSchema,
});
export const DedupeCandidatesSchema = z.object({ candidates: z.array(DedupeCandidateSchema) });

export const UnitSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS),
  department: DepartmentSchema,
  gridId: z.string(),
  regionIds: z.array(z.string()),
  location: LonLatSchema,
  status: z.enum(['available', 'busy', 'offline']),
  openAssignments: z.number().int(),
});
export const UnitListSchema = z.object({ items: z.array(UnitSchema) });

export const RecommendationsSchema = z.object({
  lead: DepartmentSchema,
  units: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      score: z.number(),
      reasons: z.object({
        distanceMeters: z.number(),
        etaMinutes: z.number(),
        status: z.enum(['available', 'busy', 'offline']),
        openAssignments: z.number().int(),
        region: z.enum(['grid', 'jointEnforcement', 'emergency', 'town']),
        departmentMatch: z.boolean(),
        /** Answers from hubs before the department came first have only departmentMatch. */
        departmentFit: z.enum(['lead', 'coHandler', 'other']).optional(),
        department: DepartmentSchema.optional(),
      }),
    }),
  ),
});

export const HandoverSheetSchema = z.object({
  id: z.string(),
  outgoingId: z.string(),
  incomingId: z.string(),
  createdAt: iso,
  notes: z.string(),
  watchList: z.array(z.string()),
  openByState: z.record(z.string(), z.number()),
  pendingApprovals: z.array(z.string()),
  overdue: z.array(z.string()),
  signedOutAt: iso,
  signedInAt: iso.nullable(),
  /** The signed head digest of the handover's checkpoint (shared/journal/checkpoint.ts). */
  checkpoint: z.object({ seq: z.number().int(), headHash: z.string(), keyId: z.string() }).optional(),
});

export const ShiftSchema = z.object({
  onDuty: z.object({ commanderId: z.string(), since: iso, handoverId: z.string().nullable() }).nullable(),
  handovers: z.array(HandoverSheetSchema),
});

/** The duty room's people on the roster; field (unit) and integration accounts are not the room. */
export const ROSTER_ROLES = ['commander', 'operator', 'regionHead', 'admin', 'wall'] as const;

/** GET /roster: who commands now and who of the room is online (PresenceSchema says what online means). */
export const RosterSchema = z.object({
  onDuty: z.object({ commanderId: z.string(), name: z.string(), since: iso }).nullable(),
  users: z.array(z.object({ id: z.string(), name: z.string(), role: z.enum(ROSTER_ROLES), ...PresenceSchema.shape })),
});

export const WallFocusSchema = z.object({ incidentId: z.string().nullable(), seq: z.number().int(), at: iso.nullable() });

/** GET /incidents/:id/journal: the incident's timeline, oldest first, with merged reports' entries. */
export const IncidentJournalSchema = z.object({
  entries: z.array(JournalEntrySchema),
  /** Display names of the people who wrote the entries, by user id. */
  actors: z.record(z.string(), z.string()),
});
