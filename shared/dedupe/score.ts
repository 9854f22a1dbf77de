// Why two reports may be the same incident, as numbers a seat operator can read: each part
// is 0–1, and the total is their weighted sum, so every candidate explains itself.
import type { LonLat } from '../domain';
import { distanceMeters } from '../geo/distance';
import { bigrams, textSimilarity } from './text';

export interface DedupeSubject {
  category: string;
  time: string;
  location: LonLat | null;
  /** Title and description together. */
  text: string;
  /** Normalised as shared/geo/address.ts normalizeAddress leaves it, with the town's prefixes. */
  address: string | null;
  phones: string[];
}

export interface DedupeScore {
  total: number;
  distanceMeters: number | null;
  minutesApart: number;
  parts: { distance: number; time: number; category: number; text: number; samePhone: number; samePlace: number };
}

/** Related categories: one event is often filed under either. */
const RELATED: ReadonlyArray<ReadonlySet<string>> = [
  new Set(['fire', 'fireHazard', 'gasLeak']),
  new Set(['streetVending', 'sanitation']),
  new Set(['noise', 'illegalConstruction']),
  new Set(['publicOrder', 'neighbourDispute']),
  new Set(['trafficAccident', 'municipalFacility']),
];

/** Why a pair was thought one event, in codes a window puts into words with the figures. */
export const DUPLICATE_REASONS = ['near', 'soon', 'sameCategory', 'relatedCategory', 'similarText', 'samePhone', 'samePlace'] as const;
export type DuplicateReason = (typeof DUPLICATE_REASONS)[number];

/** The parts of a score that count as evidence, strongest first: what a seat reads beside the total. */
export function duplicateReasons(score: DedupeScore): DuplicateReason[] {
  const reasons: DuplicateReason[] = [];
  if (score.parts.samePhone) reasons.push('samePhone');
  if (score.parts.samePlace) reasons.push('samePlace');
  // Within 150 m (half the distance weight) and within the hour.
  if (score.distanceMeters !== null && score.parts.distance >= 0.5) reasons.push('near');
  if (score.minutesApart <= 60) reasons.push('soon');
  if (score.parts.category === 1) reasons.push('sameCategory');
  else if (score.parts.category > 0) reasons.push('relatedCategory');
  if (score.parts.text >= 0.3) reasons.push('similarText');
  return reasons;
}

export const DEDUPE_WEIGHTS = { distance: 0.25, time: 0.1, category: 0.15, text: 0.3, samePhone: 0.1, samePlace: 0.1 } as const;
/** Candidates at or above this total are offered as likely duplicates. */
export const LIKELY_DUPLICATE = 0.55;

function categoryScore(a: string, b: string): number {
  if (a === b) return 1;
  return RELATED.some((group) => group.has(a) && group.has(b)) ? 0.6 : 0;
}

export function scorePair(a: DedupeSubject, b: DedupeSubject, gramsA = bigrams(a.text), gramsB = bigrams(b.text)): DedupeScore {
  const meters = a.location && b.location ? distanceMeters(a.location, b.location) : null;
  const minutes = Math.abs(Date.parse(a.time) - Date.parse(b.time)) / 60_000;
  // Addresses come normalised by the caller (shared/geo/address.ts normalizeAddress, the town's prefixes gone).
  const samePlace = a.address !== null && a.address === b.address ? 1 : 0;
  const parts = {
    // Half weight at 150 m: reports of one event are located by different means.
    distance: meters === null ? (samePlace ? 1 : 0) : Math.exp(-meters / 216),
    // Half weight at 6 hours.
    time: Math.exp(-minutes / 520),
    category: categoryScore(a.category, b.category),
    text: textSimilarity(gramsA, gramsB),
    samePhone: a.phones.some((p) => p && b.phones.includes(p)) ? 1 : 0,
    samePlace,
  };
  const total = (Object.keys(DEDUPE_WEIGHTS) as Array<keyof typeof DEDUPE_WEIGHTS>).reduce((sum, key) => sum + DEDUPE_WEIGHTS[key] * parts[key], 0);
  return { total: Math.round(total * 1000) / 1000, distanceMeters: meters === null ? null : Math.round(meters), minutesApart: Math.round(minutes), parts };
}
