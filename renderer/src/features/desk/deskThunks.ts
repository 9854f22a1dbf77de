// What the commander desk asks of the hub. Every action answers a DeskOutcome instead of
// throwing, so a refusal is shown beside the button that caused it.
import type { Priority } from '../../../../shared/domain';
import type { DutyError } from '../../../../shared/errors';
import type { IncidentRecord } from '../../../../shared/incident/model';
import type { CommandInput, CommandType } from '../../../../shared/protocol/commands';
import { isPending } from '../../../../shared/protocol/replica';
import type { Department } from '../../../../shared/town';
import { toDutyError } from '../../app/api';
import { newIdempotencyKey } from '../../app/idempotency';
import type { AppThunk } from '../../app/store';
import { selectIncidentById } from '../queue/queueSlice';
import { endSession, endsSession } from '../session/sessionThunks';
import { unitsToApprove, type Approval } from './approvals';
import { orderDepartments, orderSteps, triageOf, unitsForDepartments, type CrossDepartmentOrder } from './crossDepartment';

export type DeskOutcome =
  | { ok: true; pending: boolean; data?: unknown; noteKey?: string; values?: Record<string, string>; missing?: Department[] }
  | { ok: false; error: DutyError }
  /** Refused here before asking the hub, with the reason in the desk's own words. */
  | { ok: false; noteKey: string; values?: Record<string, string> };

class Refused extends Error {
  constructor(readonly error: DutyError) {
    super(error.message);
  }
}

/** One command; the answer, or a Refused carrying the hub's error. */
function send<T extends CommandType>(type: T, payload: CommandInput<T>, idempotencyKey: string): AppThunk<Promise<{ pending: boolean; data?: unknown }>> {
  return async (dispatch, getState, { api }) => {
    try {
      const answer = await api.call('command', { token: getState().session.token, body: { type, payload, idempotencyKey } });
      // A replica whose primary is away keeps the command in its outbox (the outbox panel shows it).
      return isPending(answer) ? { pending: true } : { pending: false, data: answer.data };
    } catch (cause) {
      const error = toDutyError(cause);
      if (endsSession(error.code)) dispatch(endSession(error));
      throw new Refused(error);
    }
  };
}

function settle(run: () => Promise<DeskOutcome>): Promise<DeskOutcome> {
  return run().catch((cause: unknown) => ({ ok: false as const, error: cause instanceof Refused ? cause.error : toDutyError(cause) }));
}

/** A single command as a desk action. The key is the caller's, so a retry after a lost answer applies once. */
export function issue<T extends CommandType>(type: T, payload: CommandInput<T>, idempotencyKey = newIdempotencyKey()): AppThunk<Promise<DeskOutcome>> {
  return (dispatch) => settle(async () => ({ ok: true, ...(await dispatch(send(type, payload, idempotencyKey))) }));
}

/**
 * One-key approval. A dispatch approval sends the engine's best recommended units (two for
 * P1); a closure approval accepts the closure.
 */
export function approve(approval: Approval, key: string): AppThunk<Promise<DeskOutcome>> {
  return (dispatch, getState, { api }) =>
    settle(async () => {
      if (approval.ask === 'closure') return { ok: true, ...(await dispatch(send('incident.acceptClosure', { incidentId: approval.incidentId }, key))) };
      const recommendations = await api.call('recommendations', { token: getState().session.token, params: { id: approval.incidentId } }).catch((cause: unknown) => {
        throw new Refused(toDutyError(cause));
      });
      const unitIds = unitsToApprove(approval.priority, recommendations);
      if (!unitIds.length) return { ok: false, noteKey: 'command.approvals.noUnit' };
      const names = recommendations.units.filter((u) => unitIds.includes(u.unitId)).map((u) => u.unitName);
      const sent = await dispatch(send('incident.dispatch', { incidentId: approval.incidentId, unitIds }, key));
      return { ok: true, ...sent, noteKey: 'command.approvals.dispatched', values: { units: names.join('、') } };
    });
}

/** Refusing an approval, with the commander's reason: a closure is reopened, a dispatch goes back to the seat. */
export function sendBack(approval: Approval, reason: string, key: string): AppThunk<Promise<DeskOutcome>> {
  return approval.ask === 'closure'
    ? issue('incident.reopen', { incidentId: approval.incidentId, reason }, key)
    : issue('incident.return', { incidentId: approval.incidentId, reason }, key);
}

export interface CrossDepartmentRequest extends CrossDepartmentOrder {
  incidentId: string;
  priority: Priority;
  /** Also dispatch one unit of each named department. */
  dispatchUnits: boolean;
}

/**
 * The cross-department order: triage with lead and co-handlers where the state still takes
 * a triage, then one unit of each department. Each step has its own key derived from the
 * caller's, so retrying the whole order repeats no step that landed.
 */
export function crossDepartmentOrder(request: CrossDepartmentRequest, key: string): AppThunk<Promise<DeskOutcome>> {
  return (dispatch, getState, { api }) =>
    settle(async () => {
      const token = getState().session.token;
      const incident = selectIncidentById(getState(), request.incidentId);
      if (!incident) return { ok: false, noteKey: 'command.cross.notOpen' };
      const steps = orderSteps(incident.state);
      const order = { lead: request.lead, coHandlers: request.coHandlers };
      if (steps.triage) {
        const triaged = await dispatch(send('incident.triage', triageOf(incident, order, request.priority), `${key}.t`));
        if (triaged.pending) return { ok: true, pending: true, noteKey: 'command.cross.triagePending' };
      }
      if (!request.dispatchUnits) return { ok: true, pending: false, noteKey: 'command.cross.triaged' };
      if (!steps.dispatch) return { ok: false, noteKey: 'command.cross.noDispatch' };
      const [recommendations, units] = await Promise.all([
        api.call('recommendations', { token, params: { id: request.incidentId } }),
        api.call('units', { token }),
      ]).catch((cause: unknown) => {
        throw new Refused(toDutyError(cause));
      });
      // The queue may hold full records: units already on the incident are not sent again.
      const assignments = (incident as Partial<IncidentRecord>).assignments ?? [];
      const onIt = new Set(assignments.filter((a) => a.status !== 'returned').map((a) => a.unitId));
      const picks = unitsForDepartments(orderDepartments(order), recommendations.units, units.items, incident.location, onIt);
      const unitIds = picks.flatMap((p) => (p.unitId ? [p.unitId] : []));
      const missing = picks.filter((p) => !p.unitId).map((p) => p.department);
      if (!unitIds.length) return { ok: false, noteKey: 'command.cross.noUnits' };
      const sent = await dispatch(send('incident.dispatch', { incidentId: request.incidentId, unitIds }, `${key}.d`));
      const names = unitIds.map((id) => units.items.find((u) => u.id === id)?.name ?? id).join('、');
      return { ok: true, ...sent, noteKey: missing.length ? 'command.cross.sentMissing' : 'command.cross.sent', values: { units: names }, missing };
    });
}
