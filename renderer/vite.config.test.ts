import { join } from 'node:path';
import type { UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import config, { INSTRUMENTED_MODE, outDirFor } from './vite.config';

const out = join(__dirname, '..', 'out');
const resolved = (mode: string) => (config as (env: { mode: string; command: 'build' }) => UserConfig)({ mode, command: 'build' });

describe('the renderer build', () => {
  it('writes production to out/renderer and the instrumented build (with test hooks) beside it', () => {
    expect(outDirFor('production')).toBe(join(out, 'renderer'));
    expect(outDirFor(INSTRUMENTED_MODE)).toBe(join(out, 'renderer-instrumented'));
    expect(resolved('production').build?.outDir).toBe(join(out, 'renderer'));
    expect(resolved('instrumented').build?.outDir).toBe(join(out, 'renderer-instrumented'));
  });
});
