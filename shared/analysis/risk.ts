// The five-colour risk map (五色图): every grid's score 0–100 from its places' safety codes,
// its incident density against the town's average over the last 30 days, and its open
// overdue incidents; the score's band gives the colour. Formulas: INDICES.md.
import { OPEN_STATES } from '../domain';
import type { SafetyCode } from '../town';
import { DEFAULT_SLA, slaMinutes, type SlaConfig } from '../sla';
import { DAY, type IncidentFact, type PlaceFact, type RegionFact } from './facts';

export const RISK_COLOURS = ['green', 'blue', 'yellow', 'orange', 'red'] as const satisfies readonly SafetyCode[];
export type RiskColour = (typeof RISK_COLOURS)[number];

export interface RiskParams {
  /** Share of the score from sites, density and overdue incidents (sum 1). */
  weights: { sites: number; density: number; overdue: number };
  /** Red-equivalents of places per code; `sitesSaturation` of them make the sites part 100. */
  codeWeight: Record<SafetyCode, number>;
  sitesSaturation: number;
  /** Density ratio (grid / town mean) at which the density part is 0, and at which it is 100. */
  densityFloor: number;
  densityCeiling: number;
  /** Open overdue incidents that make the overdue part 100. */
  overdueSaturation: number;
  windowDays: number;
  /** Lower bounds of blue, yellow, orange and red. */
  thresholds: [number, number, number, number];
  /** Points a score must pass a band's edge by before the colour changes (no flapping). */
  hysteresis: number;
  sla: SlaConfig;
}

export const DEFAULT_RISK_PARAMS: RiskParams = {
  weights: { sites: 0.4, density: 0.4, overdue: 0.2 },
  codeWeight: { green: 0, blue: 0.05, yellow: 0.2, orange: 0.5, red: 1 },
  sitesSaturation: 5,
  densityFloor: 0.5,
  densityCeiling: 3,
  overdueSaturation: 5,
  windowDays: 30,
  thresholds: [20, 35, 50, 65],
  hysteresis: 2,
  sla: DEFAULT_SLA,
};

export interface RiskReasons {
  places: number;
  placesByCode: Record<SafetyCode, number>;
  redEquivalents: number;
  incidents30d: number;
  townMean30d: number;
  densityRatio: number;
  openOverdue: number;
  sitesPart: number;
  densityPart: number;
  overduePart: number;
}

export interface GridRisk {
  gridId: string;
  name: string;
  score: number;
  colour: RiskColour;
  reasons: RiskReasons;
}

const round = (x: number) => Math.round(x * 10) / 10;
const part = (x: number) => Math.max(0, Math.min(100, 100 * x));

/** The colour of a score; with `previous`, the score must clear the band edge by the hysteresis. */
export function colourOf(score: number, params: RiskParams = DEFAULT_RISK_PARAMS, previous?: RiskColour): RiskColour {
  const band = params.thresholds.filter((t) => score >= t).length;
  const colour = RISK_COLOURS[band]!;
  if (previous === undefined || previous === colour) return colour;
  const was = RISK_COLOURS.indexOf(previous);
  const low = was === 0 ? -Infinity : params.thresholds[was - 1]!;
  const high = was === 4 ? Infinity : params.thresholds[was]!;
  return score >= low - params.hysteresis && score < high + params.hysteresis ? previous : colour;
}

/** An open incident past its dispatch or resolve deadline at `now`. */
export function isOverdue(incident: IncidentFact, now: number, sla: SlaConfig = DEFAULT_SLA): boolean {
  const minutes = slaMinutes(sla, incident.category, incident.priority);
  const created = Date.parse(incident.createdAt);
  if (now > created + minutes.resolve * 60_000) return true;
  return incident.dispatchedAt === null && now > created + minutes.dispatch * 60_000;
}

const OPEN = new Set<string>(OPEN_STATES);

export interface RiskInput {
  regions: readonly RegionFact[];
  places: readonly PlaceFact[];
  /** Incidents created in the window and every open one; others are ignored. */
  incidents: readonly IncidentFact[];
  now: number;
  /** The colours now on the map, for hysteresis. */
  previous?: ReadonlyMap<string, RiskColour>;
  params?: Partial<RiskParams>;
  /** Which states count as open (the incident state machine's open states). */
  openStates?: ReadonlySet<string>;
}

export function computeRisk(input: RiskInput): GridRisk[] {
  const p = { ...DEFAULT_RISK_PARAMS, ...input.params };
  const open = input.openStates ?? OPEN;
  const grids = input.regions.filter((r) => r.level === 'grid');
  const since = input.now - p.windowDays * DAY;
  const recent = new Map<string, number>();
  const overdue = new Map<string, number>();
  for (const incident of input.incidents) {
    if (incident.gridId === null || incident.state === 'merged' || incident.state === 'cancelled') continue;
    const created = Date.parse(incident.createdAt);
    if (created >= since && created <= input.now) recent.set(incident.gridId, (recent.get(incident.gridId) ?? 0) + 1);
    if (open.has(incident.state) && isOverdue(incident, input.now, p.sla)) overdue.set(incident.gridId, (overdue.get(incident.gridId) ?? 0) + 1);
  }
  const placesOf = new Map<string, PlaceFact[]>();
  for (const place of input.places) placesOf.set(place.gridId, [...(placesOf.get(place.gridId) ?? []), place]);
  const total = grids.reduce((sum, g) => sum + (recent.get(g.id) ?? 0), 0);
  const mean = grids.length ? total / grids.length : 0;

  return grids.map((grid) => {
    const places = placesOf.get(grid.id) ?? [];
    const byCode: Record<SafetyCode, number> = { green: 0, blue: 0, yellow: 0, orange: 0, red: 0 };
    let redEquivalents = 0;
    for (const place of places) {
      byCode[place.safetyCode]++;
      redEquivalents += p.codeWeight[place.safetyCode];
    }
    const incidents30d = recent.get(grid.id) ?? 0;
    const densityRatio = mean > 0 ? incidents30d / mean : 0;
    const openOverdue = overdue.get(grid.id) ?? 0;
    const sitesPart = part(redEquivalents / p.sitesSaturation);
    const densityPart = part((densityRatio - p.densityFloor) / (p.densityCeiling - p.densityFloor));
    const overduePart = part(openOverdue / p.overdueSaturation);
    const score = round(p.weights.sites * sitesPart + p.weights.density * densityPart + p.weights.overdue * overduePart);
    return {
      gridId: grid.id,
      name: grid.name,
      score,
      colour: colourOf(score, p, input.previous?.get(grid.id)),
      reasons: {
        places: places.length,
        placesByCode: byCode,
        redEquivalents: round(redEquivalents),
        incidents30d,
        townMean30d: round(mean),
        densityRatio: Math.round(densityRatio * 100) / 100,
        openOverdue,
        sitesPart: round(sitesPart),
        densityPart: round(densityPart),
        overduePart: round(overduePart),
      },
    };
  });
}
