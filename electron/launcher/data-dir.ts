// Where DutyDeck keeps its data when started without --data: the same folder Electron's
// app.getPath('userData') names for the product "DutyDeck", plus /data — so the Electron app
// and the browser host open the same database on one machine.
import { join } from 'node:path';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

/** Electron's appData folder on each platform. */
function appData({ platform, env, home }: PlatformInfo): string {
  if (platform === 'win32') return env.APPDATA ?? join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support');
  // XDG: an unset or relative XDG_CONFIG_HOME is to be ignored (XDG Base Directory spec).
  const xdg = env.XDG_CONFIG_HOME;
  return xdg && xdg.startsWith('/') ? xdg : join(home, '.config');
}

export function defaultDataDir(info: PlatformInfo): string {
  return join(appData(info), 'DutyDeck', 'data');
}
