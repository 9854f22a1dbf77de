// The town's clock: calendar days, hours and wall-clock text in the town's IANA time zone,
// whatever zone the machine running the code is set to. Offsets and wall times come from
// Intl; nothing here assumes a fixed offset or the absence of daylight saving.
//
// The zone is one setting per process (hub thread, store worker, renderer window): each sets
// it once from the town data it loads (setTownTimeZone), and until then it is Asia/Shanghai.
// A process serves one town, so a module-level setting is enough, and callers do not have to
// thread the zone through every formatter and every analysis function.

export const DEFAULT_TOWN_TIME_ZONE = 'Asia/Shanghai';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Buckets a cache keeps before it starts afresh (a day cache: about 270 years). */
const MAX_CACHED_BUCKETS = 100_000;

/** True when `name` is an IANA time zone this runtime's Intl knows. */
export function isTimeZone(name: string): boolean {
  if (name.length === 0) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The formatter and the offset cache of one zone. */
class Zone {
  private readonly format: Intl.DateTimeFormat;
  /** UTC day (ms / DAY, floored) → the offset through that whole day, NaN when it changes inside it. */
  private readonly dayOffsets = new Map<number, number>();
  /** UTC hour (ms / HOUR, floored) of a day with a change → the offset through that hour, NaN when it changes inside it. */
  private readonly hourOffsets = new Map<number, number>();

  constructor(readonly name: string) {
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  }

  /**
   * The wall clock at `ms`, to the second: UTC fields of `ms` moved by the zone's offset. The
   * offset is cached per day (see offset()), so this is arithmetic; formatToParts on every call
   * was the largest cost of writing a queue row's time.
   */
  parts(ms: number): WallParts {
    const wall = new Date(ms + this.offset(ms));
    return {
      year: wall.getUTCFullYear(),
      month: wall.getUTCMonth() + 1,
      day: wall.getUTCDate(),
      hour: wall.getUTCHours(),
      minute: wall.getUTCMinutes(),
      second: wall.getUTCSeconds(),
    };
  }

  /** The wall clock at `ms`, to the second, straight from Intl. */
  private intlParts(ms: number): WallParts {
    const out: WallParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
    for (const part of this.format.formatToParts(ms)) {
      if (part.type === 'year' || part.type === 'month' || part.type === 'day' || part.type === 'hour' || part.type === 'minute' || part.type === 'second') out[part.type] = Number(part.value);
    }
    return out;
  }

  /** Wall clock minus UTC at `ms`, in milliseconds, straight from Intl. */
  exactOffset(ms: number): number {
    const second = ms - mod(ms, 1000);
    const p = this.intlParts(second);
    const wall = new Date(Date.UTC(2000, p.month - 1, p.day, p.hour, p.minute, p.second));
    // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as given.
    wall.setUTCFullYear(p.year);
    return wall.getTime() - second;
  }

  /**
   * The offset at `ms`. A UTC day (then a UTC hour) whose first and last millisecond have the
   * same offset is taken to have that offset throughout, as no zone changes its offset twice
   * within a day; the rare hour with a change inside it is asked of Intl each time.
   */
  offset(ms: number): number {
    const day = bucketOffset(this.dayOffsets, Math.floor(ms / DAY), DAY, this);
    if (!Number.isNaN(day)) return day;
    const hour = bucketOffset(this.hourOffsets, Math.floor(ms / HOUR), HOUR, this);
    return Number.isNaN(hour) ? this.exactOffset(ms) : hour;
  }
}

/** The cached offset of bucket `n` of `size` ms: one offset for the whole bucket, or NaN. */
function bucketOffset(cache: Map<number, number>, n: number, size: number, zone: Zone): number {
  let offset = cache.get(n);
  if (offset === undefined) {
    const start = n * size;
    const first = zone.exactOffset(start);
    offset = first === zone.exactOffset(start + size - 1) ? first : Number.NaN;
    if (cache.size >= MAX_CACHED_BUCKETS) cache.clear();
    cache.set(n, offset);
  }
  return offset;
}

const mod = (a: number, b: number) => ((a % b) + b) % b;
const pad2 = (n: number) => String(n).padStart(2, '0');
const pad4 = (n: number) => String(n).padStart(4, '0');

let zone = new Zone(DEFAULT_TOWN_TIME_ZONE);

/** Makes `name` the town's zone for this process; null or undefined restores the default. */
export function setTownTimeZone(name: string | null | undefined): void {
  const next = name ?? DEFAULT_TOWN_TIME_ZONE;
  if (next === zone.name) return;
  if (!isTimeZone(next)) throw new RangeError(`${next} is not an IANA time zone this runtime knows (e.g. Asia/Shanghai).`);
  zone = new Zone(next);
}

export function townTimeZone(): string {
  return zone.name;
}

/** The town's wall clock minus UTC at `ms`, in milliseconds (+8 h in Asia/Shanghai). */
export function townOffsetMs(ms: number): number {
  return zone.offset(ms);
}

/** The town calendar day of `ms`, as days since 1970-01-01. */
export function townDayNumber(ms: number): number {
  return Math.floor((ms + zone.offset(ms)) / DAY);
}

/** The town calendar day of `ms`, YYYY-MM-DD. */
export function townDay(ms: number): string {
  return dayNumberKey(townDayNumber(ms));
}

/** YYYY-MM-DD of a day number (days since 1970-01-01). */
export function dayNumberKey(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** The day number (days since 1970-01-01) of YYYY-MM-DD. */
export function dayNumberOf(key: string): number {
  return Math.floor(Date.parse(`${key}T00:00:00Z`) / DAY);
}

/**
 * The first instant of a town day given as a day number: local midnight, or where midnight
 * falls in a daylight-saving gap, the moment the clocks jump past it.
 */
export function townDayStartOf(day: number): number {
  const wall = day * DAY;
  // The offsets a day either side: real zones change offset at most once in that span.
  const before = zone.offset(wall - DAY);
  const after = zone.offset(wall + DAY);
  const candidates = before === after ? [wall - before] : [wall - before, wall - after];
  let start = Number.POSITIVE_INFINITY;
  for (const t of candidates) if (t + zone.offset(t) === wall && t < start) start = t;
  if (start !== Number.POSITIVE_INFINITY) return start;
  // Midnight does not exist that day: find, to the second, where the offset becomes `after`.
  let lo = Math.floor((wall - after) / 1000);
  let hi = Math.ceil((wall - before) / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (zone.offset(mid * 1000) === after) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** The first instant of the town day YYYY-MM-DD. */
export function townDayStart(key: string): number {
  return townDayStartOf(dayNumberOf(key));
}

/** The town's hour of day at `ms`, 0–23. */
export function townHour(ms: number): number {
  return Math.floor(mod(ms + zone.offset(ms), DAY) / HOUR);
}

/** The town's day of the week at `ms`, 0 = Sunday, as Date#getDay counts. */
export function townWeekday(ms: number): number {
  // 1970-01-01 was a Thursday.
  return mod(townDayNumber(ms) + 4, 7);
}

/** The town's wall clock at `ms`: year, month 1–12, day, hour 0–23, minute, second. */
export function townWallClock(ms: number): WallParts {
  return zone.parts(ms);
}

/** HH:mm:ss on the town's clock. */
export function formatTownTime(ms: number): string {
  const p = zone.parts(ms);
  return `${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** YYYY-MM-DD on the town's calendar. */
export function formatTownDate(ms: number): string {
  const p = zone.parts(ms);
  return `${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** YYYY-MM-DD HH:mm:ss on the town's clock. */
export function formatTownDateTime(ms: number): string {
  const p = zone.parts(ms);
  return `${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** MM-DD HH:mm on the town's clock. */
export function formatTownMonthDayTime(ms: number): string {
  const p = zone.parts(ms);
  return `${pad2(p.month)}-${pad2(p.day)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/** ±HH:MM of an offset in milliseconds. */
function offsetText(offset: number): string {
  const minutes = Math.abs(offset) / 60_000;
  return `${offset < 0 ? '-' : '+'}${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/**
 * ISO 8601 to the second with the town's offset, e.g. 2026-05-01T08:30:00+08:00. An offset
 * that is not whole minutes (local mean time, before about 1900) cannot be written so: that
 * instant is written in UTC with Z.
 */
export function townIsoString(ms: number): string {
  const offset = zone.offset(ms);
  if (offset % 60_000 !== 0) return `${new Date(ms - mod(ms, 1000)).toISOString().slice(0, 19)}Z`;
  const p = zone.parts(ms);
  return `${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}${offsetText(offset)}`;
}
