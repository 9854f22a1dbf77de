import { describe, expect, it } from 'vitest';
import { parseMainArgs } from './main-args';

describe('parseMainArgs', () => {
  it('opens the seat console with the walls by default', () => {
    expect(parseMainArgs(['/usr/bin/electron', '.'])).toEqual({});
  });
  it('reads the console kind, the walls switch and the data folder, ignoring Chromium switches', () => {
    expect(parseMainArgs(['electron', '.', '--no-sandbox', '--command', '--no-walls', '--data', '/srv/dd'])).toEqual({
      console: 'command',
      walls: false,
      dataDir: '/srv/dd',
    });
    expect(parseMainArgs(['--console=seat', '--data=/x'])).toEqual({ console: 'seat', dataDir: '/x' });
  });
  it('reads the primary a replica seat follows, in either spelling', () => {
    expect(parseMainArgs(['electron', '.', '--primary', 'http://10.0.0.5:4300', '--primary-user=seat3'])).toEqual({ primary: 'http://10.0.0.5:4300', primaryUser: 'seat3' });
  });
});
