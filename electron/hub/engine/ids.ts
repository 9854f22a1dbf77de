// Work-order numbers as a duty room reads them aloud: the town day and a running number,
// e.g. 20261122-0042.
import { townDay } from '../../../shared/time';

/** The town day of `time` as YYYYMMDD. */
export function townDayDigits(time: Date): string {
  return townDay(time.getTime()).replaceAll('-', '');
}

export function workOrderNumber(day: string, n: number): string {
  return `${day}-${String(n).padStart(4, '0')}`;
}
