// The whole incident as the engine knows it: the queue's summary (Incident) plus who
// handles it, its units, its feedback and the times of each step.
import type { Channel, Incident, IncidentState, Priority } from '../domain';
import type { Department } from '../town';
import type { DuplicateReason } from '../dedupe/score';

export const ASSIGNMENT_STATUSES = ['dispatched', 'accepted', 'onScene', 'returned'] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

export interface Assignment {
  unitId: string;
  unitName: string;
  status: AssignmentStatus;
  dispatchedAt: string;
  acceptedAt: string | null;
  arrivedAt: string | null;
}

export interface Feedback {
  at: string;
  by: string;
  text: string;
  photos: string[];
  settledOnSpot: boolean;
}

export const SLA_CLOCKS = ['signFor', 'dispatch', 'arrive', 'resolve'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

export const ESCALATION_LEVELS = ['operator', 'commander', 'townLeader'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

export interface Escalation {
  clock: SlaClock;
  level: EscalationLevel;
  at: string;
}

export interface IncidentRecord extends Incident {
  /** Channels and count of this incident's own reports; channels/reportCount add merged ones. */
  ownChannels: Channel[];
  ownReportCount: number;
  lead: Department | null;
  coHandlers: Department[];
  gridId: string | null;
  assignments: Assignment[];
  feedback: Feedback[];
  /** Set while this incident is merged into another (its master). */
  mergedInto: string | null;
  /** The incidents merged into this one, oldest first. */
  mergedFrom: string[];
  /** What unmerge restores. */
  stateBeforeMerge: IncidentState | null;
  triagedAt: string | null;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  arrivedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  reopenCount: number;
  /** The reason given by the last return, cancel or reopen. */
  reason: string | null;
  resolution: string | null;
  /** The citizen's callback rating recorded at closure, 1–5. */
  rating: number | null;
  escalations: Escalation[];
  /** Set while the hub suspects this incident reports what an older one does; cleared by a merge or a dismissal. */
  suspectedDuplicate: SuspectedDuplicate | null;
  /** When the CAP alert it came from expired (its `expires`); null while it stands, or for any other report. */
  alertExpiredAt: string | null;
}

/** What the seat is shown of a suspected duplicate: the older incident, the score and its reasons. */
export interface SuspectedDuplicate {
  of: string;
  score: number;
  distanceMeters: number | null;
  minutesApart: number;
  reasons: DuplicateReason[];
  at: string;
}

export function priorityRank(priority: Priority | null): number {
  return priority === null ? 5 : Number(priority.slice(1));
}

/** P1 and P2 are serious: their dispatch and closure need a commander. */
export function isSerious(priority: Priority | null): boolean {
  return priority === 'P1' || priority === 'P2';
}
