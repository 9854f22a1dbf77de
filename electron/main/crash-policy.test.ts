import { describe, expect, it } from 'vitest';
import { CrashPolicy } from './crash-policy';

describe('CrashPolicy', () => {
  it('reloads a crashed window after a second, backing off when it keeps crashing', () => {
    const policy = new CrashPolicy({ firstDelayMs: 1000, maxDelayMs: 8000, healthyAfterMs: 60_000 });
    const delays = [0, 2000, 5000, 10_000, 20_000, 30_000].map((t) => policy.onRendererGone('crashed', t));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('starts afresh once the window has stayed up for a while', () => {
    const policy = new CrashPolicy({ firstDelayMs: 1000, healthyAfterMs: 60_000 });
    policy.onRendererGone('oom', 0);
    policy.onRendererGone('oom', 1000);
    expect(policy.onRendererGone('killed', 100_000)).toBe(1000);
  });

  it('does not reload a renderer that exited cleanly', () => {
    expect(new CrashPolicy().onRendererGone('clean-exit', 0)).toBeNull();
  });
});
