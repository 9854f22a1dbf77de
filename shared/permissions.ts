// The role matrix. The engine enforces it; windows use it only to offer what would pass.
import type { Priority, Role } from './domain';
import type { ErrorCode } from './errors';
import { isSerious } from './incident/model';
import type { CommandType } from './protocol/commands';
import type { PersonalView } from './privacy';

const MAY_ISSUE: Record<CommandType, readonly Role[]> = {
  // An integration account reports for its own channel only (see OWN_CHANNEL).
  'incident.report': ['operator', 'commander', 'regionHead', 'admin', 'unit', 'integration'],
  'incident.triage': ['operator', 'commander', 'regionHead'],
  // An integration merges only a report of its channel into an incident of its channel: a
  // CAP Update alert adds its report to the incident of the alert it updates.
  'incident.merge': ['operator', 'commander', 'integration'],
  // …and takes it out again when the alert is cancelled (a cancel needs the reports apart).
  'incident.unmerge': ['operator', 'commander', 'integration'],
  'incident.dismissDuplicate': ['operator', 'commander'],
  'incident.dispatch': ['operator', 'commander', 'regionHead'],
  // A department hands an assignment back: its unit's own account, or the seat recording its call.
  'incident.return': ['unit', 'operator', 'commander'],
  'unit.accept': ['unit', 'operator', 'commander'],
  'unit.arrive': ['unit', 'operator', 'commander'],
  'incident.feedback': ['unit', 'operator', 'commander', 'regionHead'],
  'incident.resolve': ['operator', 'commander', 'regionHead'],
  'incident.acceptClosure': ['operator', 'commander'],
  'incident.reopen': ['operator', 'commander'],
  'incident.cancel': ['operator', 'commander', 'integration'],
  'incident.circleCall': ['commander', 'regionHead'],
  'personalData.reveal': ['operator', 'commander'],
  'wall.focus': ['commander'],
  'shift.start': ['commander'],
  'shift.handover': ['commander'],
  'config.update': ['admin'],
  'briefing.export': ['commander'],
  'warning.acknowledge': ['operator', 'commander'],
  'alert.setAside': ['integration'],
};

/** Commands a region head may only issue for incidents inside its region. */
const REGIONAL: ReadonlySet<CommandType> = new Set(['incident.triage', 'incident.dispatch', 'incident.feedback', 'incident.resolve', 'incident.circleCall']);
/** Commands an integration account may only issue for incidents its own channel reported. */
const OWN_CHANNEL: ReadonlySet<CommandType> = new Set(['incident.report', 'incident.merge', 'incident.unmerge', 'incident.cancel']);
/** Commands a unit account may only issue for its own unit. */
const OWN_UNIT: ReadonlySet<CommandType> = new Set(['incident.return', 'unit.accept', 'unit.arrive']);

export interface AuthorizationContext {
  /** The incident's priority, where the command acts on one. */
  priority?: Priority | null;
  /** For a region head: whether the incident lies in its region. */
  inRegion?: boolean;
  /** For a unit account: whether the command names its own unit (or is about its assignment). */
  ownUnit?: boolean;
  /** For an integration account: whether the report or incident is of its own channel. */
  ownChannel?: boolean;
}

export interface Refusal {
  code: ErrorCode;
  message: string;
}

export function mayIssue(role: Role, type: CommandType): boolean {
  return MAY_ISSUE[type].includes(role);
}

/** null when allowed; otherwise the refusal with a code a window translates. */
export function authorize(role: Role, type: CommandType, context: AuthorizationContext = {}): Refusal | null {
  if (!mayIssue(role, type)) return { code: 'forbidden', message: `The role ${role} may not issue ${type}.` };
  if ((type === 'incident.dispatch' || type === 'incident.acceptClosure') && isSerious(context.priority ?? null) && role !== 'commander') {
    return { code: 'needsCommander', message: `A ${context.priority} incident needs a commander for ${type}.` };
  }
  if (role === 'regionHead' && REGIONAL.has(type) && context.inRegion === false) {
    return { code: 'outsideRegion', message: 'This incident lies outside your region.' };
  }
  if (role === 'unit' && OWN_UNIT.has(type) && context.ownUnit === false) {
    return { code: 'notYourUnit', message: 'Your account acts for another unit.' };
  }
  if (role === 'integration' && OWN_CHANNEL.has(type) && context.ownChannel !== true) {
    return { code: 'forbidden', message: 'An integration account acts only on reports of its own channel.' };
  }
  return null;
}

/** Only these roles get a seat or command window; the wall only reads. */
export function mayCommand(role: Role): boolean {
  return role !== 'wall' && role !== 'integration';
}

/**
 * How a role reads personal data on every read path (shared/privacy.ts). Nobody reads a
 * number whole by role: `personalData.reveal` is the one, journaled, way.
 */
const PERSONAL_VIEW: Record<Role, PersonalView> = {
  operator: 'masked',
  commander: 'masked',
  regionHead: 'masked',
  admin: 'masked',
  // A unit on its way may need to ask for the caller by name.
  unit: 'masked',
  // Visitors see the wall; integrations see their own channel's public fields only.
  wall: 'hidden',
  integration: 'hidden',
};

export function personalViewOf(role: Role): PersonalView {
  return PERSONAL_VIEW[role];
}

/**
 * Roles that may run a seat, and so keep a replica of the room's journal (a snapshot and the
 * journal unmasked, to verify its chain and to reveal a caller while the primary is away).
 */
const SEAT_ROLES = ['operator', 'commander'] as const satisfies readonly Role[];

export function mayRunSeat(role: Role): boolean {
  return (SEAT_ROLES as readonly Role[]).includes(role);
}

/**
 * The query side of the matrix: reads beyond what every signed-in role may read, named by
 * the API map's entries (`roles: READERS.…`) and checked by the router, so commands and
 * queries are refused from this one file.
 */
export const READERS = {
  /** Sessions, second factors, dead letters: the room's administration. */
  administration: ['admin'],
  /** The journal unmasked and the town's copy: what a replica seat keeps (see mayRunSeat). */
  replica: SEAT_ROLES,
  /**
   * An account's TOTP secret for a seat's replica, to check codes while the primary is away:
   * those that may run a seat, and the admin (who signs in at any seat).
   */
  seatSecondFactor: [...SEAT_ROLES, 'admin'],
  /**
   * A day's counts for the morning meeting's briefing: the duty room's people. Not a unit's or
   * an integration's account, which act on their own incidents and need no town-wide figures.
   */
  dayCounts: ['operator', 'commander', 'regionHead', 'admin'],
} as const satisfies Record<string, readonly Role[]>;


/** Roles that sign in with a second factor (TOTP); others may enrol one and then must use it. */
const SECOND_FACTOR_ROLES: readonly Role[] = ['commander', 'admin'];

export function requiresSecondFactor(role: Role): boolean {
  return SECOND_FACTOR_ROLES.includes(role);
}
