import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_TOWN_TIME_ZONE,
  formatTownDate,
  formatTownDateTime,
  formatTownMonthDayTime,
  formatTownTime,
  isTimeZone,
  setTownTimeZone,
  townDay,
  townDayNumber,
  townDayStart,
  townHour,
  townIsoString,
  townOffsetMs,
  townTimeZone,
  townWeekday,
} from './time';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

afterEach(() => setTownTimeZone(null));

describe('the town clock in China Standard Time', () => {
  it('runs on a machine set to UTC (vitest.config.ts)', () => {
    expect(process.env.TZ).toBe('UTC');
    expect(new Date(0).getTimezoneOffset()).toBe(0);
    expect(townTimeZone()).toBe(DEFAULT_TOWN_TIME_ZONE);
  });

  it('turns the town day at 16:00 UTC', () => {
    expect(townDay(at('2026-11-21T15:59:59.999Z'))).toBe('2026-11-21');
    expect(townDay(at('2026-11-21T16:00:00.000Z'))).toBe('2026-11-22');
    expect(townDayStart('2026-11-22')).toBe(at('2026-11-21T16:00:00.000Z'));
    expect(townDayNumber(at('2026-11-21T16:00:00.000Z')) - townDayNumber(at('2026-11-21T15:59:59.999Z'))).toBe(1);
  });

  it('reads hours, weekdays and wall clocks eight hours ahead of UTC', () => {
    const ms = at('2026-11-22T04:05:06.789Z');
    expect(townOffsetMs(ms)).toBe(8 * HOUR);
    expect(townHour(ms)).toBe(12);
    expect(formatTownTime(ms)).toBe('12:05:06');
    expect(formatTownDate(ms)).toBe('2026-11-22');
    expect(formatTownDateTime(ms)).toBe('2026-11-22 12:05:06');
    expect(formatTownMonthDayTime(ms)).toBe('11-22 12:05');
    expect(townWeekday(at('2026-11-22T15:59:00Z'))).toBe(0); // Sunday evening in town
    expect(townWeekday(at('2026-11-22T16:00:00Z'))).toBe(1); // Monday 00:00 in town
  });

  it('writes Open311 times with the town offset', () => {
    expect(townIsoString(at('2026-05-01T00:30:00.000Z'))).toBe('2026-05-01T08:30:00+08:00');
    expect(townIsoString(at('2026-04-30T16:00:00.500Z'))).toBe('2026-05-01T00:00:00+08:00');
  });
});

describe('a town with daylight saving (Europe/Berlin)', () => {
  it('starts a spring-forward day at local midnight and makes it 23 hours long', () => {
    setTownTimeZone('Europe/Berlin');
    // 2026-03-29: 02:00 CET becomes 03:00 CEST at 01:00 UTC.
    expect(townDayStart('2026-03-29')).toBe(at('2026-03-28T23:00:00Z'));
    expect(townDayStart('2026-03-30')).toBe(at('2026-03-29T22:00:00Z'));
    expect(townDay(at('2026-03-29T21:59:59Z'))).toBe('2026-03-29');
    expect(townDay(at('2026-03-29T22:00:00Z'))).toBe('2026-03-30');
    expect(townHour(at('2026-03-29T00:59:59Z'))).toBe(1);
    expect(townHour(at('2026-03-29T01:00:00Z'))).toBe(3);
    expect(townIsoString(at('2026-03-29T01:00:00Z'))).toBe('2026-03-29T03:00:00+02:00');
  });

  it('makes a fall-back day 25 hours long and repeats its 02:00 hour', () => {
    setTownTimeZone('Europe/Berlin');
    // 2026-10-25: 03:00 CEST becomes 02:00 CET at 01:00 UTC.
    expect(townDayStart('2026-10-25')).toBe(at('2026-10-24T22:00:00Z'));
    expect(townDayStart('2026-10-26') - townDayStart('2026-10-25')).toBe(25 * HOUR);
    expect(formatTownTime(at('2026-10-25T00:30:00Z'))).toBe('02:30:00');
    expect(formatTownTime(at('2026-10-25T01:30:00Z'))).toBe('02:30:00');
    expect(townIsoString(at('2026-10-25T00:30:00Z'))).toBe('2026-10-25T02:30:00+02:00');
    expect(townIsoString(at('2026-10-25T01:30:00Z'))).toBe('2026-10-25T02:30:00+01:00');
  });

  it('follows a transition that falls inside a UTC hour (Newfoundland, 02:00 at UTC−3:30)', () => {
    setTownTimeZone('America/St_Johns');
    // 2026-03-08 02:00 NST (05:30 UTC) becomes 03:00 NDT.
    expect(townOffsetMs(at('2026-03-08T05:29:59Z'))).toBe(-3.5 * HOUR);
    expect(townOffsetMs(at('2026-03-08T05:30:00Z'))).toBe(-2.5 * HOUR);
    expect(formatTownTime(at('2026-03-08T05:30:00Z'))).toBe('03:00:00');
  });

  it('starts a day whose midnight is skipped when the clocks jump (America/Santiago)', () => {
    setTownTimeZone('America/Santiago');
    // 2026-09-06: 00:00 CLT (04:00 UTC) becomes 01:00 CLST; the day begins at 01:00.
    const start = townDayStart('2026-09-06');
    expect(start).toBe(at('2026-09-06T04:00:00Z'));
    expect(formatTownDateTime(start)).toBe('2026-09-06 01:00:00');
    expect(townDay(start - 1)).toBe('2026-09-05');
  });
});

