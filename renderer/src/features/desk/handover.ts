// Where this commander stands in the shift, and what a handover sheet says at a glance.
// The rules are the engine's (shift.start / shift.handover); this only reads them back.
import { INCIDENT_STATES, type IncidentState } from '../../../../shared/domain';
import type { ResponseOf } from '../../../../shared/protocol/api';

export type Shift = ResponseOf<'shift'>;
export type HandoverSheet = Shift['handovers'][number];

export type ShiftStance =
  /** A sheet addressed to me waits for my signature: review, then sign to take over. */
  | { kind: 'toSign'; sheet: HandoverSheet }
  /** I command now; `handedOver` is my unsigned sheet to the next commander, if any. */
  | { kind: 'onDuty'; since: string; handedOver: HandoverSheet | null }
  /** Nobody commands: any commander starts the shift. */
  | { kind: 'vacant' }
  /** Another commander is on duty. */
  | { kind: 'offDuty'; commanderId: string; since: string };

/** Sheets come newest first from the hub. */
export function shiftStance(userId: string, shift: Shift): ShiftStance {
  const toSign = shift.handovers.find((s) => s.incomingId === userId && s.signedInAt === null);
  if (toSign) return { kind: 'toSign', sheet: toSign };
  const { onDuty } = shift;
  if (!onDuty) return { kind: 'vacant' };
  if (onDuty.commanderId === userId) {
    const handedOver = shift.handovers.find((s) => s.outgoingId === userId && s.signedInAt === null) ?? null;
    return { kind: 'onDuty', since: onDuty.since, handedOver };
  }
  return { kind: 'offDuty', commanderId: onDuty.commanderId, since: onDuty.since };
}

export interface SheetSummary {
  openTotal: number;
  /** Open incidents by state, in lifecycle order, states with none left out. */
  byState: Array<{ state: IncidentState; count: number }>;
  pendingApprovals: number;
  overdue: number;
  watched: number;
  /** Incidents both overdue and waiting for a commander: the first thing to look at. */
  urgent: string[];
}

export function sheetSummary(sheet: HandoverSheet): SheetSummary {
  const byState = INCIDENT_STATES.flatMap((state) => {
    const count = sheet.openByState[state] ?? 0;
    return count > 0 ? [{ state, count }] : [];
  });
  const overdue = new Set(sheet.overdue);
  return {
    openTotal: byState.reduce((sum, s) => sum + s.count, 0),
    byState,
    pendingApprovals: sheet.pendingApprovals.length,
    overdue: sheet.overdue.length,
    watched: sheet.watchList.length,
    urgent: sheet.pendingApprovals.filter((id) => overdue.has(id)),
  };
}

/** The watch list a handover form keeps: each incident once, in the order added. */
export function watchListWith(list: readonly string[], incidentId: string | null): string[] {
  if (!incidentId || list.includes(incidentId)) return [...list];
  return [...list, incidentId];
}
