// What can be dispatched: a joint-enforcement team, an emergency station, or a grid worker.
import type { LonLat } from './domain';
import type { Department } from './town';

export const UNIT_KINDS = ['team', 'station', 'gridWorker'] as const;
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
