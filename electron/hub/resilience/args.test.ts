import { describe, expect, it } from 'vitest';
import { parseResilience } from './args';

const env = { DUTYDECK_PRIMARY_PASSWORD: 'secret-password' };

describe('replica and backup flags', () => {
  it('makes a replica of the primary with the account and the password from the environment', () => {
    expect(parseResilience({ primary: 'http://10.0.0.2:4580/', 'primary-user': 'seat3' }, env)).toEqual({
      primary: { url: 'http://10.0.0.2:4580', credentials: { username: 'seat3', password: 'secret-password' } },
    });
  });

  it('says what is missing in words', () => {
    expect(parseResilience({ primary: 'http://10.0.0.2:4580' }, env)).toMatch(/--primary-user/);
    expect(parseResilience({ primary: 'http://10.0.0.2:4580', 'primary-user': 'seat3' }, {})).toMatch(/DUTYDECK_PRIMARY_PASSWORD/);
    expect(parseResilience({ primary: 'not a url', 'primary-user': 'seat3' }, env)).toMatch(/URL/);
    expect(parseResilience({ primary: 'http://x:1', 'primary-user': 's', demo: true }, env)).toMatch(/--demo/);
    expect(parseResilience({ 'primary-user': 'seat3' }, env)).toMatch(/--primary URL/);
  });

  it('signs checkpoints every N entries on a primary only', () => {
    expect(parseResilience({ 'checkpoint-every': '500' }, env)).toEqual({ checkpointEvery: 500 });
    expect(parseResilience({ 'checkpoint-every': '0' }, env)).toMatch(/--checkpoint-every takes a number of journal entries/);
    expect(parseResilience({ primary: 'http://10.0.0.2:4580', 'primary-user': 'seat3', 'checkpoint-every': '50' }, env)).toMatch(/for a primary/);
  });

  it('schedules backups on a primary only', () => {
    expect(parseResilience({ 'backup-every': '30', 'backup-keep': '48' }, env)).toEqual({ backupEveryMinutes: 30, backupKeep: 48 });
    expect(parseResilience({ 'backup-every': '0' }, env)).toMatch(/minutes/);
    expect(parseResilience({ primary: 'http://x:1', 'primary-user': 's', 'backup-every': '5' }, env)).toMatch(/for a primary/);
  });
});
