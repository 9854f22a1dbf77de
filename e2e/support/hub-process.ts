// A real hub in its own process, exactly as `npm run hub` starts it, serving the instrumented renderer.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The renderer e2e tests and benches load: the instrumented build (`npm run
 * build:renderer:instrumented`), whose window.__dutydeck* hooks they drive. The production
 * build in out/renderer has none.
 */
export const INSTRUMENTED_RENDERER_DIR = join(process.cwd(), 'out', 'renderer-instrumented');

export interface HubProcess {
  url: string;
  port: number;
  dataDir: string;
  pid: number;
  output: () => string;
  /** The process's exit code; null while it runs. */
  exitCode(): number | null;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startHubProcess(
  options: { dataDir?: string; port?: number; demo?: boolean; historyDays?: number; args?: string[]; env?: Record<string, string> } = {},
): Promise<HubProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'dutydeck-e2e-'));
  const args = ['--import', 'tsx', 'electron/hub/main.ts', '--data', dataDir, '--port', String(options.port ?? 0)];
  // No generated history unless a test asks: a year of it takes a while to import.
  if (options.demo ?? true) args.push('--demo', '--demo-history', String(options.historyDays ?? 0));
  args.push('--renderer', INSTRUMENTED_RENDERER_DIR);
  // More flags (a replica's --primary, say) and environment (its password) where a test needs them.
  args.push(...(options.args ?? []));
  const child: ChildProcess = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not start:\n${output}`)), 30_000);
    const onData = () => {
      const found = /DutyDeck hub listening on (https?:\/\/\S+)/.exec(output);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    port: Number(new URL(url).port),
    dataDir,
    pid: child.pid!,
    output: () => output,
    exitCode: () => child.exitCode ?? (child.signalCode ? -1 : null),
    stop: (signal = 'SIGTERM') =>
      new Promise((resolve) => {
        if (child.exitCode !== null) {
          resolve(child.exitCode);
          return;
        }
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
