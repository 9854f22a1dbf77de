// Runs the bundled preload the way a sandboxed renderer does: CommonJS, a require that
// knows only 'electron', and the renderer's argv.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBootstrapArg } from '../main/bootstrap';
import { bundleElectron } from '../tools/bundle';

let code: string;
beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'dutydeck-preload-')), 'preload.cjs');
  await bundleElectron(join(import.meta.dirname, '..', '..'), [{ source: 'electron/preload/preload.ts', output: out, preload: true }], () => {});
  code = readFileSync(out, 'utf8');
});

function runPreload(argv: string[]) {
  const exposed: Record<string, unknown> = {};
  const errors: string[] = [];
  const sandbox = {
    require: (name: string) => {
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return { contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) } };
    },
    process: { argv },
    console: { error: (line: string) => errors.push(line) },
    atob,
    TextDecoder,
    Uint8Array,
    URL,
  };
  runInNewContext(code, sandbox);
  return { exposed, errors };
}

describe('preload', () => {
  it('exposes exactly window.dutydeck, the bootstrap from its switch', () => {
    const bootstrap = { kind: 'wall-video' as const, hubUrl: 'http://127.0.0.1:4580', token: 'tok' };
    const { exposed, errors } = runPreload(['/opt/DutyDeck/dutydeck', '--type=renderer', encodeBootstrapArg(bootstrap)]);
    expect(exposed).toEqual({ dutydeck: bootstrap });
    expect(errors).toEqual([]);
  });

  it('exposes nothing, and says why, when the bootstrap is missing or bad', () => {
    expect(runPreload(['/opt/DutyDeck/dutydeck'])).toEqual({ exposed: {}, errors: [expect.stringContaining('without --dutydeck-bootstrap=')] });
    const bad = encodeBootstrapArg({ kind: 'wall-video', hubUrl: 'file:///etc/passwd' });
    expect(runPreload([bad]).exposed).toEqual({});
  });
});
