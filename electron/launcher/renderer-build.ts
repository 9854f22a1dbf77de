// `npm start` builds the renderer only when it is missing or older than its sources, so a
// second start is instant and an edit to renderer/ or shared/ is never served stale.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const RENDERER_INDEX = join('out', 'renderer', 'index.html');
const SOURCE_DIRS = ['renderer', 'shared'];
const SKIP_DIRS = new Set(['node_modules', '.vite', 'dist']);

/** The newest modification time of any source file under the folders, tests excluded. */
export function newestSourceMtime(dirs: readonly string[]): number {
  let newest = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(path);
      } else if (entry.isFile() && !/\.test\.tsx?$/.test(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs);
      }
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return newest;
}

export function rendererBuildNeeded(root: string): boolean {
  const index = join(root, RENDERER_INDEX);
  if (!existsSync(index)) return true;
  return statSync(index).mtimeMs < newestSourceMtime(SOURCE_DIRS.map((d) => join(root, d)));
}

/** Runs `vite build` quietly; its output is shown only when it fails. */
export function buildRenderer(root: string): Promise<void> {
  const config = join('renderer', 'vite.config.ts');
  if (!existsSync(join(root, config))) {
    return Promise.reject(new Error(`Cannot build the renderer: ${config} does not exist.`));
  }
  // vite's own bin under this Node, not `npx`: no npx.cmd shim issue on Windows, no lookup.
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vite, 'build', '--config', config], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`Renderer build failed (vite exited with ${code}):\n${output}`));
    });
  });
}
