// The few switches the desktop app takes. Unknown switches are ignored, not fatal:
// Electron and Chromium add their own (--no-sandbox, --enable-logging, …) to the same argv.
import type { PlanOptions } from './window-plan';

export interface MainArgs extends PlanOptions {
  /** `--data DIR`: the hub's data folder instead of the one in the user data dir. */
  dataDir?: string;
  /** `--primary URL --primary-user NAME`: this seat's hub is a replica of the primary at URL. */
  primary?: string;
  primaryUser?: string;
}

/** `--name VALUE` or `--name=VALUE` at argv[i]; the value and how many items it took. */
function valueOf(argv: readonly string[], i: number, name: string): { value: string; used: number } | null {
  const arg = argv[i]!;
  if (arg.startsWith(`${name}=`)) return { value: arg.slice(name.length + 1), used: 1 };
  if (arg === name && argv[i + 1] !== undefined) return { value: argv[i + 1]!, used: 2 };
  return null;
}

export function parseMainArgs(argv: readonly string[]): MainArgs {
  const args: MainArgs = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--command' || arg === '--console=command') args.console = 'command';
    else if (arg === '--console=seat') args.console = 'seat';
    else if (arg === '--no-walls') args.walls = false;
    else {
      for (const [name, key] of [['--data', 'dataDir'], ['--primary', 'primary'], ['--primary-user', 'primaryUser']] as const) {
        const found = valueOf(argv, i, name);
        if (!found) continue;
        args[key] = found.value;
        i += found.used - 1;
        break;
      }
    }
  }
  return args;
}
