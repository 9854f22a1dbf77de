// Journal entry payloads of the incident lifecycle. Entry types are past tense: they record
// what happened; commands are the requests that produced them.
import type { Incident, Priority, Report } from '../domain';
import type { Department } from '../town';
import type { EscalationLevel, SlaClock } from './model';

export interface IncidentEvents {
  'incident.reported': { incident: Incident & { gridId?: string | null }; report: Report };
  'incident.triaged': { incidentId: string; category: string; priority: Priority; lead: Department; coHandlers: Department[] };
  'incident.merged': { incidentId: string; into: string };
  'incident.unmerged': { incidentId: string; from: string };
  'incident.dispatched': { incidentId: string; units: Array<{ unitId: string; unitName: string }> };
  'incident.returned': { incidentId: string; unitId: string | null; reason: string };
  'unit.accepted': { incidentId: string; unitId: string };
  'unit.arrived': { incidentId: string; unitId: string };
  'incident.feedbackGiven': { incidentId: string; text: string; photos: string[]; settledOnSpot: boolean };
  'incident.resolved': { incidentId: string; summary: string };
  'incident.closed': { incidentId: string; rating: number | null };
  'incident.reopened': { incidentId: string; reason: string };
  'incident.cancelled': { incidentId: string; reason: string };
  'incident.circleCalled': { incidentId: string; regionId: string; unitIds: string[] };
  'sla.escalated': { incidentId: string; clock: SlaClock; level: EscalationLevel };
  'personalData.revealed': { incidentId: string; reportId: string; field: 'reporter' };
}

export type IncidentEventType = keyof IncidentEvents;

export const INCIDENT_EVENT_TYPES: ReadonlySet<string> = new Set<IncidentEventType>([
  'incident.reported',
  'incident.triaged',
  'incident.merged',
  'incident.unmerged',
  'incident.dispatched',
  'incident.returned',
  'unit.accepted',
  'unit.arrived',
  'incident.feedbackGiven',
  'incident.resolved',
  'incident.closed',
  'incident.reopened',
  'incident.cancelled',
  'incident.circleCalled',
  'sla.escalated',
  'personalData.revealed',
]);

export function isIncidentEvent(type: string): type is IncidentEventType {
  return INCIDENT_EVENT_TYPES.has(type);
}
