// A duty-room server installs with `npm ci --omit=dev` and runs the bundled hub with plain
// node: this builds the bundle, gives it a node_modules holding only the production
// dependencies of package-lock.json, and starts it.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleElectron } from './bundle';

const repo = join(__dirname, '..', '..');
let dir: string;

/** The packages `npm ci --omit=dev` installs at the top of node_modules. */
function productionPackages(): string[] {
  const lock = JSON.parse(readFileSync(join(repo, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean; devOptional?: boolean }> };
  return Object.entries(lock.packages)
    .filter(([path, meta]) => path.startsWith('node_modules/') && !path.slice('node_modules/'.length).includes('node_modules/') && !meta.dev && !meta.devOptional)
    .map(([path]) => path.slice('node_modules/'.length));
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dutydeck-server-'));
  await bundleElectron(
    repo,
    [
      { source: 'electron/hub/main.ts', output: join(dir, 'out', 'electron', 'hub.cjs') },
      { source: 'electron/hub/store/thread/worker.ts', output: join(dir, 'out', 'electron', 'store-worker.cjs') },
      { source: 'electron/hub/store/ops/maintenance-worker.ts', output: join(dir, 'out', 'electron', 'maintenance-worker.cjs') },
    ],
    () => {},
  );
  mkdirSync(join(dir, 'out', 'renderer'), { recursive: true });
  writeFileSync(join(dir, 'out', 'renderer', 'index.html'), '<!doctype html><title>DutyDeck</title>');
  for (const name of productionPackages()) {
    const target = join(dir, 'node_modules', name);
    mkdirSync(join(target, '..'), { recursive: true });
    symlinkSync(join(repo, 'node_modules', name), target, 'dir');
  }
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a server install', () => {
  it('has few production dependencies: the hub and the windows are bundled', () => {
    expect(productionPackages()).toContain('better-sqlite3');
    for (const bundled of ['fastify', 'zod', 'ws', 'tsx', 'echarts', 'pinyin-pro', 'otplib']) expect(productionPackages()).not.toContain(bundled);
  });

  it('runs the bundled hub with plain node and only those dependencies', async () => {
    const child = spawn(process.execPath, [join(dir, 'out', 'electron', 'hub.cjs'), '--data', join(dir, 'data'), '--port', '0', '--demo', '--demo-history', '0'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no start:\n${output}`)), 90_000);
        child.stdout.on('data', () => {
          const found = /listening on (\S+)/.exec(output);
          if (found) {
            clearTimeout(timer);
            resolve(found[1]!);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}:\n${output}`)));
      });
      const health = await fetch(`${url}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(((await health.json()) as { journalSeq: number }).journalSeq).toBeGreaterThan(0);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    expect(output).not.toMatch(/Cannot find module/);
  }, 120_000);
});
