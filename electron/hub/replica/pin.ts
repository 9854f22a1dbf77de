// A replica pinned to its primary's certificate (--primary-fingerprint): the primary's
// self-signed certificate has no authority to vouch for it, so the replica accepts exactly the
// certificate whose SHA-256 fingerprint the room's administrator copied from the primary's
// start-up line, and nothing else, before any password or token is sent.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';

export class PinMismatch extends Error {
  constructor(expected: string, got: string | null) {
    super(`the primary's TLS certificate is not the pinned one (expected ${expected}, got ${got ?? 'none'}): another machine answers at its address, or its certificate was replaced; check --primary-fingerprint`);
    this.name = 'PinMismatch';
  }
}

/** The peer certificate's fingerprint, "AB:CD:…" as node:crypto prints it. */
export function peerFingerprint(socket: TLSSocket): string | null {
  return socket.getPeerX509Certificate?.()?.fingerprint256 ?? null;
}

/** A fetch whose TLS connections succeed only with the pinned certificate. */
export function pinnedFetch(fingerprint: string): typeof fetch {
  // Chain-of-trust checks are off because a pin replaces them; the fingerprint is checked on
  // every new connection, before the request (and its Authorization header) is written.
  // No TLS session resumption: a resumed session carries no peer certificate to check, so
  // every connection makes a full handshake and shows the certificate it is pinned to.
  const connect = buildConnector({ rejectUnauthorized: false, maxCachedSessions: 0 });
  const dispatcher = new Agent({
    connect: (options, callback) =>
      connect(options, (error, socket) => {
        if (error || !socket) return callback(error ?? new Error('no connection'), null);
        const got = peerFingerprint(socket as TLSSocket);
        if (got !== fingerprint) {
          socket.destroy();
          return callback(new PinMismatch(fingerprint, got), null);
        }
        return callback(null, socket);
      }),
  });
  return ((input: string | URL, init?: RequestInit) => undiciFetch(input, { ...(init as object), dispatcher })) as unknown as typeof fetch;
}

/** ws client options and the check for its 'upgrade' event (before the hello with the token). */
export const pinnedSocketOptions = { rejectUnauthorized: false } as const;

export function checkUpgradePin(fingerprint: string, response: IncomingMessage): PinMismatch | null {
  const got = peerFingerprint(response.socket as TLSSocket);
  return got === fingerprint ? null : new PinMismatch(fingerprint, got);
}
