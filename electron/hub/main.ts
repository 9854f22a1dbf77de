// `npm run hub -- --data DIR --port N [--host ADDR] [--demo]`: a hub for the duty room.
import { parseArgs } from 'node:util';
import { startHub } from './hub';
import { parseSimulate, SIMULATE_ARGS, SIMULATE_USAGE } from './sim/args';
import { parseResilience, RESILIENCE_ARGS } from './resilience/args';
import { NETWORK_ARGS, NETWORK_USAGE, parseNetwork } from './api/network-args';
import { installProcessGuards } from './resilience/process-guard';

const USAGE = `usage: npm run hub -- --data DIR --port N [--host ADDR] [--demo [--demo-history DAYS]] ${SIMULATE_USAGE}
       ${NETWORK_USAGE}
       [--backup-every MINUTES [--backup-keep N]] [--checkpoint-every N]
       [--primary URL --primary-user NAME [--primary-fingerprint SHA256]]   replica mode; the password comes from DUTYDECK_PRIMARY_PASSWORD`;

function fail(message: string): never {
  console.error(`${message}\n${USAGE}`);
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
      'demo-history': { type: 'string', default: '365' },
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

const demoHistoryDays = Number(values['demo-history']);
if (!Number.isInteger(demoHistoryDays) || demoHistoryDays < 0 || demoHistoryDays > 3650) fail(`--demo-history takes a number of days, not ${values['demo-history']}.`);

const simulate = parseSimulate(values);
if (typeof simulate === 'string') fail(simulate);

const resilience = parseResilience(values, process.env);
if (typeof resilience === 'string') fail(resilience);

const network = parseNetwork(values);
if (typeof network === 'string') fail(network);

installProcessGuards((line) => console.error(line));
const hub = await startHub({ dataDir: values.data, port, host: values.host, demo: values.demo, demoHistoryDays, ...(simulate ? { simulate } : {}), ...resilience, ...network }).catch((error: unknown) => {
  console.error(`DutyDeck hub could not start: ${(error as Error).message}`);
  process.exit(1);
});
console.log(`DutyDeck hub listening on ${hub.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`DutyDeck hub stopping (${signal}).`);
    hub.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('DutyDeck hub did not stop cleanly:', error);
        process.exit(1);
      },
    );
  });
}
