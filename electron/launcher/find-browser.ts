// Finding a Chromium to open the windows in when there is no Electron. Pure: the file
// system and environment are passed in, so every platform's search is tested anywhere.
import { delimiter, join } from 'node:path';

export interface BrowserSearch {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Whether an executable file exists at this path. */
  exists(path: string): boolean;
}

/** Names looked up on PATH, best first (Debian's package is `chromium`). */
const PATH_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'microsoft-edge', 'brave-browser'];

function candidates({ platform, env }: BrowserSearch): string[] {
  const out: string[] = [];
  if (env.CHROME_PATH) out.push(env.CHROME_PATH);
  if (platform === 'darwin') {
    for (const app of ['Chromium', 'Google Chrome', 'Microsoft Edge', 'Brave Browser']) {
      out.push(`/Applications/${app}.app/Contents/MacOS/${app}`);
    }
    return out;
  }
  if (platform === 'win32') {
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)'], env.ProgramFiles, env['ProgramFiles(x86)']].filter(
      (r): r is string => Boolean(r),
    );
    for (const root of roots) {
      out.push(join(root, 'Chromium', 'Application', 'chrome.exe'));
      out.push(join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'));
      out.push(join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'));
    }
    return out;
  }
  for (const name of PATH_NAMES) out.push(`/usr/bin/${name}`);
  out.push('/snap/bin/chromium');
  for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
    for (const name of PATH_NAMES) out.push(join(dir, name));
  }
  return out;
}

/** The first Chromium-family browser found, or undefined. $CHROME_PATH wins when it exists. */
export function findBrowser(search: BrowserSearch): string | undefined {
  return candidates(search).find((path) => search.exists(path));
}

/** Whether windows can appear at all: on Linux and BSDs only with an X11 or Wayland display. */
export function hasDisplay(platform: NodeJS.Platform, env: Record<string, string | undefined>): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}
