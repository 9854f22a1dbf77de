// Admission for intake: a bound on reports in flight per channel and in all. Beyond it the
// hub answers 429 with Retry-After at once, rather than queueing without end until memory
// or latency gives out; a refused report was never acknowledged, so the source resends it.
import type { Channel } from '../../../shared/domain';

export interface LimiterOptions {
  perChannel: number;
  total: number;
}

export const DEFAULT_LIMITS: LimiterOptions = { perChannel: 96, total: 192 };

export class IntakeLimiter {
  private total = 0;
  private readonly byChannel = new Map<Channel, number>();
  refused = 0;

  constructor(private readonly limits: LimiterOptions = DEFAULT_LIMITS) {}

  /** A release function, or null when the channel or the hub is at capacity. */
  acquire(channel: Channel): (() => void) | null {
    const mine = this.byChannel.get(channel) ?? 0;
    if (mine >= this.limits.perChannel || this.total >= this.limits.total) {
      this.refused++;
      return null;
    }
    this.byChannel.set(channel, mine + 1);
    this.total++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.total--;
      this.byChannel.set(channel, (this.byChannel.get(channel) ?? 1) - 1);
    };
  }

  inFlight(): number {
    return this.total;
  }
}
