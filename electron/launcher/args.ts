// `npm start -- [options]`. Parsed by hand rather than util.parseArgs because the same argv
// is forwarded to Electron, which adds switches of its own we must let through.
import type { ConsoleKind } from '../main/window-plan';

export const DEFAULT_PORT = 4580;
export const DEFAULT_HOST = '127.0.0.1';

export const USAGE = `usage: npm start -- [--data DIR] [--port N] [--host ADDR] [--demo] [--no-open] [--command] [--no-walls]
  --data DIR   the hub's data folder (default: the per-user DutyDeck folder)
  --port N     the hub's port when running without Electron (default ${DEFAULT_PORT}; 0 = any free port)
  --host ADDR  the address the hub listens on (default ${DEFAULT_HOST}; the duty-room LAN needs 0.0.0.0)
  --demo       start with the demo data even when a database exists
  --no-open    print the window URLs instead of opening browser windows
  --command    open the commander's console instead of the seat
  --no-walls   open the console only (this machine does not drive the wall)
  --primary URL --primary-user NAME
               run this seat's hub as a replica of the primary at URL (password of NAME in
               DUTYDECK_PRIMARY_PASSWORD); the seat keeps working while the primary is away`;

export interface LauncherArgs {
  dataDir?: string;
  port: number;
  host: string;
  /** Forced demo (`--demo`); otherwise demo follows whether a database exists. */
  demo: boolean;
  open: boolean;
  console: ConsoleKind;
  walls: boolean;
  help: boolean;
  /** Replica mode: the primary hub's URL and the account the replica syncs as. */
  primary?: string;
  primaryUser?: string;
  /** Everything we did not recognise, for Electron to interpret. */
  unknown: string[];
}

export class ArgsError extends Error {}

export function parseLauncherArgs(argv: readonly string[]): LauncherArgs {
  const args: LauncherArgs = {
    port: DEFAULT_PORT,
    host: DEFAULT_HOST,
    demo: false,
    open: true,
    console: 'seat',
    walls: true,
    help: false,
    unknown: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i]!;
    const eq = raw.startsWith('--') ? raw.indexOf('=') : -1;
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    const value = (): string => {
      if (eq > 0) return raw.slice(eq + 1);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) throw new ArgsError(`${name} needs a value.`);
      i += 1;
      return next;
    };
    switch (name) {
      case '--data':
        args.dataDir = value();
        if (!args.dataDir) throw new ArgsError('--data needs a folder.');
        break;
      case '--port':
        args.port = parsePort(value());
        break;
      case '--host':
        args.host = value();
        break;
      case '--demo':
        args.demo = true;
        break;
      case '--no-open':
        args.open = false;
        break;
      case '--command':
        args.console = 'command';
        break;
      case '--no-walls':
        args.walls = false;
        break;
      case '--primary':
        args.primary = value();
        break;
      case '--primary-user':
        args.primaryUser = value();
        break;
      case '--help':
      case '-h':
        args.help = true;
        break;
      default:
        args.unknown.push(raw);
    }
  }
  return args;
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) throw new ArgsError(`--port must be a port number (0–65535), not "${text}".`);
  return port;
}
