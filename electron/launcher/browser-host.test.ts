// The browser host end to end with a stand-in browser: a script that records how it was
// launched and exits, as a user closing the window would. (No Chromium on this machine.)
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');

function runHost(args: Record<string, unknown>, env: Record<string, string | undefined>) {
  const code = `import('./electron/launcher/browser-host.ts').then((m) => m.runBrowserHost(${JSON.stringify(args)}, ${JSON.stringify(repo)}))`;
  return spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: repo, env: { ...process.env, DUTYDECK_DEMO_HISTORY_DAYS: '0', ...env }, encoding: 'utf8', timeout: 30_000 });
}

const baseArgs = (dataDir: string) => ({ dataDir, port: 0, host: '127.0.0.1', demo: false, open: true, console: 'seat', walls: true, help: false, unknown: [] });

describe('browser host', () => {
  it.skipIf(process.platform === 'win32')('opens one app window per planned window, walls signed in, and stops the hub when they all close', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutydeck-host-'));
    const calls = join(dir, 'calls');
    const browser = join(dir, 'fake-chromium');
    writeFileSync(browser, `#!/bin/sh\nprintf '%s\\n' "$@" > "${calls}.$$"\nsleep 1\n`);
    chmodSync(browser, 0o755);
    const dataDir = join(dir, 'data');
    const run = runHost(baseArgs(dataDir), { CHROME_PATH: browser, DISPLAY: ':99' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('starting with the demo data');
    expect(run.stdout).toContain('All DutyDeck windows closed; stopping the hub.');

    const launches = readdirSync(dir)
      .filter((f) => f.startsWith('calls.'))
      .map((f) => readFileSync(join(dir, f), 'utf8').trim().split('\n'));
    expect(launches).toHaveLength(4);
    const app = (argv: string[]) => argv.find((a) => a.startsWith('--app='))!.slice('--app='.length);
    const urls = launches.map(app).sort();
    expect(urls[0]).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?window=seat$/);
    // Wall windows get a one-time pairing code, never a session token.
    for (const url of urls.slice(1)) expect(url).toMatch(/\/\?window=wall-(map|video|board)#pair=[A-Za-z0-9_-]{32}$/);
    expect(urls.join('\n')).not.toContain('token');
    for (const argv of launches) {
      const kind = new URL(app(argv)).searchParams.get('window');
      expect(argv).toContain(`--user-data-dir=${join(dataDir, 'chromium-profile', kind!)}`);
      expect(argv).toContain('--no-first-run');
    }
    // The hub closed its database cleanly: no write-ahead log left behind.
    expect(existsSync(join(dataDir, 'dutydeck.sqlite'))).toBe(true);
    expect(existsSync(join(dataDir, 'dutydeck.sqlite-wal'))).toBe(false);
  });

  it('prints the window URLs when there is no display to open them on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutydeck-host-'));
    // Without a display it keeps serving; the timeout ends it, after the URLs are out.
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', `import('./electron/launcher/browser-host.ts').then((m) => m.runBrowserHost(${JSON.stringify(baseArgs(join(dir, 'data')))}, ${JSON.stringify(repo)})).then(() => setTimeout(() => process.exit(0), 300))`],
      { cwd: repo, env: { ...process.env, DUTYDECK_DEMO_HISTORY_DAYS: '0', DISPLAY: '', WAYLAND_DISPLAY: '', CHROME_PATH: '/nonexistent' }, encoding: 'utf8', timeout: 30_000 },
    );
    const lines = run.stdout.trim().split('\n');
    expect(lines.some((l) => l.includes('no display'))).toBe(true);
    const urls = lines.filter((l) => l.startsWith('http://'));
    expect(urls).toHaveLength(4);
    // Printed URLs carry no token and no pairing code: nothing secret in a terminal.
    expect(urls.every((u) => !u.includes('#'))).toBe(true);
    expect(run.stdout).not.toMatch(/token=|pair=/);
  });
});
