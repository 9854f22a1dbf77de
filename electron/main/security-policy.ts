// The decisions behind Electron's security checklist, kept pure so they are tested:
// which URLs a window may show, which IPC senders we answer, and the page's CSP.

export function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    // Opaque origins (data:, about:blank, file: on some platforms) serialise as "null".
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/** True only for a URL on exactly the hub's origin (scheme, host and port). */
export function isHubUrl(url: string | undefined | null, hubOrigin: string): boolean {
  return typeof url === 'string' && originOf(url) === hubOrigin;
}

/**
 * The CSP for the hub's pages. Everything comes from the hub itself; the extra sources
 * cover the WebSocket on the same host and port and the blob:/data: URLs that hls.js
 * (MediaSource), deck.gl (textures) and workers create. `extraOrigins` is for services
 * the user configures, such as their own tile server.
 */
export function contentSecurityPolicy(hubOrigin: string, extraOrigins: readonly string[] = []): string {
  const hub = new URL(hubOrigin);
  const ws = `${hub.protocol === 'https:' ? 'wss:' : 'ws:'}//${hub.host}`;
  const extra = extraOrigins.join(' ');
  const withExtra = (sources: string) => (extra ? `${sources} ${extra}` : sources);
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React and deck.gl set inline styles; the build may inline small style blocks.
    "style-src 'self' 'unsafe-inline'",
    withExtra("img-src 'self' data: blob:"),
    "font-src 'self' data:",
    withExtra("media-src 'self' blob:"),
    withExtra(`connect-src 'self' ${ws}`),
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * Adds our CSP to a response's headers. A CSP the hub already sent is kept: the browser
 * enforces every policy, so the stricter rule of the two wins.
 */
export function withCsp(headers: Record<string, string[]> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = { ...headers };
  const key = Object.keys(out).find((k) => k.toLowerCase() === 'content-security-policy') ?? 'Content-Security-Policy';
  out[key] = [...(out[key] ?? []), csp];
  return out;
}

/** A certificate verify proc's answers as Chromium reads them. */
export const VERIFY_RESULT = { trusted: 0, refused: -2, chromiumDecides: -3 } as const;

/**
 * The verdict on a TLS certificate a window was shown. The hub's own certificate is
 * self-signed (electron/hub/api/tls.ts), so no authority can vouch for it: for the hub's
 * host, exactly the pinned fingerprint is trusted and anything else refused, whatever
 * Chromium thinks of it; every other host is left to Chromium's own checks.
 */
export function hubCertificateVerdict(hostname: string, fingerprint256: string | null, hub: { hostname: string; fingerprint256: string }): number {
  if (hostname !== hub.hostname) return VERIFY_RESULT.chromiumDecides;
  return fingerprint256 !== null && fingerprint256 === hub.fingerprint256 ? VERIFY_RESULT.trusted : VERIFY_RESULT.refused;
}
