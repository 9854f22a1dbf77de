import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createIdleTimer, IDLE_LOCK_STORAGE_KEY, idleLockMinutes } from './idleTimer';

const MIN = 60_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const clock = {
  now: () => Date.now(),
  setTimeout: (run: () => void, ms: number) => setTimeout(run, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

describe('idle timer', () => {
  it('fires once after the limit without input', () => {
    const onIdle = vi.fn();
    createIdleTimer(10 * MIN, onIdle, clock);
    vi.advanceTimersByTime(10 * MIN - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MIN);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('counts from the last input', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(10 * MIN, onIdle, clock);
    vi.advanceTimersByTime(9 * MIN);
    timer.activity();
    vi.advanceTimersByTime(9 * MIN);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MIN);
    expect(onIdle).toHaveBeenCalledTimes(1);
  });

  it('keeps one timer however much input comes', () => {
    const timer = createIdleTimer(10 * MIN, () => {}, clock);
    for (let i = 0; i < 1000; i++) {
      vi.advanceTimersByTime(10);
      timer.activity();
    }
    expect(vi.getTimerCount()).toBe(1);
  });

  it('starts a new stretch after input that follows the lock', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(MIN, onIdle, clock);
    vi.advanceTimersByTime(MIN);
    timer.activity();
    vi.advanceTimersByTime(MIN);
    expect(onIdle).toHaveBeenCalledTimes(2);
  });

  it('stops at 0 and applies a new limit from the last input', () => {
    const onIdle = vi.fn();
    const timer = createIdleTimer(10 * MIN, onIdle, clock);
    timer.setTimeoutMs(0);
    vi.advanceTimersByTime(60 * MIN);
    expect(onIdle).not.toHaveBeenCalled();
    timer.activity();
    vi.advanceTimersByTime(2 * MIN);
    timer.setTimeoutMs(5 * MIN);
    vi.advanceTimersByTime(3 * MIN - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    timer.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('idle lock setting', () => {
  const storage = (value: string | null) => ({ getItem: (key: string) => (key === IDLE_LOCK_STORAGE_KEY ? value : null) });
  it('defaults to ten minutes at a seat and a command window, off on the wall', () => {
    expect(idleLockMinutes('seat', storage(null))).toBe(10);
    expect(idleLockMinutes('command', undefined)).toBe(10);
    expect(idleLockMinutes('wall-map', storage('5'))).toBe(0);
    expect(idleLockMinutes('briefing', storage(null))).toBe(0);
  });
  it('takes the stored minutes, 0 meaning never, and ignores nonsense', () => {
    expect(idleLockMinutes('seat', storage('5'))).toBe(5);
    expect(idleLockMinutes('seat', storage('0'))).toBe(0);
    expect(idleLockMinutes('seat', storage('soon'))).toBe(10);
    expect(idleLockMinutes('seat', storage('-3'))).toBe(10);
  });
});
