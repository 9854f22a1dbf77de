// Who of the room is at a window now, as far as this hub can tell: an open journal stream is
// the surest sign (every window keeps one), an answered request the next best. Kept in memory:
// presence is about now, so a restarted hub starts knowing nobody until they reconnect.

import type { z } from 'zod';
import type { PresenceSchema } from '../../../shared/protocol/schemas';

/** A user whose last request is older than this, with no stream open, counts as offline. */
export const ONLINE_WINDOW_MS = 2 * 60_000;

export type PresenceOf = z.infer<typeof PresenceSchema>;

/** Runs `run` after `ms`; the returned function cancels it. */
export type Schedule = (run: () => void, ms: number) => () => void;

const unrefTimeout: Schedule = (run, ms) => {
  const timer = setTimeout(run, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** A user went online or offline (the commander's desk hears it on the stream, rather than polling the roster). */
export type PresenceListener = (userId: string, presence: PresenceOf) => void;

export class Presence {
  private readonly lastSeen = new Map<string, number>();
  private readonly streams = new Map<string, number>();
  /** Signed out since their last request: offline at once, not after the window runs out. */
  private readonly gone = new Set<string>();
  private readonly listeners: PresenceListener[] = [];
  /** Per user seen without a stream: the check when their window runs out. */
  private readonly expiry = new Map<string, () => void>();

  constructor(
    private readonly now: () => number = () => Date.now(),
    private readonly schedule: Schedule = unrefTimeout,
  ) {}

  onChange(listener: PresenceListener): void {
    this.listeners.push(listener);
  }

  /** The hub answered a request of this user. */
  touch(userId: string): void {
    this.changing(userId, () => {
      this.lastSeen.set(userId, this.now());
      this.gone.delete(userId);
    });
  }

  /** The user signed out of one session. */
  signedOut(userId: string): void {
    this.changing(userId, () => {
      this.lastSeen.set(userId, this.now());
      this.gone.add(userId);
    });
  }

  /** A stream for this user opened; the returned function closes it (once). */
  streamOpened(userId: string): () => void {
    this.changing(userId, () => {
      this.streams.set(userId, (this.streams.get(userId) ?? 0) + 1);
      this.lastSeen.set(userId, this.now());
      this.gone.delete(userId);
    });
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      this.changing(userId, () => {
        const left = (this.streams.get(userId) ?? 1) - 1;
        if (left > 0) this.streams.set(userId, left);
        else this.streams.delete(userId);
        // Seen until now, but a sign-out while the stream was open still stands.
        this.lastSeen.set(userId, this.now());
      });
    };
  }

  /** Runs `change`, tells the listeners if it turned the user on- or offline, and watches for the window running out. */
  private changing(userId: string, change: () => void): void {
    const before = this.of(userId).online;
    change();
    this.tellIfTurned(userId, before);
    this.expiry.get(userId)?.();
    this.expiry.delete(userId);
    const seen = this.lastSeen.get(userId);
    if (this.streams.has(userId) || this.gone.has(userId) || seen === undefined) return;
    // Online on the strength of a request until the window runs out: then offline, said once.
    const cancel = this.schedule(() => {
      this.expiry.delete(userId);
      this.tellIfTurned(userId, true);
    }, seen + ONLINE_WINDOW_MS + 1 - this.now());
    this.expiry.set(userId, cancel);
  }

  private tellIfTurned(userId: string, wasOnline: boolean): void {
    const presence = this.of(userId);
    if (presence.online === wasOnline) return;
    for (const listener of this.listeners) listener(userId, presence);
  }

  of(userId: string): PresenceOf {
    const now = this.now();
    if (this.streams.has(userId)) return { online: true, lastSeenAt: new Date(now).toISOString() };
    const seen = this.lastSeen.get(userId);
    if (seen === undefined) return { online: false, lastSeenAt: null };
    return { online: !this.gone.has(userId) && now - seen <= ONLINE_WINDOW_MS, lastSeenAt: new Date(seen).toISOString() };
  }
}
