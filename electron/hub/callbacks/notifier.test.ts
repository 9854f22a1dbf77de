// A status notice owed when the hub stops without a goodbye (kill -9, power cut) is sent
// when it starts again, with the same delivery id; one already delivered is not.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeyHash } from '../intake/keys';
import { openStoreClient, type StoreClient } from '../store/thread/client';
import { Store } from '../store/store';
import { CallbackNotifier, deliveryId } from './notifier';

interface Received {
  body: string;
  delivery: string;
}

let server: Server;
let status = 500;
const received: Received[] = [];
let url: string;
let file: string;

const commander = { userId: 'u-commander', role: 'commander' as const, regionId: null, unitId: null };
const source = { userId: 'integration-iot-user', role: 'integration' as const, channel: 'iot' as const };

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      received.push({ body, delivery: String(request.headers['x-dutydeck-delivery']) });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/notices`;

  file = join(mkdtempSync(join(tmpdir(), 'dutydeck-notifier-')), 'dutydeck.sqlite');
  const store = new Store(file);
  const system = { userId: 'test', role: 'system' } as const;
  store.write.createIntegration({ userId: source.userId, channel: 'iot', keyHash: apiKeyHash('dutydeck-test-iot-key'), callbackUrl: url, callbackSecret: null }, system);
  store.write.createUser({ id: commander.userId, username: 'commander', name: '指挥长', role: 'commander', passwordHash: null }, system);
  const reported = store.execute(
    { type: 'incident.report', idempotencyKey: 'ingest:iot:SENSOR-7', payload: { channel: 'iot', category: 'fireHazard', title: '烟感报警', location: { lon: 120.08, lat: 30.33 } } },
    source,
  );
  if (!reported.ok) throw new Error(reported.error.message);
  store.close();
});

afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()));
});

async function triage(store: StoreClient): Promise<number> {
  const [incident] = await store.incidents.list('open', 1);
  const result = await store.execute({ type: 'incident.triage', idempotencyKey: 'notifier-test-triage', payload: { incidentId: incident!.id, category: 'fireHazard', priority: 'P2', lead: 'emergencyManagement' } }, commander);
  return result.seq;
}

describe('status callbacks across a crash', () => {
  it('sends a notice that was owed at the crash when the hub starts again, once', async () => {
    const store = await openStoreClient(file);
    try {
      // The first run: the source is down, and the hub dies while the notice waits for a retry.
      const first = new CallbackNotifier(store, { attempts: 5, baseDelayMs: 3_600_000 });
      await first.loadCallbacks();
      expect(await first.resume()).toBe(0); // the first start owes nothing for history
      store.onAppended((entries) => first.onEntries(entries));
      const seq = await triage(store);
      await expect.poll(() => received.length).toBe(1);
      await new Promise((done) => setTimeout(done, 400)); // past the cursor's save delay
      expect(await store.intake.callbackCursor()).toBe(seq - 1);

      // The next run, with the source back.
      status = 200;
      const second = new CallbackNotifier(store, { attempts: 5, baseDelayMs: 20 });
      await second.loadCallbacks();
      expect(await second.resume()).toBe(1);
      await expect.poll(() => received.length).toBe(2);
      const [failed, resent] = received;
      expect(JSON.parse(resent!.body)).toMatchObject({ externalId: 'SENSOR-7', state: 'triaged' });
      expect(resent!.delivery).toBe(failed!.delivery);
      expect(resent!.delivery).toBe(deliveryId(resent!.body));
      await expect.poll(() => store.intake.callbackCursor()).toBe(seq);
      await second.stop();

      // And the run after that owes nothing.
      const third = new CallbackNotifier(store, { attempts: 5, baseDelayMs: 20 });
      await third.loadCallbacks();
      expect(await third.resume()).toBe(0);
      await third.stop();
      expect(received).toHaveLength(2);
      // The first run's retry is still waiting on its timer; it must not fire into the next test.
      await first.stop();
    } finally {
      await store.close();
    }
  });
});
