/** A probe's answer while it waits: anything falsy means "not yet". */
type Probe<T> = () => Promise<T | null | undefined | false>;

/**
 * An `until(what, probe, ms?)` for tests that wait on another process (a replica
 * catching up, a hub restarting): it polls `probe` every 100 ms until it yields a truthy
 * value and fails naming `what` after `ms`. A probe that throws counts as "not yet",
 * because the thing polled is often still starting. Each test file picks its own default
 * limit: a replica over TLS needs longer than a local socket.
 */
export function waitingUpTo(defaultMs: number) {
  return async function until<T>(what: string, probe: Probe<T>, ms = defaultMs): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
      const value = await probe().catch(() => null);
      if (value) return value;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  };
}
