// When a lost stream is tried again: soon at first, then less and less often, so a camera
// whose gateway is down does not hammer it, and a hiccup is over in a second.
export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 30_000;

/** Delay before retry number `attempt` (0 for the first retry): 1 s, 2 s, 4 s … capped at 30 s. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, Math.floor(attempt)));
  // ±10 % jitter, so sixteen tiles on one gateway do not retry in lockstep.
  return Math.round(base * (0.9 + 0.2 * random()));
}
