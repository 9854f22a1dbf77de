// A read that failed (the hub away, or not up yet) is asked again a few seconds later: a retry
// of what was never answered, not a poll of what was; an answer stops it. For the reads a
// window cannot draw without (the town, the cameras).
import { useEffect } from 'react';

export const RETRY_MS = 3_000;

export function useRetryOnError(error: unknown, refetch: () => unknown, retryMs = RETRY_MS): void {
  useEffect(() => {
    if (!error) return;
    const timer = setTimeout(() => void refetch(), retryMs);
    return () => clearTimeout(timer);
  }, [error, refetch, retryMs]);
}
