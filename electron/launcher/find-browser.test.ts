import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findBrowser, hasDisplay } from './find-browser';

const fsWith = (...paths: string[]) => (p: string) => paths.includes(p);

describe('findBrowser', () => {
  it('prefers $CHROME_PATH when it exists', () => {
    expect(findBrowser({ platform: 'linux', env: { CHROME_PATH: '/opt/c/chrome' }, exists: fsWith('/opt/c/chrome', '/usr/bin/chromium') })).toBe(
      '/opt/c/chrome',
    );
  });
  it('falls back past a $CHROME_PATH that is not there', () => {
    expect(findBrowser({ platform: 'linux', env: { CHROME_PATH: '/nope' }, exists: fsWith('/usr/bin/chromium') })).toBe('/usr/bin/chromium');
  });
  it("finds Debian's chromium before Chrome, and browsers on PATH", () => {
    expect(findBrowser({ platform: 'linux', env: {}, exists: fsWith('/usr/bin/google-chrome', '/usr/bin/chromium') })).toBe('/usr/bin/chromium');
    expect(findBrowser({ platform: 'linux', env: { PATH: '/usr/local/bin:/opt/bin' }, exists: fsWith('/opt/bin/chromium-browser') })).toBe(
      '/opt/bin/chromium-browser',
    );
  });
  it('looks in the usual places on macOS and Windows', () => {
    const mac = '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome';
    expect(findBrowser({ platform: 'darwin', env: {}, exists: fsWith(mac) })).toBe(mac);
    const edge = join('C:\\Program Files (x86)', 'Microsoft', 'Edge', 'Application', 'msedge.exe');
    expect(findBrowser({ platform: 'win32', env: { 'PROGRAMFILES(X86)': 'C:\\Program Files (x86)' }, exists: fsWith(edge) })).toBe(edge);
  });
  it('says when there is none', () => {
    expect(findBrowser({ platform: 'linux', env: { PATH: '/usr/bin' }, exists: () => false })).toBeUndefined();
  });
});

describe('hasDisplay', () => {
  it('needs X11 or Wayland on Linux', () => {
    expect(hasDisplay('linux', {})).toBe(false);
    expect(hasDisplay('linux', { DISPLAY: ':0' })).toBe(true);
    expect(hasDisplay('linux', { WAYLAND_DISPLAY: 'wayland-0' })).toBe(true);
    expect(hasDisplay('win32', {})).toBe(true);
  });
});
