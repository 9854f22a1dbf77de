import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHub } from '../hub/hub';
import { Store } from '../hub/store/store';

function cli(args: string[], input = '') {
  return spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/dutydeck.ts', ...args], { input, encoding: 'utf8' });
}

describe('dutydeck CLI', () => {
  it('makes the first admin of a new room, who can then sign in to a hub', async () => {
    const data = mkdtempSync(join(tmpdir(), 'dutydeck-cli-'));
    const added = cli(['users', 'add', '--data', data, '--role', 'admin', '--username', 'chief', '--name', '管理员'], 'a-long-password\n');
    expect(added.stderr).toBe('');
    expect(added.stdout).toMatch(/Created admin chief/);
    expect(cli(['users', 'list', '--data', data]).stdout).toMatch(/admin\s+chief\s+管理员/);

    const hub = await startHub({ dataDir: data, port: 0, log: () => {} });
    try {
      const response = await fetch(`${hub.url}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'chief', password: 'a-long-password' }),
      });
      expect(response.status).toBe(201);
    } finally {
      await hub.close();
    }
  });

  it('refuses a bad role with the usage, and a short password', () => {
    const data = mkdtempSync(join(tmpdir(), 'dutydeck-cli-'));
    const badRole = cli(['users', 'add', '--data', data, '--role', 'boss', '--username', 'x1']);
    expect(badRole.status).toBe(2);
    expect(badRole.stderr).toMatch(/--role must be one of/);
    const short = cli(['users', 'add', '--data', data, '--role', 'operator', '--username', 'op'], 'short\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toMatch(/at least 10 characters/);
  });

  it('binds a region head to a region and a unit account to a unit of the town', async () => {
    const data = mkdtempSync(join(tmpdir(), 'dutydeck-cli-'));
    const hub = await startHub({ dataDir: data, port: 0, demo: true, demoHistoryDays: 0, log: () => {} });
    await hub.close();
    const store = new Store(join(data, 'dutydeck.sqlite'));
    store.loadImportedTown();
    const [jointRegion] = store.town.regions('jointEnforcement');
    const [unit] = store.duty.units();
    store.close();
    expect(cli(['users', 'add', '--data', data, '--role', 'unit', '--username', 'team-a'], 'a-long-password\n').stderr).toMatch(/needs --unit/);
    expect(cli(['users', 'add', '--data', data, '--role', 'unit', '--username', 'team-a', '--unit', 'no-such-unit'], 'a-long-password\n').stderr).toMatch(/No unit no-such-unit/);
    expect(cli(['users', 'add', '--data', data, '--role', 'unit', '--username', 'team-a', '--unit', unit!.id], 'a-long-password\n').stdout).toMatch(/Created unit team-a/);
    expect(cli(['users', 'add', '--data', data, '--role', 'regionHead', '--username', 'head-b', '--region', jointRegion!.id], 'a-long-password\n').stdout).toMatch(/Created regionHead head-b/);
    const check = new Store(join(data, 'dutydeck.sqlite'));
    const users = check.access.users();
    check.close();
    expect(users.find((u) => u.username === 'team-a')).toMatchObject({ unitId: unit!.id });
    expect(users.find((u) => u.username === 'head-b')).toMatchObject({ regionId: jointRegion!.id });
  }, 90_000);

  it('verifies the journal and names the first broken entry', () => {
    const data = mkdtempSync(join(tmpdir(), 'dutydeck-cli-'));
    for (const name of ['op-a', 'op-b', 'op-c']) cli(['users', 'add', '--data', data, '--role', 'operator', '--username', name], 'a-long-password\n');
    expect(execFileSync(process.execPath, ['--import', 'tsx', 'electron/cli/dutydeck.ts', 'verify', '--data', data], { encoding: 'utf8' })).toMatch(/OK: 3 journal entries/);
    const store = new Store(join(data, 'dutydeck.sqlite'));
    store.db.prepare("UPDATE journal SET actor = 'intruder' WHERE seq = 2").run();
    store.close();
    const broken = cli(['verify', '--data', data]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/BROKEN at journal entry 2/);
  });

  it('verifies a room a hub closed cleanly as signed to its end, and finds its last entries removed', async () => {
    const data = mkdtempSync(join(tmpdir(), 'dutydeck-cli-'));
    for (const name of ['op-a', 'op-b']) cli(['users', 'add', '--data', data, '--role', 'operator', '--username', name], 'a-long-password\n');
    const hub = await startHub({ dataDir: data, port: 0, log: () => {} });
    await hub.close();
    const clean = cli(['verify', '--data', data]);
    expect(clean.stdout).toMatch(/^OK: 3 journal entries, hash chain intact\.\nOK: 1 signed checkpoints verify with key [0-9a-f]{16}; they cover entries 1–3\.\nOK: the 12 projection tables match a rebuild from the journal\.\n$/);
    expect(clean.status).toBe(0);

    const store = new Store(join(data, 'dutydeck.sqlite'));
    store.db.prepare('DELETE FROM journal WHERE seq > 1').run();
    store.close();
    const truncated = cli(['verify', '--data', data]);
    expect(truncated.status).toBe(1);
    expect(truncated.stdout).toMatch(/TRUNCATED: the journal ends at entry 1, but entry 2 was signed .*entries 2–3 were removed\./);
    // The users the removed entries made are still in their table: the rebuild says so too.
    expect(truncated.stdout).toMatch(/PROJECTION differs from the journal: users row id="[^"]+" is in the table, but no journal entry makes it\./);
    expect(truncated.stdout).toMatch(/FAILED: 2 findings\./);
  }, 60_000);

  it('journals export and backup with who ran them, where they wrote and each file\'s SHA-256; verify still passes', () => {
    const data = mkdtempSync(join(tmpdir(), 'dutydeck-cli-'));
    const townDir = join(data, '..', `${data.split('/').pop()}-town`);
    expect(cli(['town', '--seed', '3', '--out', townDir]).status).toBe(0);
    expect(cli(['import', '--data', data, '--from', townDir]).status).toBe(0);
    cli(['users', 'add', '--data', data, '--role', 'admin', '--username', 'chief'], 'a-long-password\n');
    const before = new Store(join(data, 'dutydeck.sqlite'));
    const seqBefore = before.journal.seq();
    before.close();

    const refused = cli(['export', '--data', data, '--out', join(data, 'out-town'), '--as', 'nobody']);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/--as nobody: there is no such account/);

    const exportDir = join(data, 'out-town');
    const exported = cli(['export', '--data', data, '--out', exportDir, '--as', 'chief']);
    expect(exported.stderr).toBe('');
    expect(exported.stdout).toMatch(/journal entry \d+ records the \d+ files and their SHA-256/);
    const backupFile = join(data, 'copy.sqlite');
    const backedUp = cli(['backup', '--data', data, '--out', backupFile]);
    expect(backedUp.stderr).toBe('');
    const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
    expect(backedUp.stdout).toContain(`SHA-256 ${sha256(backupFile)}`);

    const store = new Store(join(data, 'dutydeck.sqlite'));
    const entries = store.journal.page(seqBefore, 10).entries;
    store.close();
    expect(entries.map((e) => [e.type, e.actor])).toEqual([
      ['town.exported', 'cli'],
      ['database.backedUp', 'cli'],
    ]);
    const [exportEntry, backupEntry] = entries as Array<{ payload: any; seq: number }>;
    expect(exportEntry!.payload).toMatchObject({ command: 'export', target: exportDir, osUser: userInfo().username, account: 'chief', journalSeq: null });
    expect(exportEntry!.payload.files.length).toBeGreaterThan(3);
    for (const file of exportEntry!.payload.files) expect(file.sha256).toBe(sha256(file.path));
    expect(backupEntry!.payload).toMatchObject({ command: 'backup', target: backupFile, account: null, journalSeq: exportEntry!.seq, files: [{ path: backupFile, sha256: sha256(backupFile) }] });

    const verified = cli(['verify', '--data', data]);
    expect(verified.stdout).toMatch(/^OK: \d+ journal entries, hash chain intact\./);
    expect(verified.stdout).toMatch(/NOTE: No checkpoint signature covers the journal yet/);
    expect(verified.status).toBe(0);
  }, 90_000);

  it('after restoring an older backup, verifies the restored journal against its own last checkpoint', async () => {
    const data = mkdtempSync(join(tmpdir(), 'dutydeck-cli-'));
    cli(['users', 'add', '--data', data, '--role', 'operator', '--username', 'op-a'], 'a-long-password\n');
    await (await startHub({ dataDir: data, port: 0, log: () => {} })).close();
    const backupFile = join(data, 'older.sqlite');
    expect(cli(['backup', '--data', data, '--out', backupFile]).status).toBe(0);
    cli(['users', 'add', '--data', data, '--role', 'operator', '--username', 'op-b'], 'a-long-password\n');
    await (await startHub({ dataDir: data, port: 0, log: () => {} })).close();

    const restored = cli(['restore', '--data', data, '--from', backupFile]);
    expect(restored.stdout).toMatch(/The last signed checkpoint before the restore is kept as .*last-checkpoint\.json\.before-restore-/);
    const verified = cli(['verify', '--data', data]);
    expect(verified.stdout).toMatch(/^OK: 2 journal entries, hash chain intact\.\nOK: 1 signed checkpoints verify/);
    expect(verified.status).toBe(0);
  }, 60_000);
});
