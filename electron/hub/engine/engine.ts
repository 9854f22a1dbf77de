// The engine decides: given a command, who issues it and what the store knows now, which
// journal entries follow — or a refusal with a code. It never writes; the store does.
import type { Incident, Report } from '../../../shared/domain';
import { duplicateReasons } from '../../../shared/dedupe/score';
import { DutyFailure, type ErrorCode } from '../../../shared/errors';
import { isLegal, MERGE_TARGET_STATES, type IncidentCommand } from '../../../shared/incident/machine';
import { isSerious, type IncidentRecord } from '../../../shared/incident/model';
import { authorize, mayIssue, type AuthorizationContext } from '../../../shared/permissions';
import type { DecidedEntry, EntryPayload, EntryType } from '../../../shared/journal/catalog';
import { COMMAND_PAYLOADS, type CommandPayload, type CommandType } from '../../../shared/protocol/commands';
import type { CommandEnvelope } from '../../../shared/protocol/schemas';
import { parseWith } from '../../../shared/protocol/validate';
import { dueEscalations, slaClocks } from '../../../shared/sla';
import type { HandoverSheet } from '../../../shared/shift';
import type { Actor } from './actor';
import { townDayDigits, workOrderNumber } from './ids';
import type { EngineView } from './view';

export type { EngineView } from './view';

export interface Decision {
  /** Entries of the journal catalog (shared/journal/catalog.ts); a payload is a function of the entry's seq when it must name it. */
  entries: DecidedEntry[];
  incidentId?: string;
  /** Data the command returns to its issuer only (e.g. a revealed phone number). */
  data?: unknown;
}

/** A merged incident may join a master closed this recently ("recently closed"). */
const MERGE_INTO_CLOSED_DAYS = 7;

function fail(code: ErrorCode, message: string, path?: string): never {
  throw new DutyFailure(code, message, path);
}

function load(view: EngineView, id: string, path = 'payload.incidentId'): IncidentRecord {
  return view.incident(id) ?? fail('notFound', `No incident ${id}.`, path);
}

function requireLegal(command: IncidentCommand, incident: IncidentRecord): void {
  if (!isLegal(command, incident.state)) {
    fail('illegalState', `${command} is not possible while incident ${incident.id} is ${incident.state}.`, 'type');
  }
}

function inRegion(view: EngineView, actor: Actor, incident: IncidentRecord): boolean {
  if (!actor.regionId || !incident.gridId) return false;
  return view.regionChain(incident.gridId).some((region) => region.id === actor.regionId);
}

function check(view: EngineView, actor: Actor, type: CommandType, incident: IncidentRecord | null, context: AuthorizationContext = {}): void {
  if (actor.role === 'system') return;
  const full: AuthorizationContext = {
    priority: incident?.priority ?? null,
    ...(actor.role === 'regionHead' && incident ? { inRegion: inRegion(view, actor, incident) } : {}),
    ...(actor.role === 'integration' && incident ? { ownChannel: !!actor.channel && incident.ownChannels.includes(actor.channel) } : {}),
    ...context,
  };
  const refusal = authorize(actor.role, type, full);
  if (refusal) fail(refusal.code, refusal.message, 'type');
}

function activeAssignment(incident: IncidentRecord, unitId: string) {
  return incident.assignments.find((a) => a.unitId === unitId && a.status !== 'returned');
}

/** A unit account acts for its own unit; others name the unit. */
function unitFor(actor: Actor, named: string | undefined): string | undefined {
  return actor.role === 'unit' ? (named ?? actor.unitId ?? undefined) : named;
}

type Decider<T extends CommandType> = (payload: CommandPayload<T>, actor: Actor, view: EngineView) => Decision;
type Deciders = { [T in CommandType]: Decider<T> };

/** The commands whose entry's payload is the command's payload as parsed, keyed by the entry type they produce. */
type Echoed<T extends CommandType, E extends EntryType> = CommandPayload<T> extends EntryPayload<E> ? E : never;

