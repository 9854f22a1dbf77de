import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    const [circle] = store.townRegions('jointEnforcement');
    const [unit] = store.units();
    store.close();
    expect(cli(['users', 'add', '--data', data, '--role', 'unit', '--username', 'team-a'], 'a-long-password\n').stderr).toMatch(/needs --unit/);
    expect(cli(['users', 'add', '--data', data, '--role', 'unit', '--username', 'team-a', '--unit', 'no-such-unit'], 'a-long-password\n').stderr).toMatch(/No unit no-such-unit/);
    expect(cli(['users', 'add', '--data', data, '--role', 'unit', '--username', 'team-a', '--unit', unit!.id], 'a-long-password\n').stdout).toMatch(/Created unit team-a/);
    expect(cli(['users', 'add', '--data', data, '--role', 'regionHead', '--username', 'head-b', '--region', circle!.id], 'a-long-password\n').stdout).toMatch(/Created regionHead head-b/);
    const check = new Store(join(data, 'dutydeck.sqlite'));
    const users = check.users();
    check.close();
    expect(users.find((u) => u.username === 'team-a')).toMatchObject({ unitId: unit!.id });
    expect(users.find((u) => u.username === 'head-b')).toMatchObject({ regionId: circle!.id });
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
});
