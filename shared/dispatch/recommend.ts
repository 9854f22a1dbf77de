// Which units to send, best first, each with the reasons a seat operator would give:
// how far, whether free, how loaded, how close in the region hierarchy, which department.
// The department comes first: the lead department's units, then the co-handlers', then any
// other, however near (a grid worker two streets away does not pull down a street-vending
// case the city management leads; grid workers lead what the grid service handles).
import type { LonLat } from '../domain';
import { distanceMeters } from '../geo/distance';
import type { Department } from '../town';
import type { Unit, UnitStatus } from '../units';

/** How the unit's department fits the incident: it leads, it co-handles, or neither. */
export type DepartmentFit = 'lead' | 'coHandler' | 'other';

/** The nearest region the unit shares with the incident: its grid, its joint-enforcement or emergency region, or only the town. */
export type RegionMatch = 'grid' | 'jointEnforcement' | 'emergency' | 'town';

export interface Recommendation {
  unitId: string;
  unitName: string;
  score: number;
  reasons: {
    distanceMeters: number;
    /** Road distance when a road graph was used; else straight line times a detour factor. */
    etaMinutes: number;
    status: UnitStatus;
    openAssignments: number;
    region: RegionMatch;
    departmentMatch: boolean;
    departmentFit: DepartmentFit;
    /** The unit's department, for the words beside a mismatch. */
    department: Department;
  };
}

export interface RecommendationInput {
  location: LonLat | null;
  /** The incident's grid and the regions above it, grid first. */
  regionChain: Array<{ id: string; level: string }>;
  lead: Department;
  coHandlers: Department[];
  /** Units already working on the incident are not recommended again. */
  exclude: ReadonlySet<string>;
  /**
   * Metres by road between two points, where the town has a road graph (shared/geo/roads.ts);
   * without it, the straight line (times a detour factor for the ETA).
   */
  distance?: (from: LonLat, to: LonLat) => number;
}

/** Urban response speed and detour: 25 km/h over roads 1.3 times the straight line. */
const METERS_PER_MINUTE = 25_000 / 60;
const DETOUR = 1.3;

const STATUS_FACTOR: Record<UnitStatus, number> = { available: 1, busy: 0.45, offline: 0 };
const REGION_BONUS: Record<RegionMatch, number> = { grid: 0.25, jointEnforcement: 0.15, emergency: 0.05, town: 0 };
/** The order of the fits, and what a mismatch costs in the score shown beside it. */
const FIT_RANK: Record<DepartmentFit, number> = { lead: 0, coHandler: 1, other: 2 };
const FIT_FACTOR: Record<DepartmentFit, number> = { lead: 1, coHandler: 0.85, other: 0.35 };

function regionMatchOf(unit: Unit, chain: RecommendationInput['regionChain']): RegionMatch {
  for (const region of chain) {
    if (!unit.regionIds.includes(region.id)) continue;
    if (region.level === 'grid' || region.level === 'jointEnforcement' || region.level === 'emergency') return region.level;
  }
  return 'town';
}

export function recommendUnits(units: readonly Unit[], input: RecommendationInput, limit = 8): Recommendation[] {
  const scored: Recommendation[] = [];
  for (const unit of units) {
    if (unit.status === 'offline' || input.exclude.has(unit.id)) continue;
    const byRoad = input.distance !== undefined && input.location !== null;
    const meters = input.location ? (input.distance ?? distanceMeters)(input.location, unit.location) : 5_000;
    const eta = (meters * (byRoad ? 1 : DETOUR)) / METERS_PER_MINUTE;
    const region = regionMatchOf(unit, input.regionChain);
    const departmentFit: DepartmentFit = unit.department === input.lead ? 'lead' : input.coHandlers.includes(unit.department) ? 'coHandler' : 'other';
    const departmentMatch = departmentFit !== 'other';
    // Within a department fit, nearness dominates; a free unit in the same region wins ties.
    const nearness = 1 / (1 + eta / 8);
    const score =
      (FIT_FACTOR[departmentFit] * STATUS_FACTOR[unit.status] * (0.55 * nearness + REGION_BONUS[region] + (departmentMatch ? 0.2 : 0))) / (1 + 0.25 * unit.openAssignments);
    scored.push({
      unitId: unit.id,
      unitName: unit.name,
      score: Math.round(score * 1000) / 1000,
      reasons: { distanceMeters: Math.round(meters), etaMinutes: Math.round(eta * 10) / 10, status: unit.status, openAssignments: unit.openAssignments, region, departmentMatch, departmentFit, department: unit.department },
    });
  }
  return scored
    .sort((a, b) => FIT_RANK[a.reasons.departmentFit] - FIT_RANK[b.reasons.departmentFit] || b.score - a.score || a.reasons.distanceMeters - b.reasons.distanceMeters)
    .slice(0, limit);
}