const simple = <T extends CommandType, E extends EntryType>(type: T, entry: Echoed<T, E>, command: IncidentCommand, extra?: (incident: IncidentRecord, payload: CommandPayload<T>) => void): Decider<T> =>
  (payload, actor, view) => {
    const incident = load(view, (payload as { incidentId: string }).incidentId);
    check(view, actor, type, incident);
    requireLegal(command, incident);
    extra?.(incident, payload);
    const draft = { type: entry, payload: { ...payload } } as DecidedEntry;
    return { entries: [draft], incidentId: incident.id };
  };

const DECIDERS: Deciders = {
  'incident.report': (payload, actor, view) => {
    check(view, actor, 'incident.report', null, actor.role === 'integration' ? { ownChannel: payload.channel === actor.channel } : {});
    const now = view.now();
    const at = now.toISOString();
    const day = townDayDigits(now);
    const incidentId = workOrderNumber(day, view.nextNumber(`incident:${day}`));
    const reportId = `R${workOrderNumber(day, view.nextNumber(`report:${day}`))}`;
    const location = payload.location ?? null;
    const address = payload.address ?? null;
    const gridId = location ? view.gridAt(location.lon, location.lat) : null;
    const report: Report = {
      id: reportId,
      incidentId,
      channel: payload.channel,
      receivedAt: at,
      title: payload.title,
      description: payload.description,
      category: payload.category,
      location,
      address,
      reporter: payload.reporter ?? null,
      takenBy: actor.userId,
      ...(payload.facts ? { facts: payload.facts } : {}),
    };
    const incident: Incident & { gridId: string | null } = {
      id: incidentId,
      state: 'reported',
      title: payload.title,
      category: payload.category,
      priority: null,
      location,
      address,
      channels: [payload.channel],
      reportCount: 1,
      createdAt: at,
      updatedAt: at,
      lastSeq: 0,
      lastAction: 'incident.reported',
      gridId,
    };
    const withSeq = (seq: number) => ({ incident: { ...incident, lastSeq: seq }, report });
    // Duplicates are the seat's question before it submits (POST /dedupe/candidates while
    // typing); answering them here too cost half of every report's time in the worker.
    return { entries: [{ type: 'incident.reported', payload: withSeq }], incidentId };
  },

  'incident.triage': simple('incident.triage', 'incident.triaged', 'incident.triage'),

  'incident.merge': (payload, actor, view) => {
    const child = load(view, payload.incidentId);
    const master = load(view, payload.into, 'payload.into');
    // An integration merges an update of its own channel into an incident of its own channel.
    const owns = (i: IncidentRecord) => !!actor.channel && i.ownChannels.includes(actor.channel);
    check(view, actor, 'incident.merge', child, actor.role === 'integration' ? { ownChannel: owns(child) && owns(master) } : {});
    requireLegal('incident.merge', child);
    if (child.mergedFrom.length) fail('illegalState', `Incident ${child.id} has reports merged into it; unmerge them first.`, 'payload.incidentId');
    if (!MERGE_TARGET_STATES.includes(master.state)) fail('illegalState', `Incident ${master.id} is ${master.state} and cannot take merged reports.`, 'payload.into');
    if (master.state === 'closed' && Date.parse(master.closedAt ?? master.updatedAt) < view.now().getTime() - MERGE_INTO_CLOSED_DAYS * 86_400_000) {
      fail('illegalState', `Incident ${master.id} was closed more than ${MERGE_INTO_CLOSED_DAYS} days ago; report anew.`, 'payload.into');
    }
    return { entries: [{ type: 'incident.merged', payload: { incidentId: child.id, into: master.id } }], incidentId: master.id };
  },

  'incident.dismissDuplicate': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    check(view, actor, 'incident.dismissDuplicate', incident);
    requireLegal('incident.dismissDuplicate', incident);
    const suspected = incident.suspectedDuplicate;
    if (!suspected) fail('illegalState', `Incident ${incident.id} is not suspected of being a duplicate.`, 'payload.incidentId');
    return { entries: [{ type: 'incident.duplicateDismissed', payload: { incidentId: incident.id, of: suspected.of } }], incidentId: incident.id };
  },

  'incident.unmerge': (payload, actor, view) => {
    const child = load(view, payload.incidentId);
    const current = child.mergedInto ? view.incident(child.mergedInto) : null;
    const owns = (i: IncidentRecord | null) => !!i && !!actor.channel && i.ownChannels.includes(actor.channel);
    check(view, actor, 'incident.unmerge', child, actor.role === 'integration' ? { ownChannel: owns(child) && owns(current) } : {});
    requireLegal('incident.unmerge', child);
    const master = current ?? load(view, child.mergedInto ?? '', 'payload.incidentId');
    if (master.state === 'closed') fail('illegalState', `Incident ${master.id} is closed; reopen it before taking reports out.`, 'payload.incidentId');
    return { entries: [{ type: 'incident.unmerged', payload: { incidentId: child.id, from: master.id } }], incidentId: child.id };
  },

  'incident.dispatch': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    check(view, actor, 'incident.dispatch', incident);
    requireLegal('incident.dispatch', incident);
    if (incident.priority === null) fail('illegalState', 'Triage the incident (priority and lead department) before dispatch.', 'payload.incidentId');
    const units = payload.unitIds.map((unitId, i) => {
      const unit = view.unit(unitId) ?? fail('notFound', `No unit ${unitId}.`, `payload.unitIds.${i}`);
      if (activeAssignment(incident, unitId)) fail('conflict', `${unit.name} is already assigned to this incident.`, `payload.unitIds.${i}`);
      if (unit.status === 'offline') fail('conflict', `${unit.name} is offline.`, `payload.unitIds.${i}`);
      return { unitId: unit.id, unitName: unit.name };
    });
    if (new Set(payload.unitIds).size !== payload.unitIds.length) fail('invalid', 'A unit is named twice.', 'payload.unitIds');
    return { entries: [{ type: 'incident.dispatched', payload: { incidentId: incident.id, units } }], incidentId: incident.id };
  },

  'incident.return': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    const unitId = unitFor(actor, payload.unitId);
    check(view, actor, 'incident.return', incident, actor.role === 'unit' ? { ownUnit: unitId === actor.unitId } : {});
    requireLegal('incident.return', incident);
    // Before dispatch there is no department to hand anything back: only the commander sends a
    // triage (a dispatch awaiting approval) back to the seat, as a whole, to be triaged anew.
    if (incident.state === 'triaged' && (actor.role !== 'commander' || unitId !== undefined)) {
      fail('illegalState', `Incident ${incident.id} is not dispatched yet; only a commander returns it to the seat, naming no unit.`, unitId !== undefined ? 'payload.unitId' : 'type');
    }
    if (unitId !== undefined && !activeAssignment(incident, unitId)) fail('conflict', `Unit ${unitId} holds no assignment on this incident.`, 'payload.unitId');
    return { entries: [{ type: 'incident.returned', payload: { incidentId: incident.id, unitId: unitId ?? null, reason: payload.reason } }], incidentId: incident.id };
  },

  'unit.accept': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    check(view, actor, 'unit.accept', incident, actor.role === 'unit' ? { ownUnit: payload.unitId === actor.unitId } : {});
    requireLegal('unit.accept', incident);
    const assignment = activeAssignment(incident, payload.unitId) ?? fail('conflict', `Unit ${payload.unitId} was not dispatched to this incident.`, 'payload.unitId');
    if (assignment.status !== 'dispatched') fail('conflict', `${assignment.unitName} has accepted already.`, 'payload.unitId');
    return { entries: [{ type: 'unit.accepted', payload: { incidentId: incident.id, unitId: payload.unitId } }], incidentId: incident.id };
  },

  'unit.arrive': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    check(view, actor, 'unit.arrive', incident, actor.role === 'unit' ? { ownUnit: payload.unitId === actor.unitId } : {});
    requireLegal('unit.arrive', incident);
    const assignment = activeAssignment(incident, payload.unitId) ?? fail('conflict', `Unit ${payload.unitId} was not dispatched to this incident.`, 'payload.unitId');
    if (assignment.status === 'onScene') fail('conflict', `${assignment.unitName} is on scene already.`, 'payload.unitId');
    return { entries: [{ type: 'unit.arrived', payload: { incidentId: incident.id, unitId: payload.unitId } }], incidentId: incident.id };
  },

  'incident.feedback': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    const ownUnit = actor.role === 'unit' ? !!actor.unitId && !!activeAssignment(incident, actor.unitId) : undefined;
    check(view, actor, 'incident.feedback', incident, ownUnit === undefined ? {} : { ownUnit });
    if (ownUnit === false) fail('notYourUnit', 'Your unit holds no assignment on this incident.', 'payload.incidentId');
    requireLegal('incident.feedback', incident);
    if (payload.settledOnSpot === false && incident.state === 'triaged') {
      fail('illegalState', 'Before dispatch, feedback is only for a case settled on the spot.', 'payload.settledOnSpot');
    }
    return { entries: [{ type: 'incident.feedbackGiven', payload: { incidentId: incident.id, text: payload.text, photos: payload.photos, settledOnSpot: payload.settledOnSpot } }], incidentId: incident.id };
  },

  'incident.resolve': simple('incident.resolve', 'incident.resolved', 'incident.resolve', (incident) => {
    if (!incident.feedback.length) fail('feedbackRequired', 'Record feedback from the scene before resolving.', 'payload.incidentId');
  }),

  'incident.acceptClosure': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    check(view, actor, 'incident.acceptClosure', incident);
    requireLegal('incident.acceptClosure', incident);
    if (!incident.feedback.length) fail('feedbackRequired', 'An incident is closed only with feedback.', 'payload.incidentId');
    return { entries: [{ type: 'incident.closed', payload: { incidentId: incident.id, rating: payload.rating ?? null } }], incidentId: incident.id };
  },

  'incident.reopen': simple('incident.reopen', 'incident.reopened', 'incident.reopen'),
  'incident.cancel': simple('incident.cancel', 'incident.cancelled', 'incident.cancel', (incident) => {
    // Merged reports are real reports: they would be left pointing at a cancelled incident.
    if (incident.mergedFrom.length) fail('illegalState', `Incident ${incident.id} holds merged reports; unmerge them before cancelling.`, 'payload.incidentId');
  }),

  'incident.circleCall': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    check(view, actor, 'incident.circleCall', incident);
    requireLegal('incident.circleCall', incident);
    if (!incident.gridId) fail('illegalState', 'The incident has no location in a grid yet; locate it first.', 'payload.incidentId');
    const region = view.regionChain(incident.gridId).find((r) => r.level === payload.level) ?? fail('notFound', `No ${payload.level} region above grid ${incident.gridId}.`, 'payload.level');
    const unitIds = view.unitsInRegion(region.id).filter((u) => u.status !== 'offline').map((u) => u.id);
    if (!unitIds.length) fail('conflict', `No unit is on duty in region ${region.id}.`, 'payload.level');
    return { entries: [{ type: 'incident.circleCalled', payload: { incidentId: incident.id, regionId: region.id, unitIds } }], incidentId: incident.id };
  },

  'personalData.reveal': (payload, actor, view) => {
    const incident = load(view, payload.incidentId);
    check(view, actor, 'personalData.reveal', incident);
    const reporter = view.reporterOf(payload.reportId);
    const belongs = reporter && (reporter.incidentId === incident.id || incident.mergedFrom.includes(reporter.incidentId));
    if (!reporter || !belongs) fail('notFound', `No report ${payload.reportId} on incident ${incident.id}.`, 'payload.reportId');
    return {
      entries: [{ type: 'personalData.revealed', payload: { incidentId: incident.id, reportId: payload.reportId, field: 'reporter' } }],
      incidentId: incident.id,
      data: { reporter: { name: reporter!.name, phone: reporter!.phone } },
    };
  },

  'wall.focus': (payload, actor, view) => {
    if (payload.incidentId !== null) load(view, payload.incidentId);
    check(view, actor, 'wall.focus', null);
    return { entries: [{ type: 'wall.focused', payload: { incidentId: payload.incidentId } }], ...(payload.incidentId ? { incidentId: payload.incidentId } : {}) };
  },

  'shift.start': (payload, actor, view) => {
    check(view, actor, 'shift.start', null);
    if (payload.handoverId !== undefined) {
      const sheet = view.handover(payload.handoverId) ?? fail('notFound', `No handover sheet ${payload.handoverId}.`, 'payload.handoverId');
      if (sheet.incomingId !== actor.userId) fail('forbidden', 'This handover sheet is addressed to another commander.', 'payload.handoverId');
      if (sheet.signedInAt !== null) fail('conflict', 'This handover sheet is signed already.', 'payload.handoverId');
    }
    const current = view.onDuty();
    if (current?.commanderId === actor.userId && payload.handoverId === undefined) fail('conflict', 'You are on duty already.', 'type');
    return { entries: [{ type: 'shift.started', payload: { commanderId: actor.userId, handoverId: payload.handoverId ?? null } }] };
  },

  'briefing.export': (payload, actor, view) => {
    check(view, actor, 'briefing.export', null);
    return { entries: [{ type: 'briefing.exported', payload: { date: payload.date, by: actor.userId } }] };
  },

  'warning.acknowledge': (payload, actor, view) => {
    check(view, actor, 'warning.acknowledge', null);
    const warning = view.warning(payload.warningId) ?? fail('notFound', `No early warning ${payload.warningId}.`, 'payload.warningId');
    if (warning.state !== 'open') fail('conflict', `Early warning ${warning.id} is acknowledged already.`, 'payload.warningId');
    return { entries: [{ type: 'warning.acknowledged', payload: { warningId: warning.id, note: payload.note || null } }] };
  },

  'alert.setAside': (payload, actor, view) => {
    check(view, actor, 'alert.setAside', null);
    // An integration account always feeds one channel; the notice says which.
    const channel = actor.channel ?? fail('forbidden', 'Only an alert feed’s account sets an alert aside.');
    return { entries: [{ type: 'alert.setAside', payload: { ...payload, channel } }] };
  },

  'config.update': (payload, actor, view) => {
    check(view, actor, 'config.update', null);
    return { entries: [{ type: 'config.updated', payload: { ...payload } }] };
  },

  'shift.handover': (payload, actor, view) => {
    check(view, actor, 'shift.handover', null);
    const current = view.onDuty();
    if (current?.commanderId !== actor.userId) fail('conflict', 'Only the commander on duty hands the shift over.', 'type');
    const incoming = view.user(payload.incomingUserId) ?? fail('notFound', `No user ${payload.incomingUserId}.`, 'payload.incomingUserId');
    if (incoming.role !== 'commander') fail('invalid', `${incoming.name} is not a commander.`, 'payload.incomingUserId');
    if (incoming.id === actor.userId) fail('invalid', 'Hand the shift to another commander.', 'payload.incomingUserId');
    const now = view.now();
    const open = view.openIncidents();
    const openByState: HandoverSheet['openByState'] = {};
    for (const incident of open) openByState[incident.state] = (openByState[incident.state] ?? 0) + 1;
    const sheet: HandoverSheet = {
      id: `H${workOrderNumber(townDayDigits(now), view.nextNumber(`handover:${townDayDigits(now)}`))}`,
      outgoingId: actor.userId,
      incomingId: incoming.id,
      createdAt: now.toISOString(),
      notes: payload.notes,
      watchList: payload.watchList,
      openByState,
      pendingApprovals: open.filter((i) => isSerious(i.priority) && (i.state === 'triaged' || i.state === 'resolved')).map((i) => i.id),
      overdue: open.filter((i) => slaClocks(i, view.config().sla).some((c) => c.deadline !== null && c.doneAt === null && c.startedAt !== null && Date.parse(c.deadline) < now.getTime())).map((i) => i.id),
      signedOutAt: now.toISOString(),
      signedInAt: null,
    };
    return { entries: [{ type: 'shift.handedOver', payload: { sheet } }], data: { handoverId: sheet.id } };
  },
};

