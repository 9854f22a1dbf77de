import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_SWITCH, decodeBootstrapArg, encodeBootstrapArg, parseWindowToken, windowUrl } from './bootstrap';

const arg = (value: unknown) => BOOTSTRAP_SWITCH + Buffer.from(JSON.stringify(value)).toString('base64url');

describe('window bootstrap switch', () => {
  it('round-trips a window among other switches', () => {
    const bootstrap = { kind: 'wall-map' as const, hubUrl: 'http://127.0.0.1:4580' };
    const argv = ['/opt/DutyDeck/dutydeck', '--type=renderer', encodeBootstrapArg(bootstrap), '--lang=zh-CN'];
    expect(decodeBootstrapArg(argv)).toEqual(bootstrap);
  });

  it('never puts a session token on the command line, where any local user can read it', () => {
    const arg = encodeBootstrapArg({ kind: 'wall-board', hubUrl: 'http://127.0.0.1:4580', token: 'secret-wall-session' } as never);
    expect(Buffer.from(arg.slice(BOOTSTRAP_SWITCH.length), 'base64url').toString('utf8')).not.toContain('secret-wall-session');
    expect(decodeBootstrapArg([arg])).toEqual({ kind: 'wall-board', hubUrl: 'http://127.0.0.1:4580' });
  });

  it('carries non-ASCII text intact', () => {
    const bootstrap = { kind: 'wall-board' as const, hubUrl: 'http://三墩镇.example:4580' };
    expect(decodeBootstrapArg([encodeBootstrapArg(bootstrap)])).toEqual(bootstrap);
  });

  it('gives a seat window no token, so it opens on the login screen', () => {
    expect(decodeBootstrapArg([encodeBootstrapArg({ kind: 'seat', hubUrl: 'https://hub.local:4580' })])).toEqual({
      kind: 'seat',
      hubUrl: 'https://hub.local:4580',
    });
  });

  it('passes nothing through but kind and hubUrl', () => {
    const decoded = decodeBootstrapArg([arg({ kind: 'seat', hubUrl: 'http://127.0.0.1:1', require: 'fs' })]);
    expect(Object.keys(decoded)).toEqual(['kind', 'hubUrl']);
    // Nor a token, whatever put one there: a window's token only ever comes from main over IPC.
    expect(decodeBootstrapArg([arg({ kind: 'wall-board', hubUrl: 'http://127.0.0.1:1', token: 'from-the-command-line' })])).toEqual({ kind: 'wall-board', hubUrl: 'http://127.0.0.1:1' });
  });

  it.each([
    ['no switch', []],
    ['not base64 JSON', [`${BOOTSTRAP_SWITCH}%%%`]],
    ['an unknown kind', [arg({ kind: 'admin-console', hubUrl: 'http://127.0.0.1:1' })]],
    ['a file: hub URL', [arg({ kind: 'seat', hubUrl: 'file:///etc/passwd' })]],
    ['a javascript: hub URL', [arg({ kind: 'seat', hubUrl: 'javascript:alert(1)' })]],
    ['a hub URL that is no URL', [arg({ kind: 'seat', hubUrl: 'localhost' })]],
    ['null', [arg(null)]],
  ])('rejects %s', (_name, argv) => {
    expect(() => decodeBootstrapArg(argv)).toThrow(/DutyDeck window/);
  });
});

describe('the window token main answers over IPC', () => {
  it('is a session token or nothing', () => {
    expect(parseWindowToken('tok-123')).toBe('tok-123');
    expect(parseWindowToken(null)).toBeUndefined();
    for (const bad of ['', 42, { token: 'x' }, 'x'.repeat(257)]) expect(() => parseWindowToken(bad)).toThrow(/not a session token/);
  });
});

describe('windowUrl', () => {
  it('names the window kind in the query and a wall token in the fragment', () => {
    expect(windowUrl('http://127.0.0.1:4580', 'seat')).toBe('http://127.0.0.1:4580/?window=seat');
    expect(windowUrl('http://127.0.0.1:4580/', 'wall-video', 'c/d e')).toBe('http://127.0.0.1:4580/?window=wall-video#pair=c%2Fd%20e');
  });
});
