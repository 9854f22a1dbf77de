// Electron main process: one instance per machine, the hub in a utility process on a loopback
// port (electron/main/hub-process.ts), one window per display, and a clean hub shutdown
// however the app ends. Everything
// decidable without Electron lives in the pure modules beside this file.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { app, dialog, screen } from 'electron';
import { isFirstRun } from './hub-data';
import { startHostedHub, type HostedHub } from './hub-process';
import { LAYOUT_FILE } from './layout-store';
import { parseMainArgs } from './main-args';
import { applySecurityPolicy, enableSandboxEverywhere, pinHubCertificate } from './security';
import { WindowHost } from './window-host';

const log = (line: string) => console.log(`[dutydeck] ${line}`);
/** Display events come in bursts (a monitor wakes: added, then metrics changed). */
const DISPLAY_SETTLE_MS = 500;

const args = parseMainArgs(process.argv);
let hub: HostedHub | undefined;
let windows: WindowHost | undefined;
let hubClosed = false;

enableSandboxEverywhere();
app.setAppUserModelId('cn.dutydeck.app');

if (!app.requestSingleInstanceLock()) {
  // Another DutyDeck owns this machine's windows and hub; it is told to come forward.
  app.quit();
} else {
  app.on('second-instance', () => windows?.focusConsole());
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', (event) => {
    if (hubClosed || !hub) return;
    // Hold the quit until the hub has flushed and closed its database.
    event.preventDefault();
    void closeHub().finally(() => app.quit());
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((err: unknown) => {
      log(`Startup failed: ${String(err)}`);
      dialog.showErrorBox('DutyDeck could not start', `${String(err)}\n\nCheck that the data folder is writable, then start DutyDeck again.`);
      void closeHub().finally(() => app.exit(1));
    });
}

let closing: Promise<void> | undefined;
function closeHub(): Promise<void> {
  closing ??= (async () => {
    try {
      await hub?.close();
    } catch (err) {
      log(`Hub did not close cleanly: ${String(err)}`);
    } finally {
      hubClosed = true;
    }
  })();
  return closing;
}

async function start(): Promise<void> {
  const dataDir = args.dataDir ?? join(app.getPath('userData'), 'data');
  await mkdir(dataDir, { recursive: true });
  // A replica (--primary) takes everything from its primary: no demo data of its own. Its
  // password reaches the hub in DUTYDECK_PRIMARY_PASSWORD, through the inherited environment.
  const demo = !args.primary && isFirstRun(dataDir);
  if (demo) log(`First run: no database in ${dataDir} yet — starting with the demo data.`);
  const hubArgs = [
    '--data',
    dataDir,
    '--port',
    '0',
    '--host',
    '127.0.0.1',
    // HTTPS even on loopback, with the hub's own certificate, which the windows pin: another
    // local program listening in the hub's place cannot pass for it.
    '--tls',
    ...(demo ? ['--demo'] : []),
    ...(args.primary ? ['--primary', args.primary] : []),
    ...(args.primaryUser ? ['--primary-user', args.primaryUser] : []),
  ];
  // Bundled beside this file; its default renderer folder is out/renderer inside app.asar.
  hub = await startHostedHub(join(__dirname, 'hub.cjs'), hubArgs, log);
  log(`Hub listening at ${hub.url} (${hub.mode})`);
  applySecurityPolicy(new URL(hub.url).origin, log);
  if (!hub.fingerprint256) throw new Error('The hub started without TLS; the windows load it only over HTTPS.');
  pinHubCertificate(new URL(hub.url).origin, hub.fingerprint256, log);

  const running = hub;
  windows = new WindowHost({
    hubUrl: hub.url,
    // Bundled beside this file: out/electron/preload.cjs.
    preload: join(__dirname, 'preload.cjs'),
    layoutFile: join(app.getPath('userData'), LAYOUT_FILE),
    plan: args,
    issueWindowSession: (kind) => running.issueWindowSession(kind),
    log,
  });
  await windows.open();

  let settle: NodeJS.Timeout | undefined;
  const replan = () => {
    clearTimeout(settle);
    settle = setTimeout(() => windows?.replan(), DISPLAY_SETTLE_MS);
  };
  screen.on('display-added', replan);
  screen.on('display-removed', replan);
  screen.on('display-metrics-changed', replan);
}
