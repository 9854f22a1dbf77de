// Pure shaping of the daily briefing (每日会商): town days, trend series, overdue incidents
// and yesterday's counts. No React, no fetch: the loader and the screen use these.
import type { Incident } from '../../../../shared/domain';
import { slaMinutes, type SlaConfig } from '../../../../shared/sla';
import { townDayStart } from '../../../../shared/time';

const DAY_MS = 86_400_000;

/** The town day (YYYY-MM-DD) an instant falls on, in the town's time zone. */
export { townDay } from '../../../../shared/time';

/** The day `n` days before `day`. */
export function dayMinus(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - n * DAY_MS).toISOString().slice(0, 10);
}

/** The instant a town day starts. */
export function dayStartMs(day: string): number {
  return townDayStart(day);
}

export interface OverdueIncident {
  incident: Incident;
  clock: 'dispatch' | 'resolve';
  deadline: number;
  /** Minutes past the deadline. */
  lateMinutes: number;
}

const NOT_DISPATCHED = new Set(['reported', 'triaged', 'returned']);

/**
 * Open incidents past an SLA deadline (shared/sla.ts): not yet dispatched past the dispatch
 * clock, or not resolved past the resolve clock. Most overdue first.
 */
export function overdueIncidents(open: readonly Incident[], sla: SlaConfig, now: number): OverdueIncident[] {
  const out: OverdueIncident[] = [];
  for (const incident of open) {
    const minutes = slaMinutes(sla, incident.category, incident.priority);
    const created = Date.parse(incident.createdAt);
    const resolveBy = created + minutes.resolve * 60_000;
    const dispatchBy = created + minutes.dispatch * 60_000;
    if (now > resolveBy) out.push({ incident, clock: 'resolve', deadline: resolveBy, lateMinutes: Math.floor((now - resolveBy) / 60_000) });
    else if (NOT_DISPATCHED.has(incident.state) && now > dispatchBy) {
      out.push({ incident, clock: 'dispatch', deadline: dispatchBy, lateMinutes: Math.floor((now - dispatchBy) / 60_000) });
    }
  }
  return out.sort((a, b) => b.lateMinutes - a.lateMinutes);
}

/** A day's counts: the hub counts them from its analysis (GET /day-counts); the same function counts a list here. */
export { countDay, type DayCounts } from '../../../../shared/analysis/day-counts';

/** One region's values per day, in day order, null where the day had nothing to measure. */
export function trendOf<T extends { regionId: string; date: string }>(items: readonly T[], regionId: string, days: readonly string[], value: (item: T) => number | null): Array<number | null> {
  const byDay = new Map(items.filter((i) => i.regionId === regionId).map((i) => [i.date, i]));
  return days.map((day) => {
    const item = byDay.get(day);
    return item ? value(item) : null;
  });
}

/** `n` consecutive town days ending with `last`. */
export function daysEnding(last: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => dayMinus(last, n - 1 - i));
}
