// The bootstrap a window receives. Its kind and the hub's URL travel in one command-line
// switch of the renderer process; a wall window's session token does not (any local user can
// read a process's command line): the preload asks main for it over a synchronous IPC
// message that main answers only for the window's own top frame on the hub's origin.
// Pure, so both sides share it and a malformed switch or answer is tested rather than trusted.
import { isWindowKind, type WindowBootstrap, type WindowKind } from '../../shared/windows';

export const BOOTSTRAP_SWITCH = '--dutydeck-bootstrap=';
/** ipcRenderer.sendSync(WINDOW_TOKEN_CHANNEL) → the window's session token, or null. */
export const WINDOW_TOKEN_CHANNEL = 'dutydeck:window-token';

/** What the command line carries: never a token. */
export type SwitchBootstrap = Omit<WindowBootstrap, 'token'>;

export function encodeBootstrapArg(bootstrap: SwitchBootstrap): string {
  // base64url: the switch stays one shell-safe token whatever the JSON holds.
  return BOOTSTRAP_SWITCH + Buffer.from(JSON.stringify({ kind: bootstrap.kind, hubUrl: bootstrap.hubUrl }), 'utf8').toString('base64url');
}

/** The bootstrap from a renderer's argv, or an error saying what is wrong with it. */
export function decodeBootstrapArg(argv: readonly string[]): SwitchBootstrap {
  const arg = argv.find((a) => a.startsWith(BOOTSTRAP_SWITCH));
  if (arg === undefined) throw new Error(`DutyDeck window started without ${BOOTSTRAP_SWITCH}`);
  let value: unknown;
  try {
    value = JSON.parse(decodeBase64Url(arg.slice(BOOTSTRAP_SWITCH.length)));
  } catch {
    throw new Error('DutyDeck window bootstrap is not valid base64 JSON');
  }
  return parseBootstrap(value);
}

/** Main's answer on WINDOW_TOKEN_CHANNEL, checked: a non-empty string, or none. */
export function parseWindowToken(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > 256) throw new Error('DutyDeck window token from main is not a session token');
  return value;
}

// A sandboxed preload's Buffer is a browser polyfill whose encodings vary by Electron
// version; atob and TextDecoder exist in every preload and in Node alike.
function decodeBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function parseBootstrap(value: unknown): SwitchBootstrap {
  if (typeof value !== 'object' || value === null) throw new Error('DutyDeck window bootstrap is not an object');
  const { kind, hubUrl } = value as Record<string, unknown>;
  if (!isWindowKind(kind)) throw new Error(`DutyDeck window bootstrap has an unknown window kind: ${String(kind)}`);
  if (typeof hubUrl !== 'string' || !isHttpUrl(hubUrl)) throw new Error('DutyDeck window bootstrap hubUrl is not an http(s) URL');
  // Rebuilt field by field so nothing else that was in the JSON (a token included) reaches the page.
  return { kind, hubUrl };
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The page a window loads: the hub's renderer with the kind as `?window=`. A session token is
 * never put in a URL; a wall window the browser host opens gets a one-time pairing code in
 * the fragment (never sent to the server, gone from the address bar once read, useless after
 * its first use or a minute), which the page trades for its session.
 */
export function windowUrl(hubUrl: string, kind: WindowKind, pairing?: string): string {
  const url = new URL('/', hubUrl);
  url.searchParams.set('window', kind);
  if (pairing) url.hash = `pair=${encodeURIComponent(pairing)}`;
  return url.toString();
}
