// When the person at the window has done nothing for a while. Input events come many times a
// second; they only note the time, and one timer checks it when it could have run out.

export interface IdleClock {
  now: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

export interface IdleTimer {
  /** Something was typed, clicked or moved. */
  activity(): void;
  /** A new limit; 0 or less stops watching. Counts from the last activity. */
  setTimeoutMs(ms: number): void;
  stop(): void;
}

const realClock: IdleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** `onIdle` fires once per idle stretch; activity after it starts a new one. */
export function createIdleTimer(timeoutMs: number, onIdle: () => void, clock: IdleClock = realClock): IdleTimer {
  let limit = timeoutMs;
  let last = clock.now();
  let handle: unknown = null;
  let fired = false;

  const cancel = () => {
    if (handle !== null) clock.clearTimeout(handle);
    handle = null;
  };
  const check = () => {
    handle = null;
    if (limit <= 0) return;
    const left = last + limit - clock.now();
    if (left > 0) {
      handle = clock.setTimeout(check, left);
      return;
    }
    fired = true;
    onIdle();
  };
  const arm = () => {
    cancel();
    if (limit > 0 && !fired) handle = clock.setTimeout(check, Math.max(0, last + limit - clock.now()));
  };

  arm();
  return {
    activity() {
      last = clock.now();
      if (fired) {
        fired = false;
        arm();
      } else if (handle === null) {
        arm();
      }
    },
    setTimeoutMs(ms) {
      limit = ms;
      arm();
    },
    stop() {
      limit = 0;
      cancel();
    },
  };
}

export const IDLE_LOCK_STORAGE_KEY = 'dutydeck.idleLockMinutes';
export const IDLE_LOCK_CHOICES = [0, 1, 5, 10, 15, 30, 60] as const;

/** Windows someone types at lock after ten minutes; the wall and the meeting screen have nobody to unlock them. */
export function defaultIdleMinutes(kind: string): number {
  return kind === 'seat' || kind === 'command' ? 10 : 0;
}

/**
 * The minutes this window locks after. The stored choice is per machine and applies to the
 * windows people type at; a wall window never locks by itself (it would blank the wall).
 */
export function idleLockMinutes(kind: string, storage: Pick<Storage, 'getItem'> | undefined): number {
  const fallback = defaultIdleMinutes(kind);
  if (fallback === 0) return 0;
  let stored: string | null = null;
  try {
    stored = storage?.getItem(IDLE_LOCK_STORAGE_KEY) ?? null;
  } catch {
    return fallback;
  }
  if (stored === null || stored.trim() === '') return fallback;
  const value = Number(stored);
  return Number.isFinite(value) && value >= 0 && value <= 24 * 60 ? value : fallback;
}
