// Starting and stopping a hub: the store on its own thread, the API and stream on this one.
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HubMode, User } from '../../shared/domain';
import type { WindowKind } from '../../shared/windows';
import { isWallKind } from '../../shared/windows';
import { hashPassword } from './api/auth';
import { handlers } from './api/routes';
import { createHubServer } from './api/server';
import { Sessions } from './api/sessions';
import { JournalStream } from './api/stream';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './demo';
import { ensureDemoTown } from './town/demo-town';
import { openStoreClient, type StoreClient } from './store/client';

export const DATABASE_FILE = 'dutydeck.sqlite';

export interface HubOptions {
  dataDir: string;
  port: number;
  host?: string;
  demo?: boolean;
  /** With demo: generate and import the demo town when none is imported (default true). */
  demoTown?: boolean;
  /** Folder of the built renderer (vite build output); defaults to out/renderer. */
  rendererDir?: string;
  /** Folder served at /media/demo/ (the demo camera clips); defaults to resources/video. */
  mediaDir?: string;
  log?: (line: string) => void;
  /** How often overdue SLA clocks are looked for. */
  slaCheckMs?: number;
}

export interface RunningHub {
  url: string;
  host: string;
  port: number;
  mode: HubMode;
  /** Opens a session for a window the host launches itself (wall windows log in as the wall). */
  issueWindowSession(kind: WindowKind): Promise<string>;
  close(): Promise<void>;
}

const SYSTEM = { userId: 'system', role: 'system' } as const;

function defaultRendererDir(): string {
  // In a source checkout this file is electron/hub/hub.ts; in a bundle, out/electron/*.cjs.
  const here = dirname(fileURLToPath(import.meta.url));
  return here.endsWith(join('electron', 'hub')) ? resolve(here, '../../out/renderer') : resolve(here, '../renderer');
}

/** resources/video at the checkout's root; from a bundle (out/electron) the same two levels up. */
function defaultMediaDir(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '../../resources/video');
}

async function ensureDemoAccounts(store: StoreClient, log: (line: string) => void): Promise<void> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (await store.credentialsOf(account.username)) continue;
    await store.createUser({ id: randomUUID(), ...account, passwordHash: await hashPassword(DEMO_PASSWORD) }, SYSTEM);
    created.push(account.username);
  }
  const names = DEMO_ACCOUNTS.map((a) => a.username).join(', ');
  log(`Demo mode: accounts ${names} — password "${DEMO_PASSWORD}"${created.length ? ` (created ${created.length} now)` : ''}.`);
}

/** The user wall windows run as: the first wall account, else a display account made for it. */
async function wallUser(store: StoreClient): Promise<User> {
  const [existing] = await store.users('wall');
  if (existing) return existing;
  return (await store.createUser({ id: randomUUID(), username: 'wall-display', name: '大屏', role: 'wall', passwordHash: null }, SYSTEM)).user;
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  mkdirSync(options.dataDir, { recursive: true });
  const store = await openStoreClient(join(options.dataDir, DATABASE_FILE));
  try {
    if (options.demo) await ensureDemoAccounts(store, log);
    if (options.demo && options.demoTown !== false) await ensureDemoTown(store, log);
  } catch (error) {
    await store.close();
    throw error;
  }
  let journalSeq = await store.journalSeq();
  const sessions = new Sessions(store);
  const stream = new JournalStream(store, sessions, () => journalSeq);
  store.onAppended((entries) => {
    journalSeq = entries[entries.length - 1]?.seq ?? journalSeq;
    stream.publish(entries);
  });
  const mode: HubMode = 'primary';
  const server = createHubServer(handlers(store, sessions, { mode, journalSeq: () => journalSeq }), sessions, stream, options.rendererDir ?? defaultRendererDir(), options.mediaDir ?? defaultMediaDir());

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  // SLA clocks are derived from the journal; this only looks at them regularly, so an
  // escalation due while the hub was down is issued as soon as it is back.
  const escalate = () => void store.escalateDue().catch((error: unknown) => log(`SLA check failed: ${(error as Error).message}`));
  escalate();
  const slaTimer = setInterval(escalate, options.slaCheckMs ?? 15_000);
  slaTimer.unref();
  const port = (server.address() as AddressInfo).port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shownHost}:${port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port,
    mode,
    issueWindowSession: async (kind) => {
      if (!isWallKind(kind)) throw new Error(`A ${kind} window signs in with its operator's own account.`);
      return sessions.open(await wallUser(store));
    },
    close: () =>
      (closing ??= (async () => {
        clearInterval(slaTimer);
        stream.close();
        await new Promise<void>((done) => {
          server.close(() => done());
          server.closeAllConnections();
        });
        await store.close();
      })()),
  };
}
