import { describe, expect, it } from 'vitest';
import type { Actor } from '../../engine/actor';
import { servedBy } from '../store';
import { noiseReport, operator, tempStoreFile, testStores, wall } from '../store.fixture';
import { openStoreClient } from './client';

const tempFile = () => tempStoreFile('worker');
const openStore = testStores('worker');
const report = noiseReport;

describe('store worker', () => {
  it('serves commands off the calling thread and announces what it appended', async () => {
    const client = await openStoreClient(tempFile());
    try {
      const announced: number[] = [];
      client.onAppended((entries) => announced.push(...entries.map((e) => e.seq)));
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) => client.execute(report(`worker-key-${i}`), operator)),
      );
      expect(results.map((r) => r.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await expect(client.execute(report('worker-key-x'), wall)).rejects.toMatchObject({ error: { code: 'forbidden' } });
      expect(await client.journal.seq()).toBe(20);
      expect(announced).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect(await client.journal.verify()).toBeNull();
    } finally {
      await client.close();
    }
  });

  it('announces entries another process appended before its own, so the stream and replicas see no gap', async () => {
    const file = tempFile();
    const client = await openStoreClient(file);
    const heard: Array<[number, string]> = [];
    client.onAppended((entries) => heard.push(...entries.map((e): [number, string] => [e.seq, e.type])));
    try {
      // The CLI beside a running hub: its own connection to the same file.
      const cli = openStore(file);
      cli.write.createUser({ id: 'u-cli', username: 'by-cli', name: 'by-cli', role: 'operator', passwordHash: null }, { userId: 'cli', role: 'system' });
      await client.execute(report('key-foreign-1'), operator);
    } finally {
      await client.close();
    }
    expect(heard).toEqual([
      [1, 'user.created'],
      [2, 'incident.reported'],
    ]);
  });

  it('offers the hub exactly the read models and write calls the store serves', async () => {
    const client = await openStoreClient(tempFile());
    try {
      const served = servedBy(openStore());
      const names = (calls: object) => Object.keys(calls).sort();
      for (const [namespace, calls] of Object.entries(served)) {
        expect(names((client as unknown as Record<string, object>)[namespace]!), namespace).toEqual(names(calls));
      }
      expect((await client.incidents.list('all', 10)).length).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('announces what a write call appended before it answers, and nothing for a refused one', async () => {
    const client = await openStoreClient(tempFile());
    const heard: string[] = [];
    client.onAppended((entries) => heard.push(...entries.map((e) => `${e.seq} ${e.type}`)));
    try {
      const system: Actor = { userId: 'system', role: 'system' };
      await client.write.createUser({ id: 'u1', username: 'one', name: 'one', role: 'operator', passwordHash: null }, system);
      heard.push('answered');
      await expect(client.write.createUser({ id: 'u2', username: 'one', name: 'two', role: 'operator', passwordHash: null }, system)).rejects.toThrow(/exists already/);
      await client.write.signInFailed({ username: 'one', userId: 'u1', address: null, reason: 'wrongPassword' }, { maxFailures: 5, lockUntil: '2026-11-22T03:00:00Z' });
      heard.push('answered');
    } finally {
      await client.close();
    }
    expect(heard).toEqual(['1 user.created', 'answered', '2 session.signInFailed', 'answered']);
  });

  it('does not announce an import, nor page it in with the next entry', async () => {
    const client = await openStoreClient(tempFile());
    const heard: number[] = [];
    client.onAppended((entries) => heard.push(...entries.map((e) => e.seq)));
    try {
      const user = (id: string) => ({ time: '2026-11-01T00:00:00.000Z', type: 'user.created', payload: { user: { id, username: id, name: id, role: 'operator', regionId: null, unitId: null } } });
      expect(await client.write.importEntries([user('a'), user('b'), user('c')], 'import')).toBe(3);
      await client.execute(report('after-import'), operator);
    } finally {
      await client.close();
    }
    expect(heard).toEqual([4]);
  });
});
