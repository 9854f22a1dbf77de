// The handover sheet as the hub serves it carries the digest of the checkpoint signed at the handover.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ShiftSchema } from '../../../shared/protocol/engine';
import { demoCode } from '../../../e2e/support/second-factor';
import { startHub, type RunningHub } from '../hub';
import { KEY_DIR, PUBLIC_KEY_FILE, readPublicKey } from '../store/ops/checkpoint-key';

let hub: RunningHub;
let dataDir: string;

async function api(path: string, token?: string, body?: unknown): Promise<any> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch(`${hub.url}/api/v1${path}`, { method: body === undefined ? 'GET' : 'POST', headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(response.status, path).toBeLessThan(300);
  return response.json();
}

const signIn = async (username: string) => {
  const code = await demoCode(dataDir, username);
  return (await api('/sessions', undefined, { username, password: 'dutydeck-demo', ...(code ? { code } : {}) })) as { token: string; user: { id: string } };
};

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-handover-'));
  hub = await startHub({ dataDir, port: 0, demo: true, demoTown: false, log: () => {} });
});

afterAll(async () => {
  await hub.close();
});

describe('GET /shift', () => {
  it('serves the handover sheet with the signed head digest of its checkpoint', async () => {
    const outgoing = await signIn('commander1');
    const incoming = await signIn('commander2');
    await api('/commands', outgoing.token, { type: 'shift.start', payload: {}, idempotencyKey: 'digest-shift-1' });
    await api('/commands', outgoing.token, { type: 'shift.handover', payload: { incomingUserId: incoming.user.id, notes: '交接' }, idempotencyKey: 'digest-handover-1' });
    const shift = ShiftSchema.parse(await api('/shift', incoming.token));
    const checkpoint = shift.handovers[0]?.checkpoint;
    expect(checkpoint?.keyId).toBe(readPublicKey(join(dataDir, KEY_DIR, PUBLIC_KEY_FILE)).keyId);
    const page = (await api(`/journal?after=${checkpoint!.seq - 1}&limit=2`, outgoing.token)) as { entries: Array<{ seq: number; type: string; hash: string; payload: any }> };
    expect(page.entries.map((e) => [e.seq, e.type])).toEqual([
      [checkpoint!.seq, 'shift.handedOver'],
      [checkpoint!.seq + 1, 'journal.checkpointed'],
    ]);
    expect(page.entries[0]!.hash).toBe(checkpoint!.headHash);
    expect(page.entries[1]!.payload).toMatchObject({ reason: 'handover', seq: checkpoint!.seq, headHash: checkpoint!.headHash });
  });
});
