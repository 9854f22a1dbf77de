import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDatabase, backupName, pruneBackups, restoreDatabase } from './backup';
import { checkDatabase } from './integrity';
import { Store } from '../store';

const SYSTEM = { userId: 'system', role: 'system' } as const;

function storeWithUsers(dir: string, n: number): Store {
  const store = new Store(join(dir, 'dutydeck.sqlite'));
  for (let i = 0; i < n; i++) store.write.createUser({ id: `u${i}`, username: `user${i}`, name: `用户${i}`, role: 'operator', passwordHash: null }, SYSTEM);
  return store;
}

describe('backups', () => {
  it('copies a database that is open and being written, and the copy verifies', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutydeck-backup-'));
    const store = storeWithUsers(dir, 5);
    const out = join(dir, 'backups', backupName(new Date('2025-01-02T03:04:05.678Z')));
    expect(out).toMatch(/dutydeck-20250102T030405Z\.sqlite$/);
    const { journalSeq } = await backupDatabase(join(dir, 'dutydeck.sqlite'), out);
    store.write.createUser({ id: 'late', username: 'late', name: 'late', role: 'operator', passwordHash: null }, SYSTEM);
    store.close();
    expect(journalSeq).toBe(5);
    expect(checkDatabase(out)).toMatchObject({ ok: true, journalSeq: 5 });
  });

  it('restores a backup over a database, keeping the replaced one, and refuses a broken backup', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutydeck-restore-'));
    const store = storeWithUsers(dir, 3);
    store.close();
    const out = join(dir, 'copy.sqlite');
    await backupDatabase(join(dir, 'dutydeck.sqlite'), out);
    const target = mkdtempSync(join(tmpdir(), 'dutydeck-target-'));
    storeWithUsers(target, 7).close();
    const { journalSeq, keptAs } = restoreDatabase(out, join(target, 'dutydeck.sqlite'));
    expect(journalSeq).toBe(3);
    expect(keptAs && existsSync(keptAs)).toBeTruthy();
    const bad = join(dir, 'bad.sqlite');
    writeFileSync(bad, 'not a database at all, just text');
    expect(() => restoreDatabase(bad, join(target, 'dutydeck.sqlite'))).toThrow(/not a sound DutyDeck database/);
    expect(checkDatabase(join(target, 'dutydeck.sqlite'))).toMatchObject({ ok: true, journalSeq: 3 });
  });

  it('keeps only the newest backups', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutydeck-prune-'));
    for (const h of ['01', '02', '03', '04']) writeFileSync(join(dir, `dutydeck-20250101T${h}0000Z.sqlite`), '');
    writeFileSync(join(dir, 'notes.txt'), '');
    pruneBackups(dir, 2);
    expect(readdirSync(dir).sort()).toEqual(['dutydeck-20250101T030000Z.sqlite', 'dutydeck-20250101T040000Z.sqlite', 'notes.txt']);
  });
});
