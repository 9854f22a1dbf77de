// How a hub (primary or replica) goes on the network: decide TLS from where it listens, make
// or read the certificate, build the server and listen. One place, so the rule "a hub on the
// LAN speaks TLS" cannot differ between the two.
import type { HubCertificate } from './tls';
import { loadTls, type TlsFiles } from './tls';
import { isLoopback } from './guard';
import { createHubServer, type HubServer, type HubServerOptions, type ServerLimits } from './server';

export interface NetworkOptions {
  /** Address to bind; default 127.0.0.1. */
  host?: string;
  port: number;
  /**
   * TLS: the room's certificate files, or {} for the hub's own self-signed one. Absent: TLS on
   * a LAN address (self-signed unless files are given), plain HTTP on loopback.
   */
  tls?: TlsFiles | false;
  /** Plain HTTP on a LAN address: only when the room says so (behind its own TLS proxy, say). */
  insecureHttp?: boolean;
  /** Names and addresses seats use for this machine, beyond its own (Host header check). */
  publicNames?: readonly string[];
  /** Origins of pages allowed to call the hub beyond its own (a reverse proxy's). */
  allowOrigins?: readonly string[];
  limits?: ServerLimits;
  signInPerMinute?: number;
}

export interface Serving {
  server: HubServer;
  url: string;
  port: number;
  certificate: HubCertificate | null;
}

/** Why a hub refuses to start rather than serve the LAN in the clear; null when it may. */
export function plainHttpRefusal(host: string, tls: NetworkOptions['tls'], insecureHttp: boolean | undefined): string | null {
  if (tls !== false || isLoopback(host) || insecureHttp) return null;
  return `Refusing to serve ${host} over plain HTTP: passwords and callers' data would cross the LAN in the clear. Give --tls-cert and --tls-key (or let the hub make its own certificate by leaving TLS on), or pass --insecure-http if a TLS proxy in front of the hub encrypts the traffic.`;
}

/** Whether this hub speaks TLS, as NetworkOptions describes it. */
export function wantsTls(host: string, tls: NetworkOptions['tls'], insecureHttp: boolean | undefined): boolean {
  if (tls === false) return false;
  if (tls !== undefined) return true;
  return !isLoopback(host) && !insecureHttp;
}

export async function serve(
  network: NetworkOptions,
  dataDir: string,
  parts: Omit<HubServerOptions, 'tls' | 'guard' | 'limits' | 'signInPerMinute'>,
): Promise<Serving> {
  const host = network.host ?? '127.0.0.1';
  const refusal = plainHttpRefusal(host, network.tls, network.insecureHttp);
  if (refusal) throw new Error(refusal);
  const tls = wantsTls(host, network.tls, network.insecureHttp) ? await loadTls(dataDir, network.tls || {}, network.publicNames ?? []) : null;
  const server = await createHubServer({
    ...parts,
    tls,
    guard: { bindHost: host, ...(network.publicNames ? { names: network.publicNames } : {}), ...(network.allowOrigins ? { origins: network.allowOrigins } : {}) },
    ...(network.limits ? { limits: network.limits } : {}),
    ...(network.signInPerMinute ? { signInPerMinute: network.signInPerMinute } : {}),
  });
  const port = await server.listen(network.port, host).catch(async (error: unknown) => {
    await server.close().catch(() => {});
    throw error;
  });
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { server, url: `${tls ? 'https' : 'http'}://${shownHost}:${port}`, port, certificate: tls?.certificate ?? null };
}
