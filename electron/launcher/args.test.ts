import { describe, expect, it } from 'vitest';
import { ArgsError, parseLauncherArgs } from './args';

describe('parseLauncherArgs', () => {
  it('defaults to the seat and walls on 127.0.0.1:4580, opening windows', () => {
    expect(parseLauncherArgs([])).toEqual({
      port: 4580,
      host: '127.0.0.1',
      demo: false,
      open: true,
      console: 'seat',
      walls: true,
      help: false,
      unknown: [],
    });
  });

  it('reads every option in both spellings', () => {
    const args = parseLauncherArgs(['--data', '/tmp/dd', '--port=0', '--host', '0.0.0.0', '--no-open', '--demo', '--command', '--no-walls']);
    expect(args).toMatchObject({ dataDir: '/tmp/dd', port: 0, host: '0.0.0.0', open: false, demo: true, console: 'command', walls: false });
    expect(parseLauncherArgs(['--data=/x y', '--port', '4597'])).toMatchObject({ dataDir: '/x y', port: 4597 });
  });

  it('keeps switches it does not know for Electron', () => {
    expect(parseLauncherArgs(['--no-sandbox', '--enable-logging']).unknown).toEqual(['--no-sandbox', '--enable-logging']);
  });

  it.each([
    [['--port', 'http']],
    [['--port', '70000']],
    [['--port', '-1']],
    [['--port']],
    [['--data', '--no-open']],
    [['--data=']],
  ])('refuses %j with a message naming the option', (argv) => {
    expect(() => parseLauncherArgs(argv)).toThrow(ArgsError);
    expect(() => parseLauncherArgs(argv)).toThrow(/--(port|data)/);
  });
});
