// `dutydeck integrations add|list`: the accounts other systems feed a channel with. The API
// key is random, printed once, and stored only as its SHA-256.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Channel } from '../../shared/domain';
import { INTAKE_CHANNELS } from '../../shared/protocol/intake';
import { DATABASE_FILE } from '../hub/hub';
import { apiKeyHash, newApiKey } from '../hub/intake/keys';
import { Store } from '../hub/store/store';

export const INTEGRATIONS_USAGE = `  npm run dutydeck -- integrations add --data DIR --channel CHANNEL [--callback URL --secret SECRET]
  npm run dutydeck -- integrations list --data DIR
channels: ${INTAKE_CHANNELS.join(', ')}`;

type Usage = (message: string) => Error;

function open(dataDir: string | undefined, usage: Usage): Store {
  if (!dataDir) throw usage('--data DIR is required.');
  const file = join(dataDir, DATABASE_FILE);
  if (!existsSync(file)) throw new Error(`No DutyDeck database at ${file}; start the hub once to create it.`);
  return new Store(file);
}

function callbackOf(url: string | undefined, secret: string | undefined, usage: Usage): { url: string | null; secret: string | null } {
  if (!url && !secret) return { url: null, secret: null };
  if (!url || !secret) throw usage('--callback and --secret go together: notices are signed with the secret.');
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw usage(`--callback ${url} is not a URL.`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw usage('--callback must be an http(s) URL.');
  if (secret.length < 16) throw usage('--secret needs at least 16 characters.');
  return { url: parsed.href, secret };
}

export function integrationsCommand(args: string[], usage: Usage): number {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: { data: { type: 'string' }, channel: { type: 'string' }, callback: { type: 'string' }, secret: { type: 'string' } },
  });
  if (sub === 'list') {
    const store = open(values.data, usage);
    try {
      for (const i of store.intake.integrations()) console.log(`${i.channel.padEnd(15)} ${i.username.padEnd(28)} ${i.callbackUrl ?? '(no callback)'}`);
    } finally {
      store.close();
    }
    return 0;
  }
  if (sub !== 'add') throw usage(`Unknown integrations command: ${sub ?? '(none)'}.`);
  if (!values.channel || !(INTAKE_CHANNELS as readonly string[]).includes(values.channel)) throw usage(`--channel must be one of ${INTAKE_CHANNELS.join(', ')}.`);
  const callback = callbackOf(values.callback, values.secret, usage);
  const store = open(values.data, usage);
  try {
    const key = newApiKey();
    const { summary, entry } = store.write.createIntegration(
      { userId: randomUUID(), channel: values.channel as Channel, keyHash: apiKeyHash(key), callbackUrl: callback.url, callbackSecret: callback.secret },
      { userId: 'cli', role: 'system' },
    );
    console.log(`Created integration ${summary.username} for ${summary.channel} (journal entry ${entry.seq}).`);
    console.log(`API key (shown once, keep it now): ${key}`);
    return 0;
  } finally {
    store.close();
  }
}
