// Who of the room is at a window now, as far as this hub can tell: an open journal stream is
// the surest sign (every window keeps one), an answered request the next best. Kept in memory:
// presence is about now, so a restarted hub starts knowing nobody until they reconnect.

/** A user whose last request is older than this, with no stream open, counts as offline. */
export const ONLINE_WINDOW_MS = 2 * 60_000;

export interface PresenceOf {
  online: boolean;
  lastSeenAt: string | null;
}

export class Presence {
  private readonly lastSeen = new Map<string, number>();
  private readonly streams = new Map<string, number>();
  /** Signed out since their last request: offline at once, not after the window runs out. */
  private readonly gone = new Set<string>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  /** The hub answered a request of this user. */
  touch(userId: string): void {
    this.lastSeen.set(userId, this.now());
    this.gone.delete(userId);
  }

  /** The user signed out of one session. */
  signedOut(userId: string): void {
    this.lastSeen.set(userId, this.now());
    this.gone.add(userId);
  }

  /** A stream for this user opened; the returned function closes it (once). */
  streamOpened(userId: string): () => void {
    this.streams.set(userId, (this.streams.get(userId) ?? 0) + 1);
    this.touch(userId);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      const left = (this.streams.get(userId) ?? 1) - 1;
      if (left > 0) this.streams.set(userId, left);
      else this.streams.delete(userId);
      // Seen until now, but a sign-out while the stream was open still stands.
      this.lastSeen.set(userId, this.now());
    };
  }

  of(userId: string): PresenceOf {
    const now = this.now();
    if (this.streams.has(userId)) return { online: true, lastSeenAt: new Date(now).toISOString() };
    const seen = this.lastSeen.get(userId);
    if (seen === undefined) return { online: false, lastSeenAt: null };
    return { online: !this.gone.has(userId) && now - seen <= ONLINE_WINDOW_MS, lastSeenAt: new Date(seen).toISOString() };
  }
}
