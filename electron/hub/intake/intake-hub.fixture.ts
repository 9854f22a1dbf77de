// A hub for intake tests: a small generated town imported beforehand (so addresses
// geocode), demo accounts and keys, and an iot account whose callbacks go to a local server.
import { demoCode } from '../../../e2e/support/second-factor';
import { mkdtempSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Address } from '../../../shared/town';
import { startHub, DATABASE_FILE, type RunningHub } from '../hub';
import { Store } from '../store/store';
import { generateTown } from '../town/generate';
import { apiKeyHash } from './keys';

export const IOT_KEY = 'test-iot-key-0123456789';
export const CALLBACK_SECRET = 'test-callback-secret';

export interface Received {
  body: string;
  signature: string | undefined;
}

export interface CallbackReceiver {
  url: string;
  received: Received[];
  /** Status the receiver answers with (500 to make deliveries fail). */
  status: number;
  close(): Promise<void>;
}

export async function callbackReceiver(): Promise<CallbackReceiver> {
  const receiver = { received: [] as Received[], status: 200 } as CallbackReceiver;
  const server: Server = createServer((request: IncomingMessage, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const signature = request.headers['x-dutydeck-signature'];
      receiver.received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: typeof signature === 'string' ? signature : undefined });
      response.writeHead(receiver.status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/dutydeck/notices`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

/** Answers are read loosely in tests: whatever JSON came back. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export interface IntakeHub {
  hub: RunningHub;
  addresses: Address[];
  api(path: string, init?: RequestInit & { key?: string; token?: string }): Promise<{ status: number; headers: Headers; body: Json }>;
  login(username: string): Promise<string>;
  journalSeq(): Promise<number>;
}

export async function startIntakeHub(callbackUrl: string, options: { limits?: { perChannel: number; total: number } } = {}): Promise<IntakeHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-intake-'));
  const town = generateTown(1, { addresses: 3000, enterprises: 200, sites: 10 });
  const store = new Store(join(dataDir, DATABASE_FILE));
  const system = { userId: 'test', role: 'system' } as const;
  store.write.importTown(town, 'test', 'wgs84', system);
  store.write.createIntegration({ userId: 'integration-iot-user', channel: 'iot', keyHash: apiKeyHash(IOT_KEY), callbackUrl, callbackSecret: CALLBACK_SECRET }, system);
  store.close();
  const hub = await startHub({
    dataDir,
    port: 0,
    demo: true,
    demoTown: false,
    demoHistoryDays: 0,
    log: () => {},
    intake: { callbacks: { attempts: 2, baseDelayMs: 20, timeoutMs: 2_000 }, ...(options.limits ? { limits: options.limits } : {}) },
  });
  const api: IntakeHub['api'] = async (path, init = {}) => {
    const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
    if (init.key) headers.authorization = `Bearer ${init.key}`;
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (typeof init.body === 'string' && !headers['content-type']) headers['content-type'] = 'application/json';
    const response = await fetch(`${hub.url}${path}`, { ...init, headers });
    const text = await response.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body };
  };
  const login = async (username: string) => {
    const code = await demoCode(dataDir, username);
    return (await api('/api/v1/sessions', { method: 'POST', body: JSON.stringify({ username, password: 'dutydeck-demo', ...(code ? { code } : {}) }) })).body.token as string;
  };
  // The hub checks each new incident for duplicates right after its report commits, in a
  // store call of its own: the seq is read once that has landed (two reads 150 ms apart agree).
  const journalSeq = async () => {
    const read = async () => (await api('/api/v1/health')).body.journalSeq as number;
    for (let seq = await read(); ; ) {
      await new Promise((done) => setTimeout(done, 150));
      const again = await read();
      if (again === seq) return seq;
      seq = again;
    }
  };
  return { hub, addresses: town.addresses, api, login, journalSeq };
}
