import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importsOf } from './import-graph';

const repo = join(__dirname, '..', '..');

describe('the import graph', () => {
  it('has no cycle anywhere in the tree', () => {
    expect(importCycles(repo, ['shared', 'electron', 'renderer/src', 'bench', 'e2e'])).toEqual([]);
  });

  it('finds a cycle, also one made of type imports only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dutydeck-cycles-'));
    mkdirSync(join(dir, 'src'));
    writeFileSync(join(dir, 'src', 'a.ts'), "import { b } from './b';\nexport const a = b;\n");
    writeFileSync(join(dir, 'src', 'b.ts'), "import type { C } from './c';\nexport const b: C = 1;\n");
    writeFileSync(join(dir, 'src', 'c.ts'), "export type { A } from './a';\nexport type C = number;\n");
    writeFileSync(join(dir, 'src', 'd.ts'), "import { a } from './a';\nexport const d = a;\n");
    expect(importCycles(dir, ['src'])).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts']]);
    expect(importCycles(dir, ['src'], false)).toEqual([]);
  });

  it('reads imports, re-exports and type-only names', () => {
    const text = "import x from './x';\nimport { type T } from './t';\nexport * from './s';\nimport 'side-effect';\nconst y = 1;\n";
    expect(importsOf('f.ts', text)).toEqual(['./x', './t', './s', 'side-effect']);
    expect(importsOf('f.ts', text, false)).toEqual(['./x', './s', 'side-effect']);
  });
});
