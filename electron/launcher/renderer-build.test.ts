import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RENDERER_INDEX, rendererBuildNeeded } from './renderer-build';

function repo(): string {
  const root = mkdtempSync(join(tmpdir(), 'dutydeck-rb-'));
  for (const dir of ['renderer/src/features', 'shared', 'out/renderer']) mkdirSync(join(root, dir), { recursive: true });
  return root;
}
const touch = (path: string, seconds: number) => {
  writeFileSync(path, 'x');
  utimesSync(path, seconds, seconds);
};

describe('rendererBuildNeeded', () => {
  it('builds when there is no build yet', () => {
    expect(rendererBuildNeeded(repo())).toBe(true);
  });

  it('skips the build when the build is newer than every source', () => {
    const root = repo();
    touch(join(root, 'renderer/src/features/queue.tsx'), 1000);
    touch(join(root, 'shared/domain.ts'), 1000);
    touch(join(root, RENDERER_INDEX), 2000);
    expect(rendererBuildNeeded(root)).toBe(false);
  });

  it('rebuilds after a change deep in renderer/ or in shared/', () => {
    const root = repo();
    touch(join(root, RENDERER_INDEX), 2000);
    touch(join(root, 'renderer/src/features/queue.tsx'), 3000);
    expect(rendererBuildNeeded(root)).toBe(true);
    const root2 = repo();
    touch(join(root2, RENDERER_INDEX), 2000);
    touch(join(root2, 'shared/domain.ts'), 3000);
    expect(rendererBuildNeeded(root2)).toBe(true);
  });

  it('ignores edits to tests', () => {
    const root = repo();
    touch(join(root, RENDERER_INDEX), 2000);
    touch(join(root, 'shared/domain.test.ts'), 3000);
    expect(rendererBuildNeeded(root)).toBe(false);
  });
});
