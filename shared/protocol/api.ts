// The HTTP API as one map: the hub registers a handler per entry, the renderer's client
// derives its typed calls from the same entries.
import type { z } from 'zod';
import type { Role } from '../domain';
import {
  CommandEnvelopeSchema,
  CurrentSessionSchema,
  HealthSchema,
  IncidentListQuerySchema,
  JournalPageSchema,
  JournalQuerySchema,
  SessionRequestSchema,
  SessionResponseSchema,
} from './schemas';
import { EnrolmentConfirmSchema, EnrolmentDoneSchema, EnrolmentSchema, PairingRequestSchema, SeatSecondFactorSchema, SessionListSchema } from './auth';
import { DedupeDraftSchema } from '../dedupe/candidates';
import { DutyConfigSchema } from '../config';
import {
  DedupeCandidatesSchema,
  IncidentJournalSchema,
  IncidentRecordDetailSchema,
  IncidentRecordListSchema,
  RecommendationsSchema,
  RosterSchema,
  ShiftSchema,
  UnitListSchema,
  WallFocusSchema,
} from './engine';
import { CommandAnswerSchema, REPLICA_API } from './replica';
import { INTAKE_API } from './intake';
import { ANALYSIS_API } from './analysis';
import { TOWN_API } from './town';
import { UnitPositionsSchema } from './units';
import { READERS } from '../permissions';

export const API_PREFIX = '/api/v1';
export const STREAM_PATH = `${API_PREFIX}/stream`;
export const MAX_BODY_BYTES = 1024 * 1024;

/** One entry of the API map, as the router registers it and the client calls it. */
export interface Endpoint {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path below API_PREFIX; `:name` segments are parameters. */
  path: string;
  auth: boolean;
  /** Only these roles may call it (checked by the router); absent: every signed-in role. */
  roles?: readonly Role[];
  /**
   * The answer carries personal data (callers' names, phones, free text they typed): the
   * router masks it for the caller's role (shared/privacy.ts, shared/permissions.ts).
   */
  personal?: true;
  /** A session that may only enrol a second factor may call it (shared/protocol/auth.ts). */
  enrolment?: true;
  query?: z.ZodType;
  body?: z.ZodType;
  response: z.ZodType;
}

export const API = {
  health: { method: 'GET', path: '/health', auth: false, response: HealthSchema },
  login: {
    method: 'POST',
    path: '/sessions',
    auth: false,
    body: SessionRequestSchema,
    response: SessionResponseSchema,
  },
  currentSession: { method: 'GET', path: '/sessions/current', auth: true, enrolment: true, response: CurrentSessionSchema },
  logout: { method: 'DELETE', path: '/sessions/current', auth: true, enrolment: true, response: CurrentSessionSchema.pick({}) },
  /** A window the hub's host opened trades its one-time code (60 s) for a session. */
  pair: { method: 'POST', path: '/sessions/pair', auth: false, body: PairingRequestSchema, response: SessionResponseSchema },
  sessionList: { method: 'GET', path: '/sessions', auth: true, roles: READERS.administration, response: SessionListSchema },
  sessionRevoke: { method: 'DELETE', path: '/sessions/:id', auth: true, roles: READERS.administration, response: CurrentSessionSchema.pick({}) },
  /** A secret for the signed-in user's authenticator (replacing one not confirmed yet). */
  secondFactorBegin: { method: 'POST', path: '/sessions/current/second-factor', auth: true, enrolment: true, response: EnrolmentSchema },
  secondFactorConfirm: {
    method: 'POST',
    path: '/sessions/current/second-factor/confirm',
    auth: true,
    enrolment: true,
    body: EnrolmentConfirmSchema,
    response: EnrolmentDoneSchema,
  },
  /**
   * A seat's replica takes the signed-in account's TOTP secret, once, within 2 minutes of a
   * sign-in with an authenticator code (electron/hub/replica/seat-auth.ts); journaled.
   */
  secondFactorForSeat: { method: 'GET', path: '/sessions/current/second-factor/offline', auth: true, roles: READERS.seatSecondFactor, response: SeatSecondFactorSchema },
  secondFactorReset: { method: 'DELETE', path: '/users/:id/second-factor', auth: true, roles: READERS.administration, response: CurrentSessionSchema.pick({}) },
  command: {
    method: 'POST',
    path: '/commands',
    auth: true,
    body: CommandEnvelopeSchema,
    // A replica whose primary is away answers 202 pending (shared/protocol/replica.ts).
    response: CommandAnswerSchema,
  },
  incidents: {
    method: 'GET',
    path: '/incidents',
    auth: true,
    query: IncidentListQuerySchema,
    response: IncidentRecordListSchema,
    personal: true,
  },
  incident: { method: 'GET', path: '/incidents/:id', auth: true, personal: true, response: IncidentRecordDetailSchema },
  incidentJournal: { method: 'GET', path: '/incidents/:id/journal', auth: true, personal: true, response: IncidentJournalSchema },
  recommendations: { method: 'GET', path: '/incidents/:id/recommendations', auth: true, response: RecommendationsSchema },
  duplicates: { method: 'POST', path: '/dedupe/candidates', auth: true, personal: true, body: DedupeDraftSchema, response: DedupeCandidatesSchema },
  units: { method: 'GET', path: '/units', auth: true, response: UnitListSchema },
  unitPositions: { method: 'GET', path: '/units/positions', auth: true, response: UnitPositionsSchema },
  shift: { method: 'GET', path: '/shift', auth: true, personal: true, response: ShiftSchema },
  roster: { method: 'GET', path: '/roster', auth: true, response: RosterSchema },
  wallFocus: { method: 'GET', path: '/wall/focus', auth: true, response: WallFocusSchema },
  config: { method: 'GET', path: '/config', auth: true, response: DutyConfigSchema },
  journal: {
    method: 'GET',
    path: '/journal',
    auth: true,
    personal: true,
    query: JournalQuerySchema,
    response: JournalPageSchema,
  },
  ...TOWN_API,
  ...REPLICA_API,
  ...INTAKE_API,
  ...ANALYSIS_API,
} as const satisfies Record<string, Endpoint>;

export type Api = typeof API;
export type EndpointName = keyof Api;
type Field<E, K extends string> = E extends { [P in K]: infer S extends z.ZodType } ? S : never;
export type BodyOf<N extends EndpointName> = z.input<Field<Api[N], 'body'>>;
export type QueryOf<N extends EndpointName> = z.input<Field<Api[N], 'query'>>;
export type ParsedBodyOf<N extends EndpointName> = z.output<Field<Api[N], 'body'>>;
export type ParsedQueryOf<N extends EndpointName> = z.output<Field<Api[N], 'query'>>;
export type ResponseOf<N extends EndpointName> = z.output<Api[N]['response']>;

/** Fills `:name` segments; values are URI-encoded. */
export function endpointPath(path: string, params: Record<string, string> = {}): string {
  return path.replace(/:([A-Za-z]+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}
