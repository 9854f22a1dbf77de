// The risk map's live scores as the stream carries them: only a colour change is journaled
// (`risk.changed`), so the hub sends every grid's score and reasons on the stream each minute
// (`riskScores`) and a wall map patches its cached risk map instead of asking GET /risk.
// A file of its own: the stream's schemas (./schemas.ts) and the analysis endpoints
// (./analysis.ts) both read it, and ./analysis.ts imports what imports ./schemas.ts.
import { z } from 'zod';
import { RISK_COLOURS } from '../analysis/risk';
import { SAFETY_CODES } from '../town';

export const RiskReasonsSchema = z.object({
  places: z.number(),
  placesByCode: z.record(z.enum(SAFETY_CODES), z.number()),
  redEquivalents: z.number(),
  incidents30d: z.number(),
  townMean30d: z.number(),
  densityRatio: z.number(),
  openOverdue: z.number(),
  sitesPart: z.number(),
  densityPart: z.number(),
  overduePart: z.number(),
});

/** Every grid's live score, the colour it points to and its reasons. */
export const RiskScoresSchema = z.object({
  items: z.array(z.object({ gridId: z.string(), score: z.number(), scoreColour: z.enum(RISK_COLOURS), reasons: RiskReasonsSchema })),
});
export type RiskScores = z.infer<typeof RiskScoresSchema>;
