import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// Lints source text as if it lived at a path, so the test needs no fixture files.
async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('layer boundaries', () => {
  it('refuse a renderer that imports the hub', async () => {
    const errors = await restrictedImports('renderer/src/x.ts', "import { x } from '../../electron/hub/hub';\nexport const y = x;\n");
    expect(errors.join()).toMatch(/may not import from electron/);
  });

  it('refuse a renderer that imports Node built-ins or Electron', async () => {
    const errors = await restrictedImports('renderer/src/x.ts', "import fs from 'node:fs';\nimport { ipcRenderer } from 'electron';\nexport const y = [fs, ipcRenderer];\n");
    expect(errors).toHaveLength(2);
  });

  it('refuse shared code that imports the renderer or Node', async () => {
    const errors = await restrictedImports('shared/x.ts', "import a from '../renderer/src/app';\nimport { createHash } from 'crypto';\nexport const y = [a, createHash];\n");
    expect(errors).toHaveLength(2);
  });

  it('refuse electron code that imports the renderer', async () => {
    const errors = await restrictedImports('electron/main/x.ts', "import a from '../../renderer/src/app';\nexport const y = a;\n");
    expect(errors.join()).toMatch(/may not import from renderer/);
  });

  it('keep better-sqlite3 inside the store', async () => {
    const outside = await restrictedImports('electron/hub/api/x.ts', "import Database from 'better-sqlite3';\nexport const y = Database;\n");
    expect(outside.join()).toMatch(/only by the store/);
    const inside = await restrictedImports('electron/hub/store/x.ts', "import Database from 'better-sqlite3';\nexport const y = Database;\n");
    expect(inside).toEqual([]);
  });

  it('refuse a sandboxed preload that imports Node or the hub', async () => {
    const errors = await restrictedImports('electron/preload/x.ts', "import fs from 'node:fs';\nimport { startHub } from '../hub/hub';\nexport const y = [fs, startHub];\n");
    expect(errors).toHaveLength(2);
  });

  it('let the hub import shared code', async () => {
    const errors = await restrictedImports('electron/hub/x.ts', "import { CATEGORIES } from '../../shared/taxonomy';\nexport const y = CATEGORIES;\n");
    expect(errors).toEqual([]);
  });
});

describe('regular expressions on untrusted text', () => {
  const rules = async (code: string) => {
    const [result] = await new ESLint({ cwd: process.cwd() }).lintText(code, { filePath: 'electron/hub/intake/x.ts' });
    return (result?.messages ?? []).map((m) => m.ruleId);
  };

  it('refuse a pattern that backtracks super-linearly', async () => {
    expect(await rules('export const y = /^(a+)+$/.test(process.argv[2] ?? "");\n')).toContain('regexp/no-super-linear-backtracking');
  });

  it('refuse a pattern that is retried from every position of a run', async () => {
    expect(await rules("export const y = (process.argv[2] ?? '').replace(/\\/+$/, '');\n")).toContain('regexp/no-super-linear-move');
  });
});
