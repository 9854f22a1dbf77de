// Simulated time. The simulator schedules everything through a SimClock: in the hub it is
// real time sped up by a factor (a demo at ten times speed), in tests and the bench a
// manual clock that jumps from one event to the next, so 200 minutes take a second.
import { MinHeap } from '../../../shared/geo/heap';

export type Cancel = () => void;

export interface SimClock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `ms` simulated milliseconds. */
  after(ms: number, fn: () => void | Promise<void>): Cancel;
  /** Forgets every pending timer (the simulator is stopping). */
  dispose(): void;
}

/** Real time, `speed` times faster: one real second is `speed` simulated seconds. */
export function realClock(speed = 1): SimClock {
  const realStart = Date.now();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  return {
    now: () => realStart + (Date.now() - realStart) * speed,
    after(ms, fn) {
      const handle = setTimeout(() => {
        timers.delete(handle);
        void fn();
      }, Math.max(0, ms / speed));
      handle.unref();
      timers.add(handle);
      return () => {
        clearTimeout(handle);
        timers.delete(handle);
      };
    },
    dispose() {
      for (const handle of timers) clearTimeout(handle);
      timers.clear();
    },
  };
}

interface Pending {
  at: number;
  fn: () => void | Promise<void>;
  cancelled: boolean;
}

/** A clock that moves only when told to: `advance` runs every timer due, in time order. */
export class ManualClock implements SimClock {
  private readonly heap = new MinHeap();
  private readonly pending: Pending[] = [];
  private free: number[] = [];

  constructor(private t: number) {}

  now(): number {
    return this.t;
  }

  after(ms: number, fn: () => void | Promise<void>): Cancel {
    const entry: Pending = { at: this.t + Math.max(0, ms), fn, cancelled: false };
    const slot = this.free.pop() ?? this.pending.length;
    this.pending[slot] = entry;
    this.heap.push(slot, entry.at);
    return () => {
      entry.cancelled = true;
    };
  }

  dispose(): void {
    for (const entry of this.pending) if (entry) entry.cancelled = true;
  }

  /**
   * Runs timers due within `ms`, each to completion (its promise awaited) before the next,
   * so that what a timer schedules is in the queue before time moves on.
   */
  async advance(ms: number): Promise<void> {
    const end = this.t + ms;
    while (this.heap.size) {
      const slot = this.heap.pop();
      const entry = this.pending[slot]!;
      if (entry.at > end) {
        this.heap.push(slot, entry.at);
        break;
      }
      this.free.push(slot);
      if (entry.cancelled) continue;
      this.t = Math.max(this.t, entry.at);
      await entry.fn();
    }
    this.t = end;
  }
}
