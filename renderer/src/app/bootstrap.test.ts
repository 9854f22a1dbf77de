import { describe, expect, it } from 'vitest';
import { readBootstrap, toWebSocketUrl, type BootstrapEnv } from './bootstrap';

function browser(url: string) {
  const u = new URL(url);
  const replaced: string[] = [];
  const env: BootstrapEnv = {
    location: { search: u.search, hash: u.hash, origin: u.origin, pathname: u.pathname },
    history: { state: null, replaceState: (_s: unknown, _t: string, next?: string | URL | null) => void replaced.push(String(next)) },
  };
  return { env, replaced };
}

describe('window bootstrap', () => {
  it('opens a seat talking to its own origin when the URL names nothing', () => {
    const { env } = browser('http://10.0.0.5:4599/');
    expect(readBootstrap(env)).toEqual({ kind: 'seat', hubUrl: 'http://10.0.0.5:4599' });
  });

  it('takes the window kind from ?window=', () => {
    const { env } = browser('http://hub:4599/?window=wall-board');
    expect(readBootstrap(env).kind).toBe('wall-board');
  });

  it('falls back to a seat for an unknown kind', () => {
    const { env } = browser('http://hub:4599/?window=cockpit');
    expect(readBootstrap(env).kind).toBe('seat');
  });

  it('takes a one-time pairing code from the fragment and removes it from the address bar', () => {
    const { env, replaced } = browser('http://hub:4599/?window=wall-map#pair=abc123');
    expect(readBootstrap(env)).toEqual({ kind: 'wall-map', hubUrl: 'http://hub:4599', pairing: 'abc123' });
    expect(replaced).toEqual(['/?window=wall-map']);
  });

  it('never takes a session token from the URL', () => {
    const { env, replaced } = browser('http://hub:4599/?window=wall-map#token=abc123');
    expect(readBootstrap(env)).toEqual({ kind: 'wall-map', hubUrl: 'http://hub:4599' });
    expect(replaced).toEqual(['/?window=wall-map']);
  });

  it('leaves the address bar alone when there is no token', () => {
    const { env, replaced } = browser('http://hub:4599/?window=seat');
    readBootstrap(env);
    expect(replaced).toEqual([]);
  });

  it('prefers what the Electron preload hands over', () => {
    const { env } = browser('file:///app/index.html');
    env.preload = { kind: 'command', hubUrl: 'http://127.0.0.1:4599/', token: 't' };
    expect(readBootstrap(env)).toEqual({ kind: 'command', hubUrl: 'http://127.0.0.1:4599', token: 't' });
  });

  it('ignores a malformed preload object', () => {
    const { env } = browser('http://hub:4599/?window=wall-video');
    env.preload = { kind: 'nonsense', hubUrl: 42 };
    expect(readBootstrap(env)).toEqual({ kind: 'wall-video', hubUrl: 'http://hub:4599' });
  });

  it('derives the stream address with the matching WebSocket scheme', () => {
    expect(toWebSocketUrl('http://hub:4599', '/api/v1/stream')).toBe('ws://hub:4599/api/v1/stream');
    expect(toWebSocketUrl('https://hub.example/', '/api/v1/stream')).toBe('wss://hub.example/api/v1/stream');
  });
});
