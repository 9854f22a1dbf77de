import { describe, expect, it } from 'vitest';
import { bearerToken, hashPassword, newToken, tokenHash, verifyPassword } from './auth';

describe('auth', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('dutydeck-demo');
    expect(stored).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(await verifyPassword('dutydeck-demo', stored)).toBe(true);
    expect(await verifyPassword('dutydeck-dem0', stored)).toBe(false);
    expect(await verifyPassword('dutydeck-demo', 'garbage')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toEqual(await hashPassword('same'));
  });

  it('reads only well-formed bearer tokens', () => {
    const token = newToken();
    expect(bearerToken(`Bearer ${token}`)).toBe(token);
    expect(bearerToken(`Basic ${token}`)).toBeNull();
    expect(bearerToken('Bearer short')).toBeNull();
    expect(bearerToken(undefined)).toBeNull();
    expect(tokenHash(token)).toMatch(/^[0-9a-f]{64}$/);
  });
});
