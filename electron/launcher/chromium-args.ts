// The command line of one Chromium app window for the browser host.
import type { Rect } from '../main/window-plan';

export function chromiumArgs(url: string, profileDir: string, bounds: Rect): string[] {
  return [
    `--app=${url}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--window-position=${bounds.x},${bounds.y}`,
    `--window-size=${bounds.width},${bounds.height}`,
  ];
}
