import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { readLayout, writeLayout } from './layout-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dutydeck-layout-'));
});

describe('layout store', () => {
  it('reads back what it wrote', async () => {
    const file = join(dir, 'nested', 'window-layout.json');
    const layout = { windows: { seat: { displayId: 1, bounds: { x: 0, y: 0, width: 800, height: 600 } }, 'wall-map': { displayId: 2 } } };
    await writeLayout(file, layout);
    expect(await readLayout(file)).toEqual(layout);
    expect(JSON.parse(await readFile(file, 'utf8'))).toMatchObject({ version: 1 });
  });

  it('starts from the default layout when there is no file yet, without a warning', async () => {
    const warnings: string[] = [];
    expect(await readLayout(join(dir, 'missing.json'), (l) => warnings.push(l))).toEqual({ windows: {} });
    expect(warnings).toEqual([]);
  });

  it.each([
    ['broken JSON', '{"version": 1, "windows": '],
    ['an unknown window kind', '{"version": 1, "windows": {"kitchen": {"displayId": 1}}}'],
    ['a negative size', '{"version": 1, "windows": {"seat": {"displayId": 1, "bounds": {"x": 0, "y": 0, "width": -5, "height": 10}}}}'],
    ['a future version', '{"version": 2, "windows": {}}'],
    ['not an object', '[1, 2, 3]'],
  ])('ignores a file with %s and warns', async (_name, text) => {
    const file = join(dir, 'window-layout.json');
    await writeFile(file, text);
    const warnings: string[] = [];
    expect(await readLayout(file, (l) => warnings.push(l))).toEqual({ windows: {} });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
  });
});
