// What the town's traffic is made of, for the generated history and the simulator alike: how
// often each category comes in, by which channel, how urgent it is, and how long it takes on
// the spot. Figures are a duty room's rough proportions (12345 carries most; 119 is rare).
import type { Channel, Priority } from '../../../shared/domain';
import type { Random } from './random';

export const CATEGORY_WEIGHTS: Record<string, number> = {
  streetVending: 14,
  sanitation: 14,
  noise: 10,
  neighbourDispute: 9,
  municipalFacility: 9,
  illegalConstruction: 8,
  publicOrder: 6,
  trafficAccident: 6,
  fireHazard: 5,
  other: 5,
  groupRenting: 3,
  foodSafety: 3,
  waterPollution: 3,
  workSafety: 3,
  fire: 1,
  gasLeak: 1,
};

/** Reported at a place (an enterprise or a site) rather than at a street address. */
export const PLACE_CATEGORIES: ReadonlySet<string> = new Set(['fireHazard', 'workSafety', 'foodSafety', 'fire', 'gasLeak']);

const CHANNEL_DEFAULT: Partial<Record<Channel, number>> = { hotline12345: 45, gridApp: 22, cityManagement: 12, police110: 6, videoAi: 5, phone: 5, iot: 3, walkIn: 2 };
const CHANNEL_BY_CATEGORY: Record<string, Partial<Record<Channel, number>>> = {
  fire: { fire119: 55, police110: 15, hotline12345: 15, iot: 10, videoAi: 5 },
  gasLeak: { hotline12345: 45, iot: 25, fire119: 20, phone: 10 },
  trafficAccident: { police110: 50, hotline12345: 25, videoAi: 20, gridApp: 5 },
  publicOrder: { police110: 45, hotline12345: 35, gridApp: 15, videoAi: 5 },
  streetVending: { hotline12345: 30, cityManagement: 30, videoAi: 20, gridApp: 20 },
  sanitation: { hotline12345: 35, cityManagement: 30, gridApp: 25, videoAi: 10 },
  fireHazard: { gridApp: 40, hotline12345: 35, iot: 20, fire119: 5 },
  waterPollution: { hotline12345: 40, iot: 30, gridApp: 25, cityManagement: 5 },
  illegalConstruction: { hotline12345: 40, gridApp: 35, cityManagement: 15, videoAi: 10 },
  workSafety: { gridApp: 50, hotline12345: 30, videoAi: 20 },
};

/** Chance of P1, P2, P3, P4 by category; the seat's triage draws from it. */
const PRIORITY_BY_CATEGORY: Record<string, readonly [number, number, number, number]> = {
  fire: [0.8, 0.2, 0, 0],
  gasLeak: [0.7, 0.3, 0, 0],
  trafficAccident: [0.1, 0.5, 0.4, 0],
  publicOrder: [0.05, 0.4, 0.45, 0.1],
  workSafety: [0.05, 0.35, 0.5, 0.1],
  fireHazard: [0, 0.3, 0.55, 0.15],
};
const PRIORITY_DEFAULT = [0, 0.05, 0.55, 0.4] as const;
const PRIORITIES: readonly Priority[] = ['P1', 'P2', 'P3', 'P4'];

/** Minutes on the spot before the unit reports back, by category. */
const HANDLING_MINUTES: Record<string, readonly [number, number]> = {
  fire: [20, 60],
  gasLeak: [15, 45],
  trafficAccident: [10, 40],
  illegalConstruction: [20, 60],
  workSafety: [15, 50],
  neighbourDispute: [15, 45],
};
const HANDLING_DEFAULT = [5, 30] as const;

const CATEGORIES = Object.keys(CATEGORY_WEIGHTS);
const WEIGHTS = CATEGORIES.map((c) => CATEGORY_WEIGHTS[c]!);

function weightedKey<T extends string>(rng: Random, weights: Partial<Record<T, number>>): T {
  const keys = Object.keys(weights) as T[];
  return keys[rng.weighted(keys.map((k) => weights[k] ?? 0))]!;
}

export function drawCategory(rng: Random): string {
  return CATEGORIES[rng.weighted(WEIGHTS)]!;
}

/** A channel for this category; `not` is the channel the event came in by before (duplicates come from elsewhere). */
export function drawChannel(rng: Random, category: string, not?: Channel): Channel {
  const weights = { ...(CHANNEL_BY_CATEGORY[category] ?? CHANNEL_DEFAULT) };
  if (not !== undefined && Object.keys(weights).length > 1) delete weights[not];
  return weightedKey(rng, weights);
}

export function drawPriority(rng: Random, category: string): Priority {
  return PRIORITIES[rng.weighted(PRIORITY_BY_CATEGORY[category] ?? PRIORITY_DEFAULT)]!;
}

export function handlingMinutes(rng: Random, category: string): number {
  const [lo, hi] = HANDLING_MINUTES[category] ?? HANDLING_DEFAULT;
  return rng.range(lo, hi);
}

/** Exponential waiting time with the given mean (Poisson arrivals). */
export function exponential(rng: Random, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

export function gaussian(rng: Random): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}
