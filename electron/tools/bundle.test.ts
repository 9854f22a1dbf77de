import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleElectron } from './bundle';

function scratch(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'dutydeck-bundle-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('bundleElectron', () => {
  it('bundles what exists to CommonJS and skips a missing entry with a warning', async () => {
    const root = scratch({ 'src/main.ts': "import { join } from 'node:path';\nexport const here = join(import.meta.dirname, 'x') + import.meta.url;\n" });
    const warnings: string[] = [];
    const result = await bundleElectron(
      root,
      [
        { source: 'src/main.ts', output: 'out/main.cjs' },
        { source: 'src/worker.ts', output: 'out/worker.cjs' },
      ],
      (line) => warnings.push(line),
    );
    expect(result).toEqual({ built: ['out/main.cjs'], skipped: ['out/worker.cjs'] });
    expect(warnings).toEqual([expect.stringContaining('src/worker.ts does not exist yet')]);
    // import.meta points at the bundle itself, so code can find files beside it.
    const mod = (await import(join(root, 'out/main.cjs'))) as { default: { here: string } };
    expect(mod.default.here).toContain(join(root, 'out', 'x'));
    expect(mod.default.here).toContain('file://');
    expect(existsSync(join(root, 'out/worker.cjs'))).toBe(false);
  });

  it('refuses a preload that requires anything but electron (the sandbox would fail it)', async () => {
    const root = scratch({ 'p.ts': "import { readFileSync } from 'node:fs';\nimport { contextBridge } from 'electron';\ncontextBridge.exposeInMainWorld('x', readFileSync);\n" });
    await expect(bundleElectron(root, [{ source: 'p.ts', output: 'p.cjs', preload: true }], () => {})).rejects.toThrow(/node:fs/);
  });

  it("bundles the real preload into one file that requires only 'electron'", async () => {
    const repo = join(import.meta.dirname, '..', '..');
    const out = mkdtempSync(join(tmpdir(), 'dutydeck-preload-'));
    const output = join(out, 'preload.cjs');
    await bundleElectron(repo, [{ source: 'electron/preload/preload.ts', output, preload: true }], () => {});
    const code = readFileSync(output, 'utf8');
    expect([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });
});
