// What can be dispatched: a joint-enforcement team, an emergency station, or a grid worker.
import type { LonLat } from './domain';
import { TEAM_KINDS, type Department } from './town';

/** A team's kinds (a Team of the town) and a grid worker, the one officer dispatched alone. */
export const UNIT_KINDS = [...TEAM_KINDS, 'gridWorker'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export type UnitStatus = 'available' | 'busy' | 'offline';

export interface Unit {
  id: string;
  name: string;
  kind: UnitKind;
  department: Department;
  /** The grid the unit is based in. */
  gridId: string;
  /** Its grid and every region above it, grid first. */
  regionIds: string[];
  location: LonLat;
  status: UnitStatus;
  /** Assignments it holds that are not finished. */
  openAssignments: number;
}
