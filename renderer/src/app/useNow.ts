// The current time for clocks and countdowns. Every component asking for the same interval
// shares one timer, aligned to the interval's boundary, so thirty SLA countdowns in a list
// tick together from one setInterval and only the cells that show time re-render.
import { useCallback, useSyncExternalStore } from 'react';

interface Ticker {
  now: number;
  listeners: Set<() => void>;
  timer: ReturnType<typeof setTimeout> | null;
}

const tickers = new Map<number, Ticker>();

function tickerFor(intervalMs: number): Ticker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    ticker = { now: Date.now(), listeners: new Set(), timer: null };
    tickers.set(intervalMs, ticker);
  }
  return ticker;
}

function schedule(intervalMs: number, ticker: Ticker) {
  // Aligned to the boundary so a second-resolution clock turns over with the wall clock.
  const wait = intervalMs - (Date.now() % intervalMs) || intervalMs;
  ticker.timer = setTimeout(() => {
    // Stopped lazily, at the next tick nobody listens to: rows scrolling in and out of a
    // list unsubscribe and subscribe again within one commit, and must not restart it.
    if (ticker.listeners.size === 0) {
      ticker.timer = null;
      return;
    }
    ticker.now = Date.now();
    for (const listener of ticker.listeners) listener();
    schedule(intervalMs, ticker);
  }, wait);
}

/** Subscribes to the shared ticker of `intervalMs`; exported for tests. */
export function subscribeNow(intervalMs: number, listener: () => void): () => void {
  const ticker = tickerFor(intervalMs);
  ticker.listeners.add(listener);
  if (ticker.timer === null) {
    ticker.now = Date.now();
    schedule(intervalMs, ticker);
  }
  return () => {
    ticker.listeners.delete(listener);
  };
}

export function nowOf(intervalMs: number): number {
  return tickerFor(intervalMs).now;
}

/** The current time, refreshed every `intervalMs` (shared with every other caller of that interval). */
export function useNow(intervalMs: number): number {
  // Stable per interval: a new subscribe function each render would resubscribe every time.
  const subscribe = useCallback((listener: () => void) => subscribeNow(intervalMs, listener), [intervalMs]);
  const snapshot = useCallback(() => nowOf(intervalMs), [intervalMs]);
  return useSyncExternalStore(subscribe, snapshot);
}
