// Times as the duty room reads them: 24-hour time on the town's clock (shared/time.ts), the
// date only when it is not today in town. The machine's own zone plays no part.
import { formatTownDate, formatTownMonthDayTime, formatTownTime } from '../../../shared/time';

export function clockTime(ms: number): string {
  return formatTownTime(ms);
}

export function calendarDate(ms: number): string {
  return formatTownDate(ms);
}

/** A queue timestamp: `08:15:02` today, `03-01 08:15` on other days. */
export function queueTime(iso: string, nowMs: number): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  if (calendarDate(ms) === calendarDate(nowMs)) return clockTime(ms);
  return formatTownMonthDayTime(ms);
}
