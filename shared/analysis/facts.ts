// What the analysis reads of an incident and of the town: small flat facts, so the same
// pure functions serve the hub (from SQL rows), the bench and hand-made test fixtures.
// Days are the town's calendar days in the town's time zone (shared/time.ts).
import type { Channel, Priority } from '../domain';
import { dayNumberKey, dayNumberOf, townDayNumber, townDayStartOf, townOffsetMs } from '../time';
import type { RegionLevel, SafetyCode } from '../town';

export interface IncidentFact {
  id: string;
  state: string;
  priority: Priority | null;
  category: string;
  gridId: string | null;
  lon: number | null;
  lat: number | null;
  createdAt: string;
  updatedAt: string;
  dispatchedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  /** 1–5, recorded at closure. */
  rating: number | null;
  /** Set while merged into another incident (a duplicate report). */
  mergedInto: string | null;
  /** Where its reports came from; for the briefing's day counts. Absent in facts made before it was read. */
  channels?: readonly Channel[];
}

export interface RegionFact {
  id: string;
  name: string;
  level: RegionLevel;
  parentId: string | null;
}

export interface PlaceFact {
  id: string;
  gridId: string;
  safetyCode: SafetyCode;
  /** Inspection dates, YYYY-MM-DD, any order. */
  inspections: string[];
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Milliseconds of an ISO instant; the hub's own `YYYY-MM-DDTHH:MM:SS.sssZ` without Date.parse. */
export function isoMs(iso: string): number {
  if (iso.length !== 24 || iso.charCodeAt(23) !== 90 /* Z */) return Date.parse(iso);
  return Date.UTC(digits(iso, 0, 4), digits(iso, 5, 7) - 1, digits(iso, 8, 10), digits(iso, 11, 13), digits(iso, 14, 16), digits(iso, 17, 19), digits(iso, 20, 23));
}

// Module-level, not a closure inside isoMs: it runs for every incident of every query.
function digits(iso: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) v = v * 10 + iso.charCodeAt(i) - 48;
  return v;
}

/** Day number (days since 1970-01-01 in town time) of an instant. */
export function dayOf(ms: number): number {
  return townDayNumber(ms);
}

/** YYYY-MM-DD of a town day number. */
export function dayKey(day: number): string {
  return dayNumberKey(day);
}

/** Town day number of YYYY-MM-DD. */
export function dayFromKey(key: string): number {
  return dayNumberOf(key);
}

/** The UTC instant a town day starts. */
export function dayStart(day: number): number {
  return townDayStartOf(day);
}

/** Hour of the week in town time, 0 = Monday 00:00–01:00. */
export function hourOfWeek(ms: number): number {
  const local = ms + townOffsetMs(ms);
  const hours = Math.floor(local / HOUR);
  // 1970-01-01 was a Thursday: shift so Monday is 0.
  return (((hours + 3 * 24) % 168) + 168) % 168;
}

/** The chain of regions from a grid up to the command region, the grid first. */
export function ancestry(regions: readonly RegionFact[]): Map<string, number[]> {
  const index = new Map(regions.map((r, i) => [r.id, i]));
  const chains = new Map<string, number[]>();
  regions.forEach((region, i) => {
    if (region.level !== 'grid') return;
    const chain = [i];
    let parent = region.parentId;
    while (parent !== null && index.has(parent) && chain.length < 10) {
      const p = index.get(parent)!;
      chain.push(p);
      parent = regions[p]!.parentId;
    }
    chains.set(region.id, chain);
  });
  return chains;
}
