import { afterEach, describe, expect, it } from 'vitest';
import { setTownTimeZone } from '../../../shared/time';
import { clockTime, queueTime } from './formatTime';

afterEach(() => setTownTimeZone(null));

describe('duty-room times', () => {
  // 14:00 on 2025-03-01 in town (China Standard Time).
  const today = Date.parse('2025-03-01T06:00:00Z');

  it('shows only the time for today', () => {
    expect(queueTime('2025-03-01T00:05:09Z', today)).toBe('08:05:09');
  });

  it('shows the date for other days', () => {
    expect(queueTime('2025-02-28T15:59:00Z', today)).toBe('02-28 23:59');
  });

  it('uses a 24-hour clock', () => {
    expect(clockTime(Date.parse('2025-03-01T13:07:03Z'))).toBe('21:07:03');
  });

  it('reads the town clock, not the machine clock, which runs in UTC here', () => {
    expect(new Date(today).getHours()).toBe(6);
    expect(clockTime(today)).toBe('14:00:00');
    setTownTimeZone('Europe/Berlin');
    expect(clockTime(today)).toBe('07:00:00');
  });
});
