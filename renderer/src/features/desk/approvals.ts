// What waits for the commander: serious (P1/P2) incidents whose dispatch an operator may not
// issue (triaged), and whose closure only a commander accepts (resolved). Pure, so the
// inbox, the handover sheet and the tests read the same rule.
import type { Incident, Priority } from '../../../../shared/domain';
import { isSerious, priorityRank, type IncidentRecord } from '../../../../shared/incident/model';
import type { ResponseOf } from '../../../../shared/protocol/api';

export type ApprovalAsk = 'dispatch' | 'closure';

/** The queue holds summaries or full records; the step times are used where present. */
export type QueueIncident = Incident & Partial<Pick<IncidentRecord, 'triagedAt' | 'resolvedAt'>>;

export interface Approval {
  incidentId: string;
  priority: Priority;
  title: string;
  ask: ApprovalAsk;
  /** When the incident started waiting for the commander. */
  since: string;
  waitingMs: number;
}

export function askOf(incident: Pick<Incident, 'priority' | 'state'>): ApprovalAsk | null {
  if (!isSerious(incident.priority)) return null;
  if (incident.state === 'triaged') return 'dispatch';
  if (incident.state === 'resolved') return 'closure';
  return null;
}

/** Most serious first, then the longest waiting. */
export function approvalsOf(incidents: readonly QueueIncident[], nowMs: number): Approval[] {
  const items: Approval[] = [];
  for (const incident of incidents) {
    const ask = askOf(incident);
    if (!ask || !incident.priority) continue;
    const since = (ask === 'dispatch' ? incident.triagedAt : incident.resolvedAt) ?? incident.updatedAt;
    const at = Date.parse(since);
    items.push({ incidentId: incident.id, priority: incident.priority, title: incident.title, ask, since, waitingMs: Number.isNaN(at) ? 0 : Math.max(0, nowMs - at) });
  }
  return items.sort((a, b) => priorityRank(a.priority) - priorityRank(b.priority) || b.waitingMs - a.waitingMs || (a.incidentId < b.incidentId ? -1 : 1));
}

/** How many of the engine's recommended units an approval sends: two for P1, else one. */
export function approvalUnitCount(priority: Priority | null): number {
  return priority === 'P1' ? 2 : 1;
}

type Recommendations = ResponseOf<'recommendations'>;

/** The units an approval dispatches: the engine's best ones that are not offline. */
export function unitsToApprove(priority: Priority | null, recommendations: Recommendations): string[] {
  return recommendations.units
    .filter((u) => u.reasons.status !== 'offline')
    .slice(0, approvalUnitCount(priority))
    .map((u) => u.unitId);
}

/** `12分` / `1时05分` style parts, for the waiting time of an item. */
export function waitingParts(ms: number): { hours: number; minutes: number } {
  const minutes = Math.floor(ms / 60_000);
  return { hours: Math.floor(minutes / 60), minutes: minutes % 60 };
}
