// A generated history as the journal entries a real year would have left: reported, merged
// (the seat merged the second report of one event), triaged, dispatched, accepted, arrived,
// feedback, resolved, closed — each at its own time, in time order.
import type { Incident, Report } from '../../../shared/domain';
import { distanceMeters } from '../../../shared/geo/distance';
import { townDayDigits, workOrderNumber } from '../engine/ids';
import type { UnitBase } from '../store/read/town-lookup';
import type { History } from './history';

export interface ImportedEntry {
  time: string;
  type: string;
  payload: unknown;
}

const MINUTE = 60_000;
const at = (start: string, minutes: number) => new Date(Date.parse(start) + minutes * MINUTE).toISOString();

/** Entries up to `now`: what has not happened yet stays open, as it would in a real queue. */
export function historyEntries(history: History, units: readonly UnitBase[], now: Date): ImportedEntry[] {
  const entries: Array<ImportedEntry & { order: number }> = [];
  const counters = new Map<string, number>();
  const next = (key: string) => {
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return n;
  };
  const masterOf = new Map<number, string>();
  let order = 0;
  const push = (time: string, type: string, payload: unknown) => entries.push({ time, type, payload, order: order++ });

  for (const r of history.reports) {
    const day = townDayDigits(new Date(r.receivedAt));
    const incidentId = workOrderNumber(day, next(`incident:${day}`));
    const reportId = `R${workOrderNumber(day, next(`report:${day}`))}`;
    const event = history.events[r.eventId]!;
    const report: Report = {
      id: reportId,
      incidentId,
      channel: r.channel,
      receivedAt: r.receivedAt,
      title: r.title,
      description: r.description,
      category: r.category,
      location: r.location,
      address: r.address,
      reporter: r.reporter,
      takenBy: 'history-import',
    };
    const incident: Incident & { gridId: string } = {
      id: incidentId,
      state: 'reported',
      title: r.title,
      category: r.category,
      priority: null,
      location: r.location,
      address: r.address,
      channels: [r.channel],
      reportCount: 1,
      createdAt: r.receivedAt,
      updatedAt: r.receivedAt,
      lastSeq: 0,
      lastAction: 'incident.reported',
      gridId: event.gridId,
    };
    // lastSeq stays 0 in the payload: the projection stamps every record with its entry's seq.
    push(r.receivedAt, 'incident.reported', { incident, report });
    const master = masterOf.get(r.eventId);
    if (master !== undefined) {
      push(at(r.receivedAt, 2), 'incident.merged', { incidentId, into: master });
      continue;
    }
    masterOf.set(r.eventId, incidentId);
    const s = event.steps;
    const start = r.receivedAt;
    push(at(start, s.triage), 'incident.triaged', { incidentId, category: event.category, priority: event.priority, lead: event.lead, coHandlers: [] });
    if (s.cancel !== null) {
      push(at(start, s.cancel), 'incident.cancelled', { incidentId, reason: '核实为无效警情' });
      continue;
    }
    if (s.dispatch !== null) {
      const unit = nearestUnit(units, event.location, event.lead);
      if (unit) {
        push(at(start, s.dispatch), 'incident.dispatched', { incidentId, units: [{ unitId: unit.id, unitName: unit.name }] });
        if (s.accept !== null) push(at(start, s.accept), 'unit.accepted', { incidentId, unitId: unit.id });
        if (s.arrive !== null) push(at(start, s.arrive), 'unit.arrived', { incidentId, unitId: unit.id });
      }
    }
    if (s.feedback !== null) push(at(start, s.feedback), 'incident.feedbackGiven', { incidentId, text: event.settledOnSpot ? '现场调解，双方达成一致' : '已到场处置完毕', photos: [], settledOnSpot: event.settledOnSpot });
    if (s.resolve !== null) push(at(start, s.resolve), 'incident.resolved', { incidentId, summary: '处置完毕' });
    if (s.close !== null) push(at(start, s.close), 'incident.closed', { incidentId, rating: event.rating });
  }
  const until = now.toISOString();
  return entries
    .filter((e) => e.time < until)
    .sort((a, b) => (a.time < b.time ? -1 : a.time > b.time ? 1 : a.order - b.order))
    .map(({ time, type, payload }) => ({ time, type, payload }));
}

/** The nearest unit of the lead department, else the nearest of any. */
function nearestUnit(units: readonly UnitBase[], at: { lon: number; lat: number }, lead: string): UnitBase | null {
  let best: UnitBase | null = null;
  let bestScore = Infinity;
  for (const unit of units) {
    const meters = distanceMeters(at, unit.location) * (unit.department === lead ? 1 : 3);
    if (meters < bestScore) {
      bestScore = meters;
      best = unit;
    }
  }
  return best;
}
