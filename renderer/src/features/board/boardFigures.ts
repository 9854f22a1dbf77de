// What the board works out from full incident records: each one's next SLA deadline, the
// order of the live queue, and open incidents per emergency region.
import type { Incident, Priority } from '../../../../shared/domain';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { slaClocks, type SlaConfig } from '../../../../shared/sla';

export interface NextDeadline {
  clock: 'dispatch' | 'signFor' | 'arrive' | 'resolve';
  deadline: number;
}

/** The earliest deadline among the clocks still running; null when none is. */
export function nextDeadline(record: IncidentRecord, config?: SlaConfig): NextDeadline | null {
  let next: NextDeadline | null = null;
  for (const clock of slaClocks(record, config)) {
    if (clock.doneAt !== null || clock.deadline === null) continue;
    const deadline = Date.parse(clock.deadline);
    if (!next || deadline < next.deadline) next = { clock: clock.clock, deadline };
  }
  return next;
}

/** "12:05" left, "1:02:05" for hours, "-3:10" overdue: minutes and seconds, readable at a glance. */
export function countdownText(msLeft: number): string {
  const overdue = msLeft < 0;
  const total = Math.floor(Math.abs(msLeft) / 1_000);
  const h = Math.floor(total / 3_600);
  const m = Math.floor((total % 3_600) / 60);
  const s = String(total % 60).padStart(2, '0');
  const body = h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
  return overdue ? `-${body}` : body;
}

const PRIORITY_RANK: Record<Priority, number> = { P1: 0, P2: 1, P3: 2, P4: 3 };

/** Most urgent first, then the largest (most reports), then the nearest deadline. */
export function boardOrder<R extends { incident: Pick<Incident, 'id' | 'priority' | 'reportCount'>; next: NextDeadline | null }>(rows: readonly R[]): R[] {
  return [...rows].sort(
    (a, b) =>
      (a.incident.priority ? PRIORITY_RANK[a.incident.priority] : 4) - (b.incident.priority ? PRIORITY_RANK[b.incident.priority] : 4) ||
      b.incident.reportCount - a.incident.reportCount ||
      (a.next?.deadline ?? Infinity) - (b.next?.deadline ?? Infinity) ||
      a.incident.id.localeCompare(b.incident.id),
  );
}

export interface RegionNode {
  id: string;
  name: string;
  level: string;
  parentId: string | null;
}

/** Each grid's emergency region, found by walking up its parents. */
export function emergencyRegionOfGrid(regions: readonly RegionNode[]): Map<string, RegionNode> {
  const byId = new Map(regions.map((region) => [region.id, region]));
  const emergencyOf = new Map<string, RegionNode>();
  for (const region of regions) {
    if (region.level !== 'grid') continue;
    let up: RegionNode | undefined = region;
    for (let hops = 0; up && up.level !== 'emergency' && hops < 8; hops += 1) up = up.parentId ? byId.get(up.parentId) : undefined;
    if (up?.level === 'emergency') emergencyOf.set(region.id, up);
  }
  return emergencyOf;
}

/** Open incidents per emergency region, every one listed (zero included), most first. */
export function countsByRegion(
  records: ReadonlyArray<Pick<IncidentRecord, 'gridId'>>,
  regions: readonly RegionNode[],
): Array<{ id: string; name: string; count: number }> {
  const regionOf = emergencyRegionOfGrid(regions);
  const counts = new Map(regions.filter((r) => r.level === 'emergency').map((r) => [r.id, { id: r.id, name: r.name, count: 0 }]));
  for (const record of records) {
    const region = record.gridId ? regionOf.get(record.gridId) : undefined;
    const entry = region ? counts.get(region.id) : undefined;
    if (entry) entry.count += 1;
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'));
}
