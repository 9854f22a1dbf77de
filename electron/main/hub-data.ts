// Facts about a hub data folder that both hosts (Electron and the browser launcher) need
// before the hub starts.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE } from '../hub/hub';

/** No database yet: this is the first run, and the hub starts with the demo data. */
export function isFirstRun(dataDir: string): boolean {
  return !existsSync(join(dataDir, DATABASE_FILE));
}
