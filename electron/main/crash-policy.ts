// When a window's renderer dies we reload it — a wall must come back by itself — but a
// page that crashes on load would otherwise reload in a tight loop. Each crash soon after
// the previous one doubles the wait; a window that stayed up for a while starts afresh.

export interface CrashPolicyOptions {
  /** Wait before the first reload. */
  firstDelayMs?: number;
  /** The longest wait between reloads; the policy never gives up on a wall for good. */
  maxDelayMs?: number;
  /** A renderer that lived this long since its last crash counts as healthy again. */
  healthyAfterMs?: number;
}

/** Renderer exit reasons that are not a failure: the window is closing, nothing to do. */
const NOT_A_CRASH = new Set(['clean-exit']);

export class CrashPolicy {
  private crashes = 0;
  private lastCrashAt = -Infinity;
  private readonly firstDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly healthyAfterMs: number;

  constructor(options: CrashPolicyOptions = {}) {
    this.firstDelayMs = options.firstDelayMs ?? 1_000;
    this.maxDelayMs = options.maxDelayMs ?? 5 * 60_000;
    this.healthyAfterMs = options.healthyAfterMs ?? 2 * 60_000;
  }

  /** How long to wait before reloading after this exit, or null for no reload. */
  onRendererGone(reason: string, now: number): number | null {
    if (NOT_A_CRASH.has(reason)) return null;
    if (now - this.lastCrashAt >= this.healthyAfterMs) this.crashes = 0;
    this.lastCrashAt = now;
    const delay = Math.min(this.maxDelayMs, this.firstDelayMs * 2 ** this.crashes);
    this.crashes += 1;
    return delay;
  }
}
