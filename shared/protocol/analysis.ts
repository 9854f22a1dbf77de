// The analysis endpoints: the six safety indices, the five-colour risk map and the open
// early warnings (shared/analysis). The board and the daily briefing read the same.
import { z } from 'zod';
import { INDEX_NAMES } from '../analysis/indices';
import { RISK_COLOURS } from '../analysis/risk';
import { CHANNELS } from '../domain';
import { READERS } from '../permissions';
import { REGION_LEVELS } from '../town';
import { RiskReasonsSchema } from './risk';

const IndexValueSchema = z.object({ score: z.number().nullable(), inputs: z.record(z.string(), z.number()) });

export const IndicesQuerySchema = z.strictObject({
  /** The town day, YYYY-MM-DD; yesterday when absent. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  region: z.string().min(1).optional(),
});

const DaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** At most this many days in one range query. */
export const MAX_INDEX_RANGE_DAYS = 92;

export const IndicesRangeQuerySchema = z
  .strictObject({ from: DaySchema, to: DaySchema, region: z.string().min(1).optional() })
  .refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] })
  .refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_INDEX_RANGE_DAYS, {
    message: `at most ${MAX_INDEX_RANGE_DAYS} days at once`,
    path: ['to'],
  });

export const RegionIndicesSchema = z.object({
  regionId: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  date: z.string(),
  overall: z.number().nullable(),
  indices: z.object(Object.fromEntries(INDEX_NAMES.map((n) => [n, IndexValueSchema])) as Record<(typeof INDEX_NAMES)[number], typeof IndexValueSchema>),
});

export const IndicesSchema = z.object({ date: z.string(), asOf: z.string(), items: z.array(RegionIndicesSchema) });

/** Every region's indices for every day of the range (`items[].date`). */
export const IndicesRangeSchema = z.object({ from: z.string(), to: z.string(), asOf: z.string(), items: z.array(RegionIndicesSchema) });

const ColourSchema = z.enum(RISK_COLOURS);

export { RiskReasonsSchema } from './risk';

export const RiskMapSchema = z.object({
  items: z.array(
    z.object({
      gridId: z.string(),
      name: z.string(),
      colour: ColourSchema,
      scoreColour: ColourSchema,
      score: z.number(),
      since: z.string().nullable(),
      reasons: RiskReasonsSchema,
    }),
  ),
});

/** A `warning.raised` entry's payload: a grid's hour with more incidents than the forecast allows. */
export const WarningRaisedSchema = z.object({
  /** `gridId@hourStart`: one warning per grid and hour. */
  id: z.string(),
  gridId: z.string(),
  name: z.string(),
  hourStart: z.string(),
  observed: z.number(),
  expected: z.number(),
  upperBound: z.number(),
  p: z.number(),
  explanation: z.string(),
});

/** A `warning.acknowledged` entry's payload (the actor is the entry's). */
export const WarningAcknowledgedSchema = z.object({ warningId: z.string(), note: z.string().nullable() });

/** The open (raised, not acknowledged) early warnings, newest hour first. */
export const WarningsSchema = z.object({
  items: z.array(
    WarningRaisedSchema.extend({
      state: z.enum(['open', 'acknowledged']),
      raisedAt: z.string(),
      /** The seq of the `warning.raised` entry. */
      seq: z.number(),
    }),
  ),
});

/** The heat map's month: where incidents were reported, not the records themselves. */
export const HeatQuerySchema = z.strictObject({
  since: z.iso.datetime(),
  limit: z.coerce.number().int().min(1).max(100_000).default(50_000),
});

export const HeatSchema = z.object({
  /** lon, lat and creation time (ms) of each located incident since then, newest first, flat; merged ones are counted in their target. */
  points: z.array(z.number()).refine((points) => points.length % 3 === 0, { message: 'points come in threes: lon, lat, time' }),
  /** More incidents than `limit`: the oldest were left out. */
  truncated: z.boolean(),
});

export const DayCountsQuerySchema = z.strictObject({
  /** The town day, YYYY-MM-DD; yesterday when absent. */
  date: DaySchema.optional(),
});

/** A town day's incidents (merged ones excluded) by category and by channel, most first: the briefing's "yesterday". */
export const DayCountsSchema = z.object({
  date: z.string(),
  total: z.number(),
  byCategory: z.array(z.object({ key: z.string(), count: z.number() })),
  byChannel: z.array(z.object({ key: z.enum(CHANNELS), count: z.number() })),
});

export const ANALYSIS_API = {
  indices: { method: 'GET', path: '/indices', auth: true, query: IndicesQuerySchema, response: IndicesSchema },
  indicesRange: { method: 'GET', path: '/indices/range', auth: true, query: IndicesRangeQuerySchema, response: IndicesRangeSchema },
  risk: { method: 'GET', path: '/risk', auth: true, response: RiskMapSchema },
  warnings: { method: 'GET', path: '/warnings', auth: true, response: WarningsSchema },
  heat: { method: 'GET', path: '/heat', auth: true, query: HeatQuerySchema, response: HeatSchema },
  /** Counted from the facts the analysis holds, so the briefing need not read the day's incidents. */
  dayCounts: { method: 'GET', path: '/day-counts', auth: true, roles: READERS.dayCounts, query: DayCountsQuerySchema, response: DayCountsSchema },
} as const;

export type AnalysisEndpointName = keyof typeof ANALYSIS_API;
