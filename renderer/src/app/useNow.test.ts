import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nowOf, subscribeNow } from './useNow';

describe('the shared clock', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(10_000_400);
  });
  afterEach(() => vi.useRealTimers());

  it('ticks every subscriber of an interval from one timer, on the boundary', () => {
    const a = vi.fn();
    const b = vi.fn();
    const offA = subscribeNow(1_000, a);
    const offB = subscribeNow(1_000, b);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(600);
    expect(a).toHaveBeenCalledTimes(1);
    expect(b).toHaveBeenCalledTimes(1);
    expect(nowOf(1_000)).toBe(10_001_000);
    offA();
    offB();
    // Stops at the next tick once nobody listens.
    vi.advanceTimersByTime(1_000);
    expect(vi.getTimerCount()).toBe(0);
    expect(a).toHaveBeenCalledTimes(1);
  });
});
