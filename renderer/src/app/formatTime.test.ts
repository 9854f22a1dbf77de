import { describe, expect, it } from 'vitest';
import { clockTime, queueTime } from './formatTime';

describe('duty-room times', () => {
  const today = new Date(2025, 2, 1, 14, 0, 0).getTime();

  it('shows only the time for today', () => {
    expect(queueTime(new Date(2025, 2, 1, 8, 5, 9).toISOString(), today)).toBe('08:05:09');
  });

  it('shows the date for other days', () => {
    expect(queueTime(new Date(2025, 1, 28, 23, 59, 0).toISOString(), today)).toBe('02-28 23:59');
  });

  it('uses a 24-hour clock', () => {
    expect(clockTime(new Date(2025, 2, 1, 21, 7, 3).getTime())).toBe('21:07:03');
  });
});
