// What the channels' systems send to the hub (POST /api/v1/ingest/{channel}: the path keeps
// the step's former name, which the channels' systems are configured with), and the
// seat-facing endpoints of intake: address autocomplete and the callback dead letters.
import { z } from 'zod';
import { DATUMS } from '../geo/datum';
import { ReporterSchema } from './commands';
import { AlertSetAsideSchema } from '../intake/facts';
import { READERS } from '../permissions';

/** Channels fed by another system; walk-ins and phone calls are taken at the seat. */
export const INTAKE_CHANNELS = ['hotline12345', 'police110', 'fire119', 'cityManagement', 'gridApp', 'iot', 'videoAi'] as const;
export type IntakeChannel = (typeof INTAKE_CHANNELS)[number];

/** The source's own id becomes part of an idempotency key (ingest:CHANNEL:EXTERNALID), so the same charset. */
export const ExternalIdSchema = z
  .string()
  .min(1, 'externalId is required')
  .max(96)
  .regex(/^[A-Za-z0-9._:-]+$/, 'externalId uses letters, digits and . _ : - only');

const text = (max: number) => z.string().trim().max(max);

export const IntakeReportSchema = z
  .strictObject({
    externalId: ExternalIdSchema,
    /** When the source took the report, ISO 8601 with an offset (2026-05-01T08:30:00+08:00). */
    time: z.iso.datetime({ offset: true, message: 'time is an ISO 8601 date-time with an offset, e.g. 2026-05-01T08:30:00+08:00' }),
    /** The channel's own category code; see the mapping tables in shared/intake/categories.ts. */
    categoryCode: text(64).min(1, 'categoryCode is required'),
    text: text(4000).min(1, 'text is required'),
    title: text(120).min(1).optional(),
    location: z
      .strictObject({
        lon: z.number().finite().min(-180).max(180),
        lat: z.number().finite().min(-90).max(90),
        datum: z.enum(DATUMS).default('wgs84'),
      })
      .optional(),
    address: text(200).min(1).optional(),
    attachments: z
      .array(z.url({ protocol: /^https?$/, message: 'an attachment is an http(s) URL' }).max(500))
      .max(20)
      .default([]),
    reporter: ReporterSchema.optional(),
  })
  .refine((r) => r.location !== undefined || r.address !== undefined, { message: 'a report needs a location or an address', path: ['location'] });
export type IntakeReport = z.output<typeof IntakeReportSchema>;

/** An address of the town's database (shared/town.ts Address) offered for what was written. */
export const GeocodeCandidateSchema = z.object({
  /** The address's id; null for a building named without its unit (the units' centre). */
  addressId: z.string().nullable(),
  text: z.string(),
  location: z.object({ lon: z.number(), lat: z.number() }),
  gridId: z.string(),
  /** 0–1: how well the road, number, building and unit agree with what was written. */
  score: z.number(),
});

export const LocatingSchema = z.object({
  status: z.enum(['located', 'matched', 'ambiguous', 'unresolved']),
  candidates: z.array(GeocodeCandidateSchema),
});

export const IntakeAnswerSchema = z.object({
  incidentId: z.string(),
  status: z.enum(['created', 'duplicate']),
  category: z.string(),
  locating: LocatingSchema.optional(),
});
export type IntakeAnswer = z.output<typeof IntakeAnswerSchema>;

export const GeocodeQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'q is the address typed so far').max(200),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});
export const GeocodeAnswerSchema = z.object({
  status: z.enum(['matched', 'ambiguous', 'unresolved']),
  match: GeocodeCandidateSchema.nullable(),
  candidates: z.array(GeocodeCandidateSchema),
  suggestions: z.array(GeocodeCandidateSchema),
});

export const DeadLetterSchema = z.object({
  id: z.number().int(),
  channel: z.string(),
  url: z.string(),
  body: z.string(),
  attempts: z.number().int(),
  lastError: z.string(),
  createdAt: z.string(),
  replayedAt: z.string().nullable(),
});
export const DeadLetterListSchema = z.object({ items: z.array(DeadLetterSchema) });
export const ReplayAnswerSchema = z.object({ delivered: z.boolean(), error: z.string().nullable(), item: DeadLetterSchema });

/** A CAP alert set aside (shared/intake/facts.ts AlertSetAsideSchema), as the admin reads it. */
export const AlertSetAsideNoticeSchema = AlertSetAsideSchema.extend({ seq: z.number().int(), time: z.string(), channel: z.string() });
export const AlertSetAsideListSchema = z.object({ items: z.array(AlertSetAsideNoticeSchema) });
export type AlertSetAsideNotice = z.output<typeof AlertSetAsideNoticeSchema>;

/** Intake's entries of the API map (api.ts spreads them in); session-authenticated like the rest. */
export const INTAKE_API = {
  geocode: { method: 'GET', path: '/geocode', auth: true, query: GeocodeQuerySchema, response: GeocodeAnswerSchema },
  deadLetters: { method: 'GET', path: '/admin/deadletters', auth: true, roles: READERS.administration, personal: true, response: DeadLetterListSchema },
  replayDeadLetter: { method: 'POST', path: '/admin/deadletters/:id/replay', auth: true, roles: READERS.administration, personal: true, response: ReplayAnswerSchema },
  alertsSetAside: { method: 'GET', path: '/admin/alerts/set-aside', auth: true, roles: READERS.administration, response: AlertSetAsideListSchema },
} as const;
