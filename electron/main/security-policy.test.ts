import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, hubCertificateVerdict, isHubUrl, originOf, VERIFY_RESULT, withCsp } from './security-policy';

const HUB = 'http://127.0.0.1:4580';

describe('isHubUrl', () => {
  it('accepts pages of the hub itself', () => {
    expect(isHubUrl('http://127.0.0.1:4580/?window=seat#token=x', HUB)).toBe(true);
  });
  it.each([
    ['another port', 'http://127.0.0.1:4581/'],
    ['another host', 'http://localhost:4580/'],
    ['https on the same host', 'https://127.0.0.1:4580/'],
    ['a look-alike host', 'http://127.0.0.1.evil.example:4580/'],
    ['credentials trick', 'http://127.0.0.1:4580@evil.example/'],
    ['file:', 'file:///etc/passwd'],
    ['data:', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['garbage', 'not a url'],
    ['nothing', undefined],
  ])('refuses %s', (_name, url) => {
    expect(isHubUrl(url, HUB)).toBe(false);
  });
  it('treats opaque origins as none', () => {
    expect(originOf('data:text/plain,hi')).toBeNull();
  });
});

describe('contentSecurityPolicy', () => {
  it('allows scripts from the hub only and the hub WebSocket', () => {
    const csp = contentSecurityPolicy(HUB);
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4580");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
  });
  it('uses wss for an https hub and adds configured services where data may come from', () => {
    const csp = contentSecurityPolicy('https://hub.sandun.local:8443', ['https://tiles.sandun.local']);
    expect(csp).toContain("connect-src 'self' wss://hub.sandun.local:8443 https://tiles.sandun.local");
    expect(csp).toContain("img-src 'self' data: blob: https://tiles.sandun.local");
    expect(csp).toContain("script-src 'self';");
  });
});

describe('withCsp', () => {
  it('adds the policy and keeps one the hub sent, whatever its header case', () => {
    expect(withCsp({ 'content-security-policy': ["default-src 'none'"], 'x-a': ['1'] }, 'ours')).toEqual({
      'content-security-policy': ["default-src 'none'", 'ours'],
      'x-a': ['1'],
    });
    expect(withCsp(undefined, 'ours')).toEqual({ 'Content-Security-Policy': ['ours'] });
  });
});

describe('hubCertificateVerdict', () => {
  const hub = { hostname: '127.0.0.1', fingerprint256: 'AB:CD' };
  it('trusts exactly the pinned certificate on the hub host', () => {
    expect(hubCertificateVerdict('127.0.0.1', 'AB:CD', hub)).toBe(VERIFY_RESULT.trusted);
  });
  it('refuses any other certificate on the hub host, and one it could not read', () => {
    expect(hubCertificateVerdict('127.0.0.1', 'AB:CE', hub)).toBe(VERIFY_RESULT.refused);
    expect(hubCertificateVerdict('127.0.0.1', null, hub)).toBe(VERIFY_RESULT.refused);
  });
  it('leaves other hosts to Chromium', () => {
    expect(hubCertificateVerdict('tiles.example.cn', 'AB:CD', hub)).toBe(VERIFY_RESULT.chromiumDecides);
  });
});
