import { describe, expect, it } from 'vitest';
import { RETRY_MAX_MS, retryDelayMs } from './retryBackoff';

const noJitter = () => 0.5;

describe('retry backoff', () => {
  it('waits twice as long after each failed retry', () => {
    expect([0, 1, 2, 3, 4].map((n) => retryDelayMs(n, noJitter))).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits longer than thirty seconds', () => {
    expect(retryDelayMs(5, noJitter)).toBe(RETRY_MAX_MS);
    expect(retryDelayMs(50, noJitter)).toBe(RETRY_MAX_MS);
  });

  it('spreads tiles that fail together by at most a tenth either way', () => {
    expect(retryDelayMs(2, () => 0)).toBe(3_600);
    expect(retryDelayMs(2, () => 1)).toBe(4_400);
  });
});
