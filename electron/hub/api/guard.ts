// Who may talk to the hub at the network's level, before any route runs: the names it answers
// to (a DNS-rebinding page calls it by the attacker's name), the origins a browser page may come
// from (a page of another site cannot open the stream or feed a channel), and how many
// connections one address may hold.
import { isIP, type Socket } from 'node:net';
import { hostname, networkInterfaces } from 'node:os';
import { DutyFailure } from '../../../shared/errors';
import { withoutTrailingSlashes } from '../../../shared/trim';

export interface GuardOptions {
  /** The address the hub binds (127.0.0.1, 0.0.0.0, a LAN address…). */
  bindHost: string;
  /** Extra names and addresses seats use for this machine (a DNS alias, a NAT address). */
  names?: readonly string[];
  /** Extra origins allowed to send requests (a reverse proxy's), e.g. https://dutydeck.example. */
  origins?: readonly string[];
}

const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '::1'];

export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || host.startsWith('127.');
const isWildcard = (host: string): boolean => host === '0.0.0.0' || host === '::' || host === '';

/** Brackets off an IPv6 literal, lower case: how names are compared. */
function bare(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
}

/** Every name this hub answers to: loopback, what it binds, the machine's names and addresses when it binds all. */
export function allowedNames(options: GuardOptions): Set<string> {
  const names = new Set(LOOPBACK_NAMES);
  if (isWildcard(options.bindHost)) {
    const host = hostname().toLowerCase();
    names.add(host);
    // mDNS and a short name without a domain are both how seats type a machine's name.
    names.add(`${host}.local`);
    names.add(host.split('.')[0]!);
    for (const list of Object.values(networkInterfaces())) for (const address of list ?? []) names.add(bare(address.address.split('%')[0]!));
  } else {
    names.add(bare(options.bindHost));
  }
  for (const name of options.names ?? []) names.add(bare(name));
  return names;
}

/** The name part of a Host header (`name`, `name:port`, `[v6]:port`). */
export function hostNameOf(header: string): string {
  const value = header.trim();
  if (value.startsWith('[')) return bare(value.slice(0, value.indexOf(']') + 1));
  if (isIP(value) === 6) return bare(value);
  const colon = value.lastIndexOf(':');
  return bare(colon < 0 ? value : value.slice(0, colon));
}

export class NetworkGuard {
  readonly names: Set<string>;
  private readonly extraOrigins: Set<string>;
  private scheme = 'http';
  private port = 0;

  constructor(options: GuardOptions) {
    this.names = allowedNames(options);
    this.extraOrigins = new Set((options.origins ?? []).map((o) => withoutTrailingSlashes(o).toLowerCase()));
  }

  /** Known once the server listens (port 0 picks one). */
  listening(scheme: 'http' | 'https', port: number): void {
    this.scheme = scheme;
    this.port = port;
  }

  /** Refuses a request whose Host names another site (DNS rebinding) or none. */
  checkHost(host: string | undefined): void {
    if (!host) throw new DutyFailure('badHost', 'The request names no host; this hub answers only to its own names.', 'host');
    if (!this.names.has(hostNameOf(host))) {
      throw new DutyFailure('badHost', `This hub does not answer to "${host.slice(0, 100)}"; open it by its own address, or have the administrator add the name with --public-name.`, 'host');
    }
  }

  /**
   * Refuses a request a browser sent from a page of another origin. Requests without an Origin
   * (a seat's own page loading itself, integrations, replicas) pass: there is no page to blame.
   */
  checkOrigin(origin: string | undefined): void {
    if (origin === undefined) return;
    if (this.originAllowed(origin)) return;
    throw new DutyFailure('badOrigin', `Requests from ${origin.slice(0, 100)} are not accepted: only this hub's own pages may call it.`, 'origin');
  }

  originAllowed(origin: string): boolean {
    const lower = origin.toLowerCase();
    if (this.extraOrigins.has(lower)) return true;
    let url: URL;
    try {
      url = new URL(lower);
    } catch {
      return false; // "null" (a sandboxed frame, a file) among them
    }
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    return url.protocol === `${this.scheme}:` && port === this.port && this.names.has(bare(url.hostname));
  }
}

/**
 * Caps the connections one address holds at once: past the cap a new one is closed at once,
 * before TLS or HTTP spend anything on it. A seat's windows need a handful each.
 */
export function capConnections(server: { on(event: 'connection', listener: (socket: Socket) => void): unknown }, perAddress: number, log: (line: string) => void): void {
  const open = new Map<string, number>();
  let warned = 0;
  server.on('connection', (socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > perAddress) {
      socket.destroy();
      // One line a minute at most: the log must not become the flood.
      if (Date.now() - warned > 60_000) {
        warned = Date.now();
        log(`Refused connections from ${address}: it holds ${perAddress} already (the cap per address).`);
      }
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
