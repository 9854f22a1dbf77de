// The test hooks (window.__dutydeck*) are for e2e tests and benches only: the production
// renderer must not carry them, the instrumented one must. Reads what `npm test` has just built.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSTRUMENTED_RENDERER_DIR } from './support/hub-process';

const HOOKS = ['__dutydeckStream', '__dutydeckQueue', '__dutydeckWallMap'];

/** Every script of a build, by file name; a missing build is an error saying how to make it. */
function scripts(dir: string, build: string): Map<string, string> {
  const assets = join(dir, 'assets');
  if (!existsSync(assets)) throw new Error(`No renderer build in ${dir}: run \`npm run ${build}\` first.`);
  return new Map(readdirSync(assets).filter((name) => name.endsWith('.js')).map((name) => [name, readFileSync(join(assets, name), 'utf8')]));
}

describe('the renderer builds', () => {
  it('production carries no test hook', () => {
    const production = scripts(join(process.cwd(), 'out', 'renderer'), 'build:renderer');
    const carrying = [...production].filter(([, text]) => text.includes('__dutydeck')).map(([name]) => name);
    expect(carrying).toEqual([]);
  });

  it('the instrumented build, which e2e tests and benches load, carries every hook', () => {
    const text = [...scripts(INSTRUMENTED_RENDERER_DIR, 'build:renderer:instrumented').values()].join('\n');
    expect(HOOKS.filter((hook) => !text.includes(hook))).toEqual([]);
  });
});
