import { describe, expect, it } from 'vitest';
import { chromiumArgs } from './chromium-args';

describe('chromiumArgs', () => {
  it('opens the URL as an app window at the planned place, with its own quiet profile', () => {
    const args = chromiumArgs('http://127.0.0.1:4580/?window=wall-map#token=t', '/d/chromium-profile/wall-map', {
      x: 1152,
      y: 0,
      width: 768,
      height: 346,
    });
    expect(args).toContain('--app=http://127.0.0.1:4580/?window=wall-map#token=t');
    expect(args).toContain('--user-data-dir=/d/chromium-profile/wall-map');
    expect(args).toContain('--window-position=1152,0');
    expect(args).toContain('--window-size=768,346');
    expect(args).toContain('--no-first-run');
    expect(args).toContain('--disable-background-networking');
    expect(args).toContain('--disable-component-update');
  });
});