describe('wall clocks worked out from the cached offset', () => {
  /** What Intl itself writes for `ms` in `zone`, as formatTownDateTime writes it. */
  const intl = (zone: string) => {
    const f = new Intl.DateTimeFormat('en-CA', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return (ms: number) => {
      const p = Object.fromEntries(f.formatToParts(ms).map((part) => [part.type, part.value]));
      return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
    };
  };

  it('agree with Intl every 67 minutes 13 seconds through a year, across transitions and offsets that are not whole hours', () => {
    // Berlin and Santiago change twice a year, St John's inside a UTC hour, Kathmandu is +05:45,
    // and Lord Howe changes by half an hour. The step is not a divisor of an hour, so the
    // instants fall at every minute and second of the hour over the year.
    const wrong: string[] = [];
    for (const zone of ['Asia/Shanghai', 'Europe/Berlin', 'America/Santiago', 'America/St_Johns', 'Asia/Kathmandu', 'Australia/Lord_Howe']) {
      setTownTimeZone(zone);
      const expected = intl(zone);
      for (let ms = at('2026-01-01T00:00:00.250Z'); ms < at('2027-01-01T00:00:00Z'); ms += 4_033_000) {
        if (formatTownDateTime(ms) !== expected(ms)) wrong.push(`${zone} ${new Date(ms).toISOString()}: ${formatTownDateTime(ms)}, Intl ${expected(ms)}`);
      }
      // Each second either side of this zone's transitions.
      for (let ms = at('2026-01-01T00:00:00Z'); ms < at('2027-01-01T00:00:00Z'); ms += HOUR) {
        if (townOffsetMs(ms) === townOffsetMs(ms + HOUR)) continue;
        for (let s = ms; s <= ms + HOUR; s += 1_000) if (formatTownDateTime(s) !== expected(s)) wrong.push(`${zone} ${new Date(s).toISOString()}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('agree with Intl for a zone whose offset was not whole minutes (Shanghai local mean time, 1900)', () => {
    setTownTimeZone('Asia/Shanghai');
    const ms = at('1900-06-01T03:04:05Z');
    expect(formatTownDateTime(ms)).toBe(intl('Asia/Shanghai')(ms));
  });
});

describe('the town zone setting', () => {
  it('knows IANA zones and refuses the rest', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(isTimeZone('')).toBe(false);
    expect(() => setTownTimeZone('Mars/Olympus')).toThrow(/not an IANA time zone/);
    expect(townTimeZone()).toBe(DEFAULT_TOWN_TIME_ZONE);
  });
});

describe('a machine in another zone', () => {
  it('formats in the town zone when the process runs in America/New_York', () => {
    const module = fileURLToPath(new URL('./time.ts', import.meta.url));
    const script = `import(${JSON.stringify(module)}).then((t) => console.log(JSON.stringify([new Date(0).getTimezoneOffset(), t.formatTownDateTime(Date.parse('2026-11-22T04:05:06Z')), t.townDay(Date.parse('2026-11-21T16:00:00Z')), t.townIsoString(Date.parse('2026-05-01T00:30:00Z'))])))`;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { env: { ...process.env, TZ: 'America/New_York' }, encoding: 'utf8' });
    const [machineOffset, ...town] = JSON.parse(out.trim()) as [number, string, string, string];
    expect(machineOffset).toBe(300); // the child really runs five hours behind UTC
    expect(town).toEqual(['2026-11-22 12:05:06', '2026-11-22', '2026-05-01T08:30:00+08:00']);
  });
});
