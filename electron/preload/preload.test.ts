// Runs the bundled preload the way a sandboxed renderer does: CommonJS, a require that
// knows only 'electron', the renderer's argv, and main's answer to the token message.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeBootstrapArg, WINDOW_TOKEN_CHANNEL } from '../main/bootstrap';
import { bundleElectron } from '../tools/bundle';

let code: string;
beforeAll(async () => {
  const out = join(mkdtempSync(join(tmpdir(), 'dutydeck-preload-')), 'preload.cjs');
  await bundleElectron(join(import.meta.dirname, '..', '..'), [{ source: 'electron/preload/preload.ts', output: out, preload: true }], () => {});
  code = readFileSync(out, 'utf8');
});

function runPreload(argv: string[], answer: unknown = null) {
  const exposed: Record<string, unknown> = {};
  const errors: string[] = [];
  const asked: string[] = [];
  const sandbox = {
    require: (name: string) => {
      if (name !== 'electron') throw new Error(`sandboxed preload cannot require ${name}`);
      return {
        contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
        ipcRenderer: {
          sendSync: (channel: string) => {
            asked.push(channel);
            return answer;
          },
        },
      };
    },
    process: { argv },
    console: { error: (line: string) => errors.push(line) },
    atob,
    TextDecoder,
    Uint8Array,
    URL,
  };
  runInNewContext(code, sandbox);
  return { exposed, errors, asked };
}

describe('preload', () => {
  it('exposes exactly window.dutydeck: kind and hub from its switch, a wall token from main', () => {
    const { exposed, errors, asked } = runPreload(['/opt/DutyDeck/dutydeck', '--type=renderer', encodeBootstrapArg({ kind: 'wall-video', hubUrl: 'http://127.0.0.1:4580' })], 'tok');
    expect(exposed).toEqual({ dutydeck: { kind: 'wall-video', hubUrl: 'http://127.0.0.1:4580', token: 'tok' } });
    expect(asked).toEqual([WINDOW_TOKEN_CHANNEL]);
    expect(errors).toEqual([]);
  });

  it('does not ask for a token for a seat, which signs in itself', () => {
    const { exposed, asked } = runPreload([encodeBootstrapArg({ kind: 'seat', hubUrl: 'http://127.0.0.1:4580' })], 'tok');
    expect(exposed).toEqual({ dutydeck: { kind: 'seat', hubUrl: 'http://127.0.0.1:4580' } });
    expect(asked).toEqual([]);
  });

  it('exposes nothing, and says why, when the bootstrap is missing or bad', () => {
    expect(runPreload(['/opt/DutyDeck/dutydeck'])).toMatchObject({ exposed: {}, errors: [expect.stringContaining('without --dutydeck-bootstrap=')] });
    const bad = encodeBootstrapArg({ kind: 'wall-video', hubUrl: 'file:///etc/passwd' });
    expect(runPreload([bad]).exposed).toEqual({});
    const wall = encodeBootstrapArg({ kind: 'wall-map', hubUrl: 'http://127.0.0.1:4580' });
    expect(runPreload([wall], { not: 'a token' })).toMatchObject({ exposed: {}, errors: [expect.stringContaining('not a session token')] });
  });
});
