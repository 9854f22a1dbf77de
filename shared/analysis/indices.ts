// The six safety indices (平安六指数) per region and day, each 0–100 where 100 is best.
// Formulas: shared/analysis/INDICES.md. One pass over the incidents adds each incident's
// counts to its grid and every region above it; the scores are read off those counters.
import { DEFAULT_SLA, slaMinutes, type SlaConfig } from '../sla';
import { ancestry, DAY, isoMs, dayFromKey, dayKey, dayOf, dayStart, type IncidentFact, type PlaceFact, type RegionFact } from './facts';

export const INDEX_NAMES = ['pressure', 'timeliness', 'closure', 'repeat', 'riskSites', 'satisfaction'] as const;
export type IndexName = (typeof INDEX_NAMES)[number];

export type IndexWeights = Record<IndexName, number>;

export const DEFAULT_INDEX_WEIGHTS: IndexWeights = {
  pressure: 0.2,
  timeliness: 0.2,
  closure: 0.2,
  repeat: 0.1,
  riskSites: 0.15,
  satisfaction: 0.15,
};

export interface IndexParams {
  weights: IndexWeights;
  /** Observed/expected ratio at which pressure reaches 0 (it is 100 up to 1). */
  pressureCeiling: number;
  /** Weeks of the same weekday averaged for the pressure baseline. */
  baselineWeeks: number;
  /** A report repeats one at the same place when within this distance … */
  repeatMeters: number;
  /** … and this many days, with the same category. */
  repeatDays: number;
  /** A place is overdue for inspection when none was made in this many days. */
  inspectionDays: number;
  /** Points taken off satisfaction per percentage point of reopened closures. */
  reopenPenalty: number;
  sla: SlaConfig;
}

export const DEFAULT_INDEX_PARAMS: IndexParams = {
  weights: DEFAULT_INDEX_WEIGHTS,
  pressureCeiling: 2,
  baselineWeeks: 4,
  repeatMeters: 50,
  repeatDays: 30,
  inspectionDays: 180,
  reopenPenalty: 1,
  sla: DEFAULT_SLA,
};

/** Weight of a place's safety code in the risk-sites index. */
export const SITE_CODE_WEIGHT = { green: 0, blue: 0, yellow: 0.5, orange: 0.75, red: 1 } as const;
/** Added to a place's weight when its inspection is overdue (the sum is capped at 1). */
export const OVERDUE_INSPECTION_WEIGHT = 0.5;

export interface IndexValue {
  /** null when the day has nothing to measure (no incidents due, no ratings …). */
  score: number | null;
  inputs: Record<string, number>;
}

export interface RegionIndices {
  regionId: string;
  name: string;
  level: RegionFact['level'];
  date: string;
  /** Weighted mean of the scores that are not null. */
  overall: number | null;
  indices: Record<IndexName, IndexValue>;
}

export interface IndicesInput {
  incidents: readonly IncidentFact[];
  regions: readonly RegionFact[];
  places: readonly PlaceFact[];
  /** First and last day, YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** Clocks not yet run out at this instant are not counted as late. */
  asOf: number;
  /** Only these regions in the answer (all when absent). */
  regionIds?: readonly string[];
  params?: Partial<IndexParams>;
}

// Counters per region and day.
export const C = {
  reports: 0,
  dispatchDue: 1,
  dispatchOnTime: 2,
  resolveDue: 3,
  resolveOnTime: 4,
  repeats: 5,
  merged: 6,
  closed: 7,
  rated: 8,
  ratingSum: 9,
  reopened: 10,
  places: 11,
  placeWeight: 12,
  riskyCode: 13,
  overdueInspection: 14,
} as const;
/** Counters per region and day. */
export const K = 15;

const FINISHED = new Set(['resolved', 'closed']);
const GONE = new Set(['merged', 'cancelled']);

const clamp = (x: number) => Math.max(0, Math.min(100, x));
const round = (x: number) => Math.round(x * 10) / 10;

