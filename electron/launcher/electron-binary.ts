// Whether the Electron binary is installed. The `electron` package's main export is the
// binary's path — and it throws when the binary was never downloaded (as on machines
// without internet, where its install script does not run).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export function electronBinary(root: string): string | undefined {
  const require = createRequire(join(root, 'package.json'));
  try {
    const path: unknown = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : undefined;
  } catch {
    return undefined;
  }
}
