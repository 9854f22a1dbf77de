// DutyDeck without Electron: the hub runs in this Node process and each window opens as a
// Chromium app window (or, with no browser or no screen, its URL is printed).
import { spawn, type ChildProcess } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isWallKind } from '../../shared/windows';
import { startHub, type RunningHub } from '../hub/hub';
import { parseResilience } from '../hub/resilience/args';
import { windowUrl } from '../main/bootstrap';
import { isFirstRun } from '../main/hub-data';
import { planWindows, type DisplayInfo, type PlannedWindow } from '../main/window-plan';
import type { LauncherArgs } from './args';
import { chromiumArgs } from './chromium-args';
import { defaultDataDir } from './data-dir';
import { findBrowser, hasDisplay } from './find-browser';

/** Node cannot ask the screen its size; plan for a common one and let the user resize. */
const ASSUMED_DISPLAY: DisplayInfo = { id: 0, bounds: { x: 0, y: 0, width: 1920, height: 1080 }, primary: true };

interface OpenWindow extends PlannedWindow {
  url: string;
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

export async function runBrowserHost(args: LauncherArgs, root: string): Promise<void> {
  const dataDir = args.dataDir ?? defaultDataDir({ platform: process.platform, env: process.env, home: homedir() });
  mkdirSync(dataDir, { recursive: true });
  // A replica (--primary) takes everything from its primary: no demo data of its own.
  const replica = parseResilience({ primary: args.primary, 'primary-user': args.primaryUser, demo: args.demo }, process.env);
  if (typeof replica === 'string') throw new Error(replica);
  const firstRun = !replica.primary && isFirstRun(dataDir);
  if (firstRun) console.log(`No database in ${dataDir} yet — starting with the demo data.`);
  const hub = await startHub({
    dataDir,
    port: args.port,
    host: args.host,
    demo: !replica.primary && (args.demo || firstRun),
    ...replica,
    rendererDir: join(root, 'out', 'renderer'),
    log: (line) => console.log(line),
  });

  const planned = planWindows([ASSUMED_DISPLAY], undefined, { console: args.console, walls: args.walls });
  const browser = args.open ? findBrowser({ platform: process.platform, env: process.env, exists: isExecutable }) : undefined;
  const screen = hasDisplay(process.platform, process.env);
  if (!browser || !screen) {
    const why = !args.open ? '' : !browser ? ' (no Chromium found; set CHROME_PATH)' : ' (no display: DISPLAY and WAYLAND_DISPLAY are unset)';
    // Printed URLs carry nothing secret (they end up in terminals and scrollback): each window
    // opens on the sign-in screen, the wall's with a wall account.
    printUrls(hub, planned.map((w) => ({ ...w, url: windowUrl(hub.url, w.kind) })), why);
    stopOnSignal(hub, []);
    return;
  }

  const windows: OpenWindow[] = [];
  for (const w of planned) {
    // Wall windows are signed in by the host with a one-time pairing code, used at once by the
    // window it is opened for; the console opens on the login screen.
    const pairing = isWallKind(w.kind) ? await hub.issueWindowPairing(w.kind) : undefined;
    windows.push({ ...w, url: windowUrl(hub.url, w.kind, pairing) });
  }

  console.log(`DutyDeck hub at ${hub.url}; opening ${windows.length} windows in ${browser}.`);
  const children = windows.map((w) => openWindow(browser, dataDir, w));
  stopOnSignal(hub, children);
  let open = children.length;
  for (const child of children) {
    child.on('exit', () => {
      open -= 1;
      if (open === 0) {
        console.log('All DutyDeck windows closed; stopping the hub.');
        void stop(hub, 0);
      }
    });
  }
}

function printUrls(hub: RunningHub, windows: readonly OpenWindow[], why: string): void {
  console.log(`DutyDeck hub at ${hub.url}${why} — open these windows in Chromium and sign in (the wall windows with a wall account); Ctrl+C stops the hub:`);
  for (const w of windows) console.log(w.url);
}

function openWindow(browser: string, dataDir: string, w: OpenWindow): ChildProcess {
  // One profile per window: Chromium hands a second launch on a shared profile to the first
  // process, which exits at once — we could not tell when windows close, and the position
  // and size flags would be lost.
  const profile = join(dataDir, 'chromium-profile', w.kind);
  const child = spawn(browser, chromiumArgs(w.url, profile, w.bounds), { stdio: 'ignore' });
  // The URL is not repeated: its pairing code is for this launch only.
  child.on('error', (err) => console.error(`Could not open the ${w.kind} window: ${err.message}. Open ${windowUrl(new URL(w.url).origin, w.kind)} yourself and sign in.`));
  return child;
}

let stopping: Promise<void> | undefined;
function stop(hub: RunningHub, code: number): Promise<void> {
  stopping ??= hub.close().then(
    () => process.exit(code),
    (err: unknown) => {
      console.error(`DutyDeck hub did not stop cleanly: ${String(err)}`);
      process.exit(1);
    },
  );
  return stopping;
}

function stopOnSignal(hub: RunningHub, children: readonly ChildProcess[]): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      console.log(`Stopping DutyDeck (${signal}).`);
      // Only the browsers this launcher started, by their own handles.
      for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
      void stop(hub, 0);
    });
  }
}