export function indexParams(params?: Partial<IndexParams>): IndexParams {
  return { ...DEFAULT_INDEX_PARAMS, ...params };
}

/** A duplicate report: merged into another incident. Always counts as a repeat. */
export function isDuplicate(incident: IncidentFact): boolean {
  return incident.mergedInto !== null || incident.state === 'merged';
}

export function metres(a: IncidentFact, b: IncidentFact): number {
  const dLat = (a.lat! - b.lat!) * 111_320;
  const dLon = (a.lon! - b.lon!) * 111_320 * Math.cos((a.lat! * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

/** Where an incident's counts go: `fixed` hold at any instant, `timed` once `deadline` has passed. */
export interface CountSink {
  fixed(day: number, counter: number, value: number): void;
  timed(day: number, counter: number, deadline: number): void;
}

/**
 * One incident's counts, all but the repeat (which depends on the reports before it). The
 * full pass and the incremental counters (incremental.ts) both count through this, so they
 * cannot disagree. A clock not yet done is `timed`: it is due only once it has run out.
 */
export function incidentCounts(incident: IncidentFact, created: number, p: IndexParams, sink: CountSink): void {
  const createdDay = dayOf(created);
  // 1 pressure and 4 repeat reporting count every report, duplicates included.
  sink.fixed(createdDay, C.reports, 1);
  if (isDuplicate(incident)) sink.fixed(createdDay, C.merged, 1);
  if (GONE.has(incident.state)) return;

  const minutes = slaMinutes(p.sla, incident.category, incident.priority);
  const finishedAt = FINISHED.has(incident.state) ? (incident.resolvedAt ?? incident.closedAt ?? incident.updatedAt) : null;
  // 2 timeliness: the dispatch clock, counted on the day of the report.
  const dispatchDeadline = created + minutes.dispatch * 60_000;
  const dispatched = incident.dispatchedAt ?? finishedAt;
  if (dispatched !== null) {
    sink.fixed(createdDay, C.dispatchDue, 1);
    if (isoMs(dispatched) <= dispatchDeadline) sink.fixed(createdDay, C.dispatchOnTime, 1);
  } else sink.timed(createdDay, C.dispatchDue, dispatchDeadline);
  // 3 closure: the resolve clock, counted on the day it falls due.
  const resolveDeadline = created + minutes.resolve * 60_000;
  const dueDay = dayOf(resolveDeadline);
  if (finishedAt !== null && isoMs(finishedAt) <= resolveDeadline) {
    sink.fixed(dueDay, C.resolveDue, 1);
    sink.fixed(dueDay, C.resolveOnTime, 1);
  } else sink.timed(dueDay, C.resolveDue, resolveDeadline);
  // 6 satisfaction: closures of the day, their ratings and how many had been reopened.
  if (incident.state === 'closed' && incident.closedAt !== null) {
    const closedDay = dayOf(isoMs(incident.closedAt));
    sink.fixed(closedDay, C.closed, 1);
    if (incident.rating !== null) {
      sink.fixed(closedDay, C.rated, 1);
      sink.fixed(closedDay, C.ratingSum, incident.rating);
    }
    if (incident.reopenCount > 0) sink.fixed(closedDay, C.reopened, 1);
  }
}

/** A day range's counter block: region r, day d, counter c at `(r × span + d − base) × K + c`. */
export interface CounterBlock {
  counts: Float64Array;
  /** First day held (the baseline weeks before `first`). */
  base: number;
  span: number;
  first: number;
  last: number;
}

export function counterBlock(regions: number, from: string, to: string, p: IndexParams): CounterBlock {
  const first = dayFromKey(from);
  const last = dayFromKey(to);
  const base = first - p.baselineWeeks * 7; // counters start here so the baseline has its weeks
  const span = last - base + 1;
  return { counts: new Float64Array(regions * span * K), base, span, first, last };
}

export function computeIndices(input: IndicesInput): RegionIndices[] {
  const p = indexParams(input.params);
  const { regions } = input;
  const block = counterBlock(regions.length, input.from, input.to, p);
  const { counts, base, span, first, last } = block;
  const chains = ancestry(regions);
  const add = (chain: readonly number[], day: number, counter: number, value = 1) => {
    if (day < base || day > last) return;
    const offset = (day - base) * K + counter;
    for (const r of chain) counts[r * span * K + offset]! += value;
  };

  // Repeats at the same place: earlier reports per grid and category, in time order.
  const byGrid = new Map<string, Array<{ incident: IncidentFact; created: number }>>();
  const sorted = input.incidents.map((incident) => ({ incident, created: isoMs(incident.createdAt) })).sort((a, b) => a.created - b.created);
  const repeatWindow = p.repeatDays * DAY;
  let chain: readonly number[] = [];
  const sink: CountSink = {
    fixed: (day, counter, value) => add(chain, day, counter, value),
    timed: (day, counter, deadline) => {
      if (deadline <= input.asOf) add(chain, day, counter);
    },
  };

  for (const { incident, created } of sorted) {
    const found = incident.gridId === null ? undefined : chains.get(incident.gridId);
    if (!found) continue;
    chain = found;
    const createdDay = dayOf(created);
    let repeat = isDuplicate(incident);
    const placeKey = `${incident.gridId}|${incident.category}`;
    const earlier = byGrid.get(placeKey) ?? [];
    if (!repeat && incident.lat !== null && incident.lon !== null && createdDay >= first) {
      for (let i = earlier.length - 1; i >= 0; i--) {
        const other = earlier[i]!;
        if (created - other.created > repeatWindow) break;
        if (metres(other.incident, incident) <= p.repeatMeters) {
          repeat = true;
          break;
        }
      }
    }
    if (repeat) add(chain, createdDay, C.repeats);
    if (incident.lat !== null && incident.lon !== null) {
      earlier.push({ incident, created });
      byGrid.set(placeKey, earlier);
    }
    incidentCounts(incident, created, p, sink);
  }

  addPlaceCounts(block, placeDays(input.places), chains, p);
  return scoreRegions(block, regions, p, input.regionIds);
}

/** A place as the risk-sites index reads it: its code's weight and its inspection days in order. */
export interface PlaceDays {
  gridId: string;
  code: number;
  inspected: number[];
}

export function placeDays(places: readonly PlaceFact[]): PlaceDays[] {
  return places.map((place) => ({ gridId: place.gridId, code: SITE_CODE_WEIGHT[place.safetyCode], inspected: place.inspections.map(dayFromKey).sort((a, b) => a - b) }));
}

/** 5 risk sites: each place's weight on each day of the block, by its code and its last inspection. */
export function addPlaceCounts(block: CounterBlock, places: readonly PlaceDays[], chains: ReadonlyMap<string, readonly number[]>, p: IndexParams): void {
  const { counts, base, span, first, last } = block;
  const inspectionWindow = p.inspectionDays;
  // Summed per grid first (the grid's own row), then added once into the regions above.
  const gridRows = new Map<string, number>();
  for (const place of places) {
    const chain = chains.get(place.gridId);
    if (!chain) continue;
    gridRows.set(place.gridId, chain[0]!);
    const row = chain[0]! * span * K;
    const { inspected, code } = place;
    let next = 0;
    let lastInspection = -Infinity;
    for (let day = first; day <= last; day++) {
      while (next < inspected.length && inspected[next]! <= day) lastInspection = inspected[next++]!;
      const overdue = day - lastInspection > inspectionWindow;
      const o = row + (day - base) * K;
      counts[o + C.places]! += 1;
      counts[o + C.placeWeight]! += Math.min(1, code + (overdue ? OVERDUE_INSPECTION_WEIGHT : 0));
      if (code > 0) counts[o + C.riskyCode]! += 1;
      if (overdue) counts[o + C.overdueInspection]! += 1;
    }
  }
  for (const [gridId, row] of gridRows) {
    const above = chains.get(gridId)!.slice(1);
    for (let day = first; day <= last; day++) {
      const offset = row * span * K + (day - base) * K;
      for (const counter of [C.places, C.placeWeight, C.riskyCode, C.overdueInspection]) {
        for (const r of above) counts[r * span * K + (day - base) * K + counter]! += counts[offset + counter]!;
      }
    }
  }
}

/** The scores of every day from `first` to `last`, read off the counters. */
export function scoreRegions(block: CounterBlock, regions: readonly RegionFact[], p: IndexParams, regionIds?: readonly string[]): RegionIndices[] {
  const { counts, base, span, first, last } = block;
  const wanted = regionIds ? new Set(regionIds) : null;
  const out: RegionIndices[] = [];
  regions.forEach((region, r) => {
    if (wanted && !wanted.has(region.id)) return;
    const at = (day: number, counter: number) => counts[r * span * K + (day - base) * K + counter]!;
    for (let day = first; day <= last; day++) {
      const get = (counter: number) => at(day, counter);
      let baselineSum = 0;
      for (let w = 1; w <= p.baselineWeeks; w++) baselineSum += at(day - 7 * w, C.reports);
      const expected = baselineSum / p.baselineWeeks;
      const observed = get(C.reports);
      const ratio = (observed + 1) / (expected + 1);
      const pressure = clamp((100 * (p.pressureCeiling - ratio)) / (p.pressureCeiling - 1));

      const share = (num: number, den: number) => (den > 0 ? clamp((100 * num) / den) : null);
      const timeliness = share(get(C.dispatchOnTime), get(C.dispatchDue));
      const closure = share(get(C.resolveOnTime), get(C.resolveDue));
      const repeat = observed > 0 ? clamp(100 * (1 - get(C.repeats) / observed)) : null;
      const places = get(C.places);
      const riskSites = places > 0 ? clamp(100 * (1 - get(C.placeWeight) / places)) : null;
      const rated = get(C.rated);
      const closed = get(C.closed);
      const meanRating = rated > 0 ? get(C.ratingSum) / rated : null;
      const reopenRate = closed > 0 ? get(C.reopened) / closed : 0;
      const satisfaction = meanRating === null ? null : clamp(((meanRating - 1) / 4) * 100 - p.reopenPenalty * 100 * reopenRate);

      const indices: Record<IndexName, IndexValue> = {
        pressure: { score: round(pressure), inputs: { observed, expected: round(expected), ratio: Math.round(ratio * 1000) / 1000 } },
        timeliness: { score: timeliness === null ? null : round(timeliness), inputs: { due: get(C.dispatchDue), onTime: get(C.dispatchOnTime) } },
        closure: { score: closure === null ? null : round(closure), inputs: { due: get(C.resolveDue), onTime: get(C.resolveOnTime) } },
        repeat: { score: repeat === null ? null : round(repeat), inputs: { reports: observed, repeats: get(C.repeats), duplicates: get(C.merged) } },
        riskSites: {
          score: riskSites === null ? null : round(riskSites),
          inputs: { places, weight: round(get(C.placeWeight)), riskyCode: get(C.riskyCode), overdueInspection: get(C.overdueInspection) },
        },
        satisfaction: {
          score: satisfaction === null ? null : round(satisfaction),
          inputs: { closed, rated, meanRating: meanRating === null ? 0 : Math.round(meanRating * 100) / 100, reopened: get(C.reopened) },
        },
      };
      let weighted = 0;
      let weights = 0;
      for (const name of INDEX_NAMES) {
        const score = indices[name].score;
        if (score === null) continue;
        weighted += p.weights[name] * score;
        weights += p.weights[name];
      }
      out.push({ regionId: region.id, name: region.name, level: region.level, date: dayKey(day), overall: weights > 0 ? round(weighted / weights) : null, indices });
    }
  });
  return out;
}

/** The instant a day's figures are final: its end (or now, for today). */
export function endOfDay(date: string): number {
  return dayStart(dayFromKey(date) + 1);
}
