// `npm run hub -- --data DIR --port N [--host ADDR] [--demo]`: a hub for the duty room. The
// same file, bundled (out/electron/hub.cjs), is what a server runs with plain `node` and what
// the Electron app starts in a utility process, off the thread that drives its windows.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startHub } from './hub';
import { parentPortOf, serveHost } from './host-channel';
import { parseSimulate, SIMULATE_ARGS, SIMULATE_USAGE } from './sim/args';
import { parseResilience, RESILIENCE_ARGS } from './resilience/args';
import { NETWORK_ARGS, NETWORK_USAGE, parseNetwork } from './api/network-args';
import { installProcessGuards } from './resilience/process-guard';

const USAGE = `usage: npm run hub -- --data DIR --port N [--host ADDR] [--demo [--demo-history DAYS]] [--renderer DIR] ${SIMULATE_USAGE}
       ${NETWORK_USAGE}
       [--backup-every MINUTES [--backup-keep N]] [--checkpoint-every N]
       [--primary URL --primary-user NAME [--primary-fingerprint SHA256]]   replica mode; the password comes from DUTYDECK_PRIMARY_PASSWORD`;

const host = parentPortOf();

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
  host?.postMessage({ type: 'failed', message });
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string', default: '127.0.0.1' },
      demo: { type: 'boolean', default: false },
      'demo-history': { type: 'string' },
      // The built renderer the hub serves; out/renderer unless e2e and bench point it at the instrumented build.
      renderer: { type: 'string' },
      ...SIMULATE_ARGS,
      ...RESILIENCE_ARGS,
      ...NETWORK_ARGS,
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  }));
} catch (error) {
  fail((error as Error).message);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.data) fail('--data DIR is required: the folder that holds the hub database.');
const port = Number(values.port ?? 4580);
if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port must be a port number, not ${values.port}.`);

// Absent: the hub's own default (DUTYDECK_DEMO_HISTORY_DAYS, else a year).
const demoHistoryDays = values['demo-history'] === undefined ? undefined : Number(values['demo-history']);
if (demoHistoryDays !== undefined && (!Number.isInteger(demoHistoryDays) || demoHistoryDays < 0 || demoHistoryDays > 3650)) fail(`--demo-history takes a number of days, not ${values['demo-history']}.`);

const simulate = parseSimulate(values);
if (typeof simulate === 'string') fail(simulate);

const resilience = parseResilience(values, process.env);
if (typeof resilience === 'string') fail(resilience);

const network = parseNetwork(values);
if (typeof network === 'string') fail(network);

installProcessGuards((line) => console.error(line));

// No top-level await: the bundle is CommonJS.
void (async () => {
  const hub = await startHub({
    dataDir: values.data!,
    port,
    host: values.host,
    demo: values.demo,
    ...(demoHistoryDays === undefined ? {} : { demoHistoryDays }),
    ...(values.renderer === undefined ? {} : { rendererDir: resolve(values.renderer) }),
    ...(simulate ? { simulate } : {}),
    ...resilience,
    ...network,
  }).catch((error: unknown) => {
    const message = `DutyDeck hub could not start: ${(error as Error).message}`;
    console.error(message);
    host?.postMessage({ type: 'failed', message });
    process.exit(1);
  });
  console.log(`DutyDeck hub listening on ${hub.url}`);

  let stopping: Promise<void> | null = null;
  const stop = (why: string): Promise<void> =>
    (stopping ??= (async () => {
      console.log(`DutyDeck hub stopping (${why}).`);
      try {
        await hub.close();
      } catch (error) {
        console.error('DutyDeck hub did not stop cleanly:', error);
        process.exitCode = 1;
      }
    })());

  if (host) {
    // Hosted by Electron: the host says when to stop, and the process ends once it is told so.
    // The exit waits a moment so the 'closed' message reaches the host first.
    const stopForHost = async () => {
      await stop('asked by the app');
      setTimeout(() => process.exit(), 50).unref();
    };
    serveHost(host, hub, stopForHost, (line) => console.error(line));
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => void stop(signal).then(() => process.exit()));
  }
})();
