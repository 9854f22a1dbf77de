// Where this window learns what it is: from the Electron preload, or in a plain browser
// from its own URL (`/?window=wall-board#pair=CODE`, the code a one-time pairing code the
// browser host made for this window; no session token ever travels in a URL).
import { isWindowKind, type WindowBootstrap } from '../../../shared/windows';
import { withoutTrailingSlashes } from '../../../shared/trim';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a plain browser. */
    dutydeck?: WindowBootstrap;
  }
}

export interface BootstrapEnv {
  preload?: unknown;
  location: Pick<Location, 'search' | 'hash' | 'origin' | 'pathname'>;
  history?: Pick<History, 'replaceState' | 'state'>;
}

function fromPreload(value: unknown): WindowBootstrap | null {
  if (typeof value !== 'object' || value === null) return null;
  const { kind, hubUrl, token } = value as Record<string, unknown>;
  if (!isWindowKind(kind) || typeof hubUrl !== 'string' || hubUrl === '') return null;
  const bootstrap: WindowBootstrap = { kind, hubUrl: withoutTrailingSlashes(hubUrl) };
  if (typeof token === 'string' && token !== '') bootstrap.token = token;
  return bootstrap;
}

export function readBootstrap(env: BootstrapEnv): WindowBootstrap {
  const preloaded = fromPreload(env.preload);
  if (preloaded) return preloaded;

  const requested = new URLSearchParams(env.location.search).get('window');
  const kind = isWindowKind(requested) ? requested : 'seat';
  const bootstrap: WindowBootstrap = { kind, hubUrl: env.location.origin };

  const fragment = new URLSearchParams(env.location.hash.replace(/^#/, ''));
  const pairing = fragment.get('pair');
  if (env.location.hash) {
    // Whatever the fragment held, it leaves the address bar (history, screenshots, bug reports).
    env.history?.replaceState(env.history.state, '', env.location.pathname + env.location.search);
  }
  if (pairing) bootstrap.pairing = pairing;
  return bootstrap;
}

export function browserBootstrap(): WindowBootstrap {
  return readBootstrap({ preload: window.dutydeck, location: window.location, history: window.history });
}

/** http(s)://host:port → ws(s)://host:port, for the stream endpoint. */
export function toWebSocketUrl(hubUrl: string, path: string): string {
  const base = withoutTrailingSlashes(hubUrl).replace(/^http(s?):\/\//i, (_, s: string) => `ws${s}://`);
  return base + path;
}
