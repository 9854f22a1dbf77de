// What a source said that a report's own fields do not hold, as data: checked at intake
// (the incident.report command's `facts`) and kept on the report. No domain imports, so the
// glossary's Report type can name it without a cycle.
import { z } from 'zod';

/** CAP 1.2's urgency, severity and certainty scales (./cap.ts reads them into a priority). */
export const CAP_URGENCY = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITY = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTY = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

const url = z.string().trim().max(500).regex(/^https?:\/\//, 'must be an http(s) URL');
const words = (max: number) => z.string().trim().max(max);
const iso = z.string().trim().max(40).refine((t) => !Number.isNaN(Date.parse(t)), 'must be a date-time');
/** [lon, lat], WGS-84. */
const PointSchema = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]);

/**
 * A CAP 1.2 alert's facts as the source wrote them (electron/hub/intake/cap): what it is,
 * who sent it, how bad, until when, what to do, and every area it covers.
 */
export const CapFactsSchema = z.strictObject({
  identifier: words(200),
  sender: words(200),
  sent: iso,
  msgType: z.enum(['Alert', 'Update']),
  event: words(200),
  urgency: z.enum(CAP_URGENCY),
  severity: z.enum(CAP_SEVERITY),
  certainty: z.enum(CAP_CERTAINTY),
  senderName: words(200).nullable(),
  onset: iso.nullable(),
  expires: iso.nullable(),
  instruction: words(2000).nullable(),
  web: url.nullable(),
  areas: z
    .array(
      z.strictObject({
        desc: words(500),
        polygons: z.array(z.array(PointSchema).min(4).max(5000)).max(20),
        circles: z.array(z.strictObject({ center: PointSchema, radiusKm: z.number().finite().min(0).max(20_000) })).max(20),
      }),
    )
    .max(20),
});
export type CapFacts = z.output<typeof CapFactsSchema>;

/**
 * A CAP alert that is not the town's to handle: every area it names lies beyond the admin's
 * margin around the town's boundary, or names no place in the town. Kept as a notice the admin
 * reads (GET /api/v1/admin/alerts/outside), never queued as an incident.
 */
export const AlertSetAsideSchema = z.strictObject({
  reference: words(700),
  event: words(200),
  sender: words(200),
  senderName: words(200).nullable(),
  sent: iso,
  urgency: z.enum(CAP_URGENCY),
  severity: z.enum(CAP_SEVERITY),
  certainty: z.enum(CAP_CERTAINTY),
  expires: iso.nullable(),
  areas: z.array(words(500)).max(20),
  /** How far the nearest area lies from the town's boundary, km; null when no area could be placed. */
  gapKm: z.number().finite().min(0).nullable(),
  reason: z.enum(['outsideTown', 'notLocated']),
});
export type AlertSetAside = z.output<typeof AlertSetAsideSchema>;

/**
 * What a source said that the report's own fields do not hold, kept as data rather than cut
 * into the description: media links (Open311 media_url), service attributes (attribute[code])
 * and a CAP alert's facts.
 */
export const ReportFactsSchema = z.strictObject({
  media: z.array(url).max(10).optional(),
  attributes: z.record(z.string().trim().min(1).max(64), words(500)).optional(),
  cap: CapFactsSchema.optional(),
  /**
   * Set by an Open311 POST only: the report is a public service request, and `description` is
   * the citizen's own words as GET requests may show them (scrubbed) — not the notes the hub
   * adds to the report's description for the duty room.
   */
  open311: z.strictObject({ description: words(4000) }).optional(),
});
export type ReportFacts = z.output<typeof ReportFactsSchema>;
