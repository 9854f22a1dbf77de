// The incident lifecycle as a table: which command may act on an incident in which state.
// The engine refuses anything not listed here; the windows use it to offer only legal actions.
import type { IncidentState } from '../domain';

export const INCIDENT_COMMANDS = [
  'incident.triage',
  'incident.merge',
  'incident.unmerge',
  'incident.dismissDuplicate',
  'incident.dispatch',
  'incident.return',
  'unit.accept',
  'unit.arrive',
  'incident.feedback',
  'incident.resolve',
  'incident.acceptClosure',
  'incident.reopen',
  'incident.cancel',
  'incident.circleCall',
  'personalData.reveal',
] as const;
export type IncidentCommand = (typeof INCIDENT_COMMANDS)[number];

const ALL_OPEN: IncidentState[] = ['reported', 'triaged', 'dispatched', 'accepted', 'onScene', 'resolved', 'returned', 'reopened'];

/** From which states each command is legal (for merge: the state of the incident merged away). */
export const LEGAL_FROM: Record<IncidentCommand, readonly IncidentState[]> = {
  'incident.triage': ['reported', 'triaged', 'returned', 'reopened'],
  'incident.merge': ['reported', 'triaged', 'returned', 'reopened'],
  'incident.unmerge': ['merged'],
  'incident.dismissDuplicate': ['reported', 'triaged', 'dispatched', 'accepted', 'onScene', 'resolved', 'returned', 'reopened'],
  'incident.dispatch': ['triaged', 'dispatched', 'accepted', 'onScene', 'returned', 'reopened'],
  // From triaged only the commander's return of a serious incident's dispatch approval to the
  // seat (no unit named); the engine refuses any other return before dispatch.
  'incident.return': ['triaged', 'dispatched', 'accepted'],
  'unit.accept': ['dispatched', 'accepted', 'onScene'],
  'unit.arrive': ['dispatched', 'accepted', 'onScene'],
  'incident.feedback': ['triaged', 'dispatched', 'accepted', 'onScene', 'reopened'],
  'incident.resolve': ['triaged', 'dispatched', 'accepted', 'onScene', 'reopened'],
  'incident.acceptClosure': ['resolved'],
  'incident.reopen': ['resolved', 'closed'],
  'incident.cancel': ['reported', 'triaged', 'returned', 'reopened'],
  'incident.circleCall': ALL_OPEN,
  'personalData.reveal': [...ALL_OPEN, 'closed', 'merged', 'cancelled'],
};

/** States a merge target (the master) may be in: open, or closed recently (checked by the engine). */
export const MERGE_TARGET_STATES: readonly IncidentState[] = [...ALL_OPEN, 'closed'];

export function isLegal(command: IncidentCommand, state: IncidentState): boolean {
  return LEGAL_FROM[command].includes(state);
}

/** Every command that is legal now, for a window to offer. */
export function legalCommands(state: IncidentState): IncidentCommand[] {
  return INCIDENT_COMMANDS.filter((command) => isLegal(command, state));
}
