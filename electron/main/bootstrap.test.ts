import { describe, expect, it } from 'vitest';
import { BOOTSTRAP_SWITCH, decodeBootstrapArg, encodeBootstrapArg, windowUrl } from './bootstrap';

const arg = (value: unknown) => BOOTSTRAP_SWITCH + Buffer.from(JSON.stringify(value)).toString('base64url');

describe('window bootstrap switch', () => {
  it('round-trips a wall window with its token among other switches', () => {
    const bootstrap = { kind: 'wall-map' as const, hubUrl: 'http://127.0.0.1:4580', token: 'abc+/=?&' };
    const argv = ['/opt/DutyDeck/dutydeck', '--type=renderer', encodeBootstrapArg(bootstrap), '--lang=zh-CN'];
    expect(decodeBootstrapArg(argv)).toEqual(bootstrap);
  });

  it('carries non-ASCII text intact', () => {
    const bootstrap = { kind: 'wall-board' as const, hubUrl: 'http://127.0.0.1:4580', token: '三墩镇·值班' };
    expect(decodeBootstrapArg([encodeBootstrapArg(bootstrap)])).toEqual(bootstrap);
  });

  it('gives a seat window no token, so it opens on the login screen', () => {
    expect(decodeBootstrapArg([encodeBootstrapArg({ kind: 'seat', hubUrl: 'https://hub.local:4580' })])).toEqual({
      kind: 'seat',
      hubUrl: 'https://hub.local:4580',
    });
  });

  it('passes nothing through but kind, hubUrl and token', () => {
    const decoded = decodeBootstrapArg([arg({ kind: 'seat', hubUrl: 'http://127.0.0.1:1', require: 'fs' })]);
    expect(Object.keys(decoded)).toEqual(['kind', 'hubUrl']);
  });

  it.each([
    ['no switch', []],
    ['not base64 JSON', [`${BOOTSTRAP_SWITCH}%%%`]],
    ['an unknown kind', [arg({ kind: 'admin-console', hubUrl: 'http://127.0.0.1:1' })]],
    ['a file: hub URL', [arg({ kind: 'seat', hubUrl: 'file:///etc/passwd' })]],
    ['a javascript: hub URL', [arg({ kind: 'seat', hubUrl: 'javascript:alert(1)' })]],
    ['a hub URL that is no URL', [arg({ kind: 'seat', hubUrl: 'localhost' })]],
    ['a numeric token', [arg({ kind: 'wall-board', hubUrl: 'http://127.0.0.1:1', token: 42 })]],
    ['null', [arg(null)]],
  ])('rejects %s', (_name, argv) => {
    expect(() => decodeBootstrapArg(argv)).toThrow(/DutyDeck window/);
  });
});

describe('windowUrl', () => {
  it('names the window kind in the query and a wall token in the fragment', () => {
    expect(windowUrl('http://127.0.0.1:4580', 'seat')).toBe('http://127.0.0.1:4580/?window=seat');
    expect(windowUrl('http://127.0.0.1:4580/', 'wall-video', 't/k n')).toBe('http://127.0.0.1:4580/?window=wall-video#token=t%2Fk%20n');
  });
});
