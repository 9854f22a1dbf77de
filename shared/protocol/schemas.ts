// Schemas of every message that crosses a boundary. Both sides parse with these, so a
// field renamed here breaks the compile on both sides rather than in production.
import { z } from 'zod';
import { CHANNELS, INCIDENT_STATES, PRIORITIES, ROLES } from '../domain';
import { COMMAND_TYPES, LonLatSchema, type CommandType } from './commands';
import { ReportFactsSchema } from '../intake/facts';
import { UnitPositionsSchema } from './units';
import { RiskScoresSchema } from './risk';

export const RoleSchema = z.enum(ROLES);
export const ChannelSchema = z.enum(CHANNELS);
export const IncidentStateSchema = z.enum(INCIDENT_STATES);
export const PrioritySchema = z.enum(PRIORITIES);

// ---- errors ---------------------------------------------------------------

export const ErrorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    path: z.string().optional(),
  }),
});

// ---- health and sessions --------------------------------------------------

export const HealthSchema = z.object({
  ok: z.boolean(),
  mode: z.enum(['primary', 'replica']),
  journalSeq: z.number().int().nonnegative(),
  // ---- a replica only (electron/hub/replica) ----
  /** The primary's newest seq, as last heard. */
  primarySeq: z.number().int().nonnegative().optional(),
  /** When the primary last answered (ISO time), null if never. */
  lastContact: z.string().nullable().optional(),
  /** True while the primary is out of reach: what the seat shows may be old. */
  stale: z.boolean().optional(),
  /** Commands waiting in the outbox, and refusals the operator has not dismissed. */
  pending: z.number().int().nonnegative().optional(),
  conflicts: z.number().int().nonnegative().optional(),
  /** Why replication stopped, when it did (a chain that does not verify). */
  syncError: z.string().nullable().optional(),
});

export const SessionRequestSchema = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
  /** A code from the authenticator, or a recovery code: required where the account has a second factor. */
  code: z.string().trim().min(1).max(20).optional(),
});

export const UserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: RoleSchema,
});

export const SessionResponseSchema = z.object({
  token: z.string(),
  user: UserSchema.pick({ id: true, name: true, role: true }).extend({ username: z.string() }),
  /** The account must enrol a second factor first: this session may do only that. */
  enrolment: z.literal(true).optional(),
});

export const CurrentSessionSchema = z.object({ user: UserSchema });

// ---- commands -------------------------------------------------------------

export { COMMAND_PAYLOADS, COMMAND_TYPES, IncidentReportPayloadSchema, LonLatSchema } from './commands';
export type { CommandInput, CommandPayload, CommandType } from './commands';

export const CommandEnvelopeSchema = z.strictObject({
  type: z.enum(COMMAND_TYPES as [CommandType, ...CommandType[]]),
  payload: z.unknown(),
  idempotencyKey: z
    .string()
    .min(8, 'an idempotency key has at least 8 characters')
    .max(128)
    .regex(/^[A-Za-z0-9._:-]+$/, 'an idempotency key uses letters, digits and . _ : - only'),
});
export type CommandEnvelope = z.infer<typeof CommandEnvelopeSchema>;

export const CommandResultSchema = z.object({
  ok: z.literal(true),
  seq: z.number().int().positive(),
  /** The incident the command created or acted on, where there is one. */
  incidentId: z.string().optional(),
  /** What the command returns to its issuer only, e.g. a revealed phone number. */
  data: z.unknown().optional(),
});
export type CommandResult = z.infer<typeof CommandResultSchema>;

// ---- queries --------------------------------------------------------------

export const ReportSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  channel: ChannelSchema,
  receivedAt: z.string(),
  title: z.string(),
  description: z.string(),
  category: z.string(),
  location: LonLatSchema.nullable(),
  address: z.string().nullable(),
  reporter: z.object({ name: z.string().optional(), phone: z.string().optional() }).nullable(),
  takenBy: z.string(),
  /** Reports taken before facts were kept, and most reports, have none. */
  facts: ReportFactsSchema.optional(),
});

export const IncidentSchema = z.object({
  id: z.string(),
  state: IncidentStateSchema,
  title: z.string(),
  category: z.string(),
  priority: PrioritySchema.nullable(),
  location: LonLatSchema.nullable(),
  address: z.string().nullable(),
  channels: z.array(ChannelSchema),
  reportCount: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSeq: z.number().int(),
  lastAction: z.string(),
});

export const IncidentDetailSchema = IncidentSchema.extend({ reports: z.array(ReportSchema) });

export const IncidentListQuerySchema = z.strictObject({
  status: z.enum(['open', 'all']).default('open'),
  limit: z.coerce.number().int().min(1).max(50_000).default(10_000),
});

// GET /incidents answers IncidentRecordListSchema (./engine.ts): full records, not summaries.

export const JournalEntrySchema = z.object({
  seq: z.number().int().positive(),
  time: z.string(),
  actor: z.string(),
  role: z.union([RoleSchema, z.literal('system')]),
  type: z.string(),
  payload: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const JournalQuerySchema = z.strictObject({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5_000).default(500),
});

export const JournalPageSchema = z.object({
  entries: z.array(JournalEntrySchema),
  /** The seq of the newest entry in the journal, so a client knows whether to page on. */
  last: z.number().int().nonnegative(),
});

// ---- stream (WebSocket /api/v1/stream) ------------------------------------

export const StreamClientMessageSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    token: z.string().min(1).max(256),
    /** Entries after this seq are sent, in order, with no gaps. */
    after: z.number().int().min(0),
    /**
     * A replica following its primary asks for the entries as appended (unmasked, so their
     * hashes verify); only accounts that may run a seat get them. Windows never ask.
     */
    replica: z.boolean().optional(),
  }),
]);
export type StreamClientMessage = z.infer<typeof StreamClientMessageSchema>;

/**
 * Whether a user is at a window now, as the hub tells (GET /roster, and the stream's
 * 'presence' message): a journal stream open, or a request answered within the last few
 * minutes; `lastSeenAt` is null when this hub has not seen the user since it started.
 */
export const PresenceSchema = z.object({ online: z.boolean(), lastSeenAt: z.string().nullable() });

export const StreamServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready'), journalSeq: z.number().int(), user: UserSchema }),
  z.object({ type: z.literal('entries'), entries: z.array(JournalEntrySchema) }),
  z.object({ type: z.literal('error'), error: ErrorBodySchema.shape.error }),
  /** Sent every few seconds, so a window knows the link is alive even when nothing happens. */
  z.object({ type: z.literal('heartbeat'), journalSeq: z.number().int(), at: z.string() }),
  /** Live unit positions (shared/protocol/units.ts): all right after ready, then each second those that changed. */
  UnitPositionsSchema.extend({ type: z.literal('positions') }),
  /** A user of the room turned on- or offline: presence changes without a journal entry. */
  PresenceSchema.extend({ type: z.literal('presence'), userId: z.string() }),
  /** The risk map's live scores (./risk.ts), each minute: only their colour changes are journaled. */
  RiskScoresSchema.extend({ type: z.literal('riskScores') }),
]);
export type StreamServerMessage = z.infer<typeof StreamServerMessageSchema>;
