import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { noiseReport, operator, tempStoreFile, TEST_NOW, testStores, wall } from '../store.fixture';
import { Journal } from './journal';
import { Projections } from './projections';
import { Writer } from './writer';

const openStore = testStores('writer');
const report = (key: string) => noiseReport(key);

describe('the writer', () => {
  it('hands over what committed, without what a refused command rolled back', () => {
    const store = openStore();
    store.keepAppended();
    store.executeBatch([
      { envelope: report('w-1'), actor: operator },
      { envelope: report('w-2'), actor: wall },
      { envelope: report('w-3'), actor: operator },
    ]);
    const { entries } = store.takeAppended();
    expect(entries.map((e) => e.seq)).toEqual([1, 2]);
    expect(entries.map((e) => e.seq)).toEqual(store.journal.page(0, 10).entries.map((e) => e.seq));
    expect(store.takeAppended().entries).toEqual([]);
  });

  it('forgets what a failed transaction appended, and keeps what its committed savepoint did once the whole commits', () => {
    const db = openDatabase(tempStoreFile('writer'));
    const writer = new Writer(db, new Journal(db), new Projections(db), TEST_NOW);
    writer.keepAppended();
    const user = (id: string) => ({ time: '2026-11-22T02:00:00.000Z', actor: 'cli', role: 'system' as const, type: 'user.created', payload: { user: { id, username: id, name: id, role: 'operator', regionId: null, unitId: null } } });
    try {
      expect(() =>
        writer.transaction(() => {
          writer.append(user('a'));
          throw new Error('refused');
        }),
      ).toThrow('refused');
      writer.transaction(() => {
        writer.transaction(() => writer.append(user('b')));
        expect(() => writer.transaction(() => [writer.append(user('c')), writer.append(user('c'))])).toThrow();
      });
      const { entries } = writer.takeAppended();
      expect(entries.map((e) => [e.seq, (e.payload as { user: { id: string } }).user.id])).toEqual([[1, 'b']]);
      expect(new Journal(db).lastSeq()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('keeps nothing for a store nobody announces from (the CLI, a test)', () => {
    const store = openStore();
    store.execute(report('w-1'), operator);
    expect(store.takeAppended().entries).toEqual([]);
  });
});
