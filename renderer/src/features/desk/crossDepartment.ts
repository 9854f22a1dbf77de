// A cross-department order (跨部门指令): the commander names a lead and co-handlers, the
// incident is triaged that way where it still can be, and one unit of each named department
// is sent. Pure choice of units here; the thunk issues the commands.
import type { Incident, IncidentState, LonLat } from '../../../../shared/domain';
import { isLegal } from '../../../../shared/incident/machine';
import { distanceMeters } from '../../../../shared/geo/distance';
import type { ResponseOf } from '../../../../shared/protocol/api';
import type { Department } from '../../../../shared/town';

type Recommendation = ResponseOf<'recommendations'>['units'][number];
type Unit = ResponseOf<'units'>['items'][number];

export interface CrossDepartmentOrder {
  lead: Department;
  coHandlers: Department[];
}

/** The lead first, then each co-handler once, never the lead again. */
export function orderDepartments(order: CrossDepartmentOrder): Department[] {
  return [order.lead, ...order.coHandlers.filter((d, i, all) => d !== order.lead && all.indexOf(d) === i)];
}

/** Triage first where the state still takes one; a dispatched incident only gets more units. */
export function orderSteps(state: IncidentState): { triage: boolean; dispatch: boolean } {
  return { triage: isLegal('incident.triage', state), dispatch: isLegal('incident.dispatch', state) || isLegal('incident.triage', state) };
}

export interface DepartmentPick {
  department: Department;
  unitId: string | null;
}

/**
 * One unit per department: the engine's best-ranked unit of that department, else the
 * nearest one of it that is not offline (the ranking stops at its top few), else none.
 */
export function unitsForDepartments(
  departments: readonly Department[],
  recommendations: readonly Recommendation[],
  units: readonly Unit[],
  location: LonLat | null,
  exclude: ReadonlySet<string> = new Set(),
): DepartmentPick[] {
  const byId = new Map(units.map((u) => [u.id, u]));
  const taken = new Set(exclude);
  return departments.map((department) => {
    const ranked = recommendations.find((r) => !taken.has(r.unitId) && r.reasons.status !== 'offline' && byId.get(r.unitId)?.department === department);
    let unitId = ranked?.unitId ?? null;
    if (!unitId) {
      const candidates = units.filter((u) => u.department === department && u.status !== 'offline' && !taken.has(u.id));
      const distance = (u: Unit) => (location ? distanceMeters(location, u.location) : 0);
      candidates.sort((a, b) => a.openAssignments - b.openAssignments || distance(a) - distance(b));
      // A free unit before a busy one; among equals the nearest.
      unitId = candidates[0]?.id ?? null;
    }
    if (unitId) taken.add(unitId);
    return { department, unitId };
  });
}

/** The category the triage keeps, and a priority: the incident's own unless the commander sets one. */
export function triageOf(incident: Pick<Incident, 'id' | 'category' | 'priority'>, order: CrossDepartmentOrder, priority = incident.priority ?? 'P3') {
  return { incidentId: incident.id, category: incident.category, priority, lead: order.lead, coHandlers: orderDepartments(order).slice(1) };
}
