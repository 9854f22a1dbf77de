// The few switches the desktop app takes. Unknown switches are ignored, not fatal:
// Electron and Chromium add their own (--no-sandbox, --enable-logging, …) to the same argv.
import type { PlanOptions } from './window-plan';

export interface MainArgs extends PlanOptions {
  /** `--data DIR`: the hub's data folder instead of the one in the user data dir. */
  dataDir?: string;
}

export function parseMainArgs(argv: readonly string[]): MainArgs {
  const args: MainArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--command' || arg === '--console=command') args.console = 'command';
    else if (arg === '--console=seat') args.console = 'seat';
    else if (arg === '--no-walls') args.walls = false;
    else if (arg === '--data' && argv[i + 1] !== undefined) args.dataDir = argv[++i];
    else if (arg.startsWith('--data=')) args.dataDir = arg.slice('--data='.length);
  }
  return args;
}