export function decide(envelope: CommandEnvelope, actor: Actor, view: EngineView): Decision {
  if (actor.role === 'system') fail('forbidden', 'The hub issues no commands of its own through the API.', 'type');
  // The role gate first: a role the matrix does not name learns nothing about the payload.
  if (!mayIssue(actor.role, envelope.type)) fail('forbidden', `The role ${actor.role} may not issue ${envelope.type}.`, 'type');
  const parsed = parseWith(COMMAND_PAYLOADS[envelope.type], envelope.payload, 'payload');
  if (!parsed.ok) fail(parsed.error.code, parsed.error.message, parsed.error.path);
  const decider = DECIDERS[envelope.type] as Decider<CommandType>;
  return decider((parsed as { value: CommandPayload<CommandType> }).value, actor, view);
}

/**
 * The hub's own entries: a suspicion for each newly reported incident that likely reports
 * what an older open one does, decided after its report committed. An incident is suspected
 * once: a dismissal stands, and one already merged or moved on is left to the seat.
 */
export function decideDuplicateSuspicions(view: EngineView, incidentIds: readonly string[]): DecidedEntry[] {
  const decided: DecidedEntry[] = [];
  for (const incidentId of incidentIds) {
    const incident = view.incident(incidentId);
    if (!incident || incident.state !== 'reported' || incident.suspectedDuplicate) continue;
    const [likely] = view.olderLikelyDuplicates(incident);
    if (!likely) continue;
    decided.push({ type: 'incident.duplicateSuspected', payload: { incidentId, of: likely.incidentId, score: likely.score, reasons: duplicateReasons(likely.score) } });
  }
  return decided;
}

