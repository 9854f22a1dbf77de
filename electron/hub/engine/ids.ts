// Work-order numbers as a duty room reads them aloud: the day in Beijing time and a
// running number, e.g. 20261122-0042.
const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

export function beijingDay(time: Date): string {
  return new Date(time.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10).replaceAll('-', '');
}

export function workOrderNumber(day: string, n: number): string {
  return `${day}-${String(n).padStart(4, '0')}`;
}
