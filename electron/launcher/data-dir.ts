// Where the browser-host DutyDeck keeps its data when started without --data: the
// platform's per-user application data folder. (On Linux Electron's userData is under
// ~/.config instead, so the two hosts keep separate databases unless given --data.)
import { join } from 'node:path';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

export function defaultDataDir({ platform, env, home }: PlatformInfo): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'DutyDeck');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'DutyDeck');
  // XDG: an unset or relative XDG_DATA_HOME is to be ignored (XDG Base Directory spec).
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'DutyDeck');
}
