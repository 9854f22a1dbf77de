// What a decision may read or reserve; the store implements it inside its transaction.
import type { DutyConfig } from '../../../shared/config';
import type { User } from '../../../shared/domain';
import type { DedupeCandidate } from '../../../shared/dedupe/candidates';
import type { IncidentRecord } from '../../../shared/incident/model';
import type { HandoverSheet, OnDuty } from '../../../shared/shift';
import type { Unit } from '../../../shared/units';

export interface EngineView {
  now(): Date;
  /** Reserves the next number of a named counter (rolled back with a refused command). */
  nextNumber(counter: string): number;
  incident(id: string): IncidentRecord | null;
  openIncidents(): IncidentRecord[];
  unit(id: string): Unit | null;
  /** Units based anywhere inside a region (any level). */
  unitsInRegion(regionId: string): Unit[];
  /** A grid and every region above it, grid first; [] for an unknown grid. */
  regionChain(gridId: string): Array<{ id: string; level: string }>;
  /** The grid a point lies in, if any. */
  gridAt(lon: number, lat: number): string | null;
  user(id: string): User | null;
  onDuty(): OnDuty | null;
  handover(id: string): HandoverSheet | null;
  /** The lead-department table and SLA clocks in force. */
  config(): DutyConfig;
  /** A journaled early warning and whether it is still open. */
  warning(id: string): { id: string; state: 'open' | 'acknowledged' } | null;
  /**
   * Likely duplicates of an incident among those reported before it (older, or as old with a
   * lower number), open or closed within days, best first, scored on the incident's own reports.
   */
  olderLikelyDuplicates(incident: IncidentRecord): DedupeCandidate[];
  /** Open incidents with a report from a CAP alert that names when it expires, with the latest such time of each. */
  alertExpiries(): Array<{ incidentId: string; expires: string }>;
  /** The reporter of a report as taken, unmasked. */
  reporterOf(reportId: string): { incidentId: string; name?: string; phone?: string } | null;
}
