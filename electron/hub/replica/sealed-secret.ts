// A second factor's secret as a seat keeps it: sealed with AES-256-GCM under a key derived
// from the user's password with scrypt (a salt of its own, not the password hash's), and bound
// to the account's id. A copy of the seat's files alone cannot make codes: it must first guess
// the password against scrypt, as it would to pass the remembered hash.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

/** The same cost as a password hash (electron/hub/api/auth.ts). */
const SCRYPT = { N: 16384, r: 8, p: 1, maxmem: 64 * 1024 * 1024 } as const;
const KEY_LENGTH = 32;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export interface SealedSecret {
  salt: Buffer;
  iv: Buffer;
  /** The ciphertext followed by GCM's 16-byte tag. */
  sealed: Buffer;
}

function keyOf(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, SCRYPT, (error, key) => (error ? reject(error) : resolve(key))));
}

export async function sealSecret(secret: string, password: string, userId: string): Promise<SealedSecret> {
  const salt = randomBytes(16);
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', await keyOf(password, salt), iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(Buffer.from(userId, 'utf8'));
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return { salt, iv, sealed };
}

/** The secret, or null when the password is not the one it was sealed with, or the bytes were altered. */
export async function openSecret(box: SealedSecret, password: string, userId: string): Promise<string | null> {
  if (box.sealed.length <= TAG_LENGTH || box.iv.length !== IV_LENGTH) return null;
  const decipher = createDecipheriv('aes-256-gcm', await keyOf(password, box.salt), box.iv, { authTagLength: TAG_LENGTH });
  decipher.setAAD(Buffer.from(userId, 'utf8'));
  decipher.setAuthTag(box.sealed.subarray(box.sealed.length - TAG_LENGTH));
  try {
    return Buffer.concat([decipher.update(box.sealed.subarray(0, box.sealed.length - TAG_LENGTH)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