/**
 * The hub's own entries: each incident whose CAP alert has passed its `expires` is marked so,
 * once; one nobody has acted on (still reported, nothing merged into it) is cancelled beside
 * the mark, as the source's own warning no longer stands.
 */
export function decideExpiredAlerts(view: EngineView): DecidedEntry[] {
  const now = view.now().getTime();
  const decided: DecidedEntry[] = [];
  for (const { incidentId, expires } of view.alertExpiries()) {
    if (Date.parse(expires) > now) continue;
    const incident = view.incident(incidentId);
    if (!incident || incident.alertExpiredAt) continue;
    decided.push({ type: 'incident.alertExpired', payload: { incidentId, expires } });
    if (incident.state === 'reported' && !incident.mergedFrom.length && isLegal('incident.cancel', incident.state)) {
      decided.push({ type: 'incident.cancelled', payload: { incidentId, reason: `CAP 告警已于 ${expires} 失效，未经处置，自动撤销` } });
    }
  }
  return decided;
}

/** The hub's own entries: SLA escalations due now, once each. */
export function decideEscalations(view: EngineView): DecidedEntry[] {
  const now = view.now();
  const { sla } = view.config();
  return view.openIncidents().flatMap((incident) =>
    dueEscalations(incident, now, sla).map((due): DecidedEntry => ({ type: 'sla.escalated', payload: { incidentId: incident.id, ...due } })),
  );
}
