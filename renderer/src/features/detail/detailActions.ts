// Which actions the detail offers: what the lifecycle allows in this state (machine.ts), what
// the role may issue at all and at this priority (permissions.ts). A serious incident's
// dispatch or closure by a seat operator is shown as "needs commander", not hidden, so the
// operator knows to refer it rather than look for a button. The engine decides in the end.
import type { IncidentState, Priority, Role } from '../../../../shared/domain';
import { legalCommands } from '../../../../shared/incident/machine';
import type { Assignment } from '../../../../shared/incident/model';
import { authorize, mayIssue } from '../../../../shared/permissions';

/** The actions the detail has forms for, in the order the action bar shows them. */
export const DETAIL_COMMANDS = [
  'incident.triage',
  'incident.dispatch',
  'unit.accept',
  'unit.arrive',
  'incident.feedback',
  'incident.resolve',
  'incident.acceptClosure',
  'incident.return',
  'incident.reopen',
  'incident.cancel',
  'incident.dismissDuplicate',
  'incident.merge',
  'incident.unmerge',
] as const;
export type DetailCommand = (typeof DETAIL_COMMANDS)[number];

/** One shortcut per action; shown on its button and in the help overlay. */
export const ACTION_HOTKEYS: Record<DetailCommand, string> = {
  'incident.triage': 'Alt+T',
  'incident.dispatch': 'Alt+D',
  'unit.accept': 'Alt+K',
  'unit.arrive': 'Alt+V',
  'incident.feedback': 'Alt+F',
  'incident.resolve': 'Alt+R',
  'incident.acceptClosure': 'Alt+A',
  'incident.return': 'Alt+B',
  'incident.reopen': 'Alt+O',
  'incident.cancel': 'Alt+X',
  'incident.unmerge': 'Alt+U',
  // 合 (hé): the seat's own intake form keeps Alt+M for merging a report being taken.
  'incident.merge': 'Alt+H',
  // Ignore the suspicion.
  'incident.dismissDuplicate': 'Alt+I',
};

/** Read the dispatch recommendations again (S: 刷新, shuāxīn); otherwise they hold while shown. */
export const REFRESH_RECOMMENDATIONS_KEY = 'Alt+S';

/** Triage as a CAP alert's own grading suggests (P: priority); one key, as the seat confirms it. */
export const SUGGESTED_TRIAGE_KEY = 'Alt+P';

export type ActionStatus = 'allowed' | 'needsCommander' | 'needsFeedback';

export interface OfferedAction {
  command: DetailCommand;
  status: ActionStatus;
}

export interface ActionSubject {
  state: IncidentState;
  priority: Priority | null;
  assignments: readonly Pick<Assignment, 'unitId' | 'status'>[];
  feedbackCount: number;
  /** Whether the hub suspects the incident is a duplicate (only then can the seat dismiss it). */
  suspected: boolean;
}

/** Units a seat may record a call for: accept while dispatched, arrive until on scene. */
export function unitsFor(command: 'unit.accept' | 'unit.arrive', assignments: ActionSubject['assignments']): string[] {
  const waiting = command === 'unit.accept' ? ['dispatched'] : ['dispatched', 'accepted'];
  return assignments.filter((a) => waiting.includes(a.status)).map((a) => a.unitId);
}

export function offeredActions(role: Role, incident: ActionSubject): OfferedAction[] {
  const legal = new Set<string>(legalCommands(incident.state));
  const offered: OfferedAction[] = [];
  for (const command of DETAIL_COMMANDS) {
    if (!legal.has(command) || !mayIssue(role, command)) continue;
    // Before dispatch a return is the commander's only: sending a serious triage back to the seat.
    if (command === 'incident.return' && incident.state === 'triaged' && role !== 'commander') continue;
    if ((command === 'unit.accept' || command === 'unit.arrive') && unitsFor(command, incident.assignments).length === 0) continue;
    // A dispatch needs a priority first; triage is the step to offer.
    if (command === 'incident.dispatch' && incident.priority === null) continue;
    if (command === 'incident.dismissDuplicate' && !incident.suspected) continue;
    const refusal = authorize(role, command, { priority: incident.priority });
    if (refusal && refusal.code !== 'needsCommander') continue;
    let status: ActionStatus = refusal ? 'needsCommander' : 'allowed';
    if (command === 'incident.resolve' && incident.feedbackCount === 0) status = 'needsFeedback';
    offered.push({ command, status });
  }
  return offered;
}
