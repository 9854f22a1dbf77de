// The second factor: TOTP (RFC 6238, 30-second steps, 6 digits, SHA-1 as every authenticator
// app reads it) through otplib, and ten one-time recovery codes. A code is accepted one step
// either side of now (a phone's clock drifts); the store refuses a step already used.
import { createHash, randomInt } from 'node:crypto';
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';
import QRCode from 'qrcode';

export const TOTP_PERIOD_S = 30;
export const RECOVERY_CODE_COUNT = 10;
const ISSUER = 'DutyDeck';
/** No 0/1/o/l/i: a code read off paper is typed right. */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

export function newTotpSecret(): string {
  return generateSecret();
}

/** The time step a valid code was made for, or null. */
export function totpStep(secret: string, code: string, nowMs: number): number | null {
  const result = verifySync({ secret, token: code, epoch: Math.floor(nowMs / 1000), epochTolerance: TOTP_PERIOD_S });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

/** The code an authenticator shows at `nowMs` (the demo room's test support uses the same). */
export function totpCode(secret: string, nowMs: number): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000) });
}

export function otpauthUri(username: string, secret: string): string {
  return generateURI({ issuer: ISSUER, label: username, secret });
}

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
}

/** Ten codes like `k7m2p-x9qrt`, each 50 bits: hashed with SHA-256 for storing (they are random, not chosen). */
export function newRecoveryCodes(): string[] {
  const part = () => Array.from({ length: 5 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${part()}-${part()}`);
}

/** The form a recovery code is stored and looked up in: lower case, without the hyphen. */
export function recoveryCodeHash(code: string): string {
  return createHash('sha256').update(code.trim().toLowerCase().replace(/-/g, '')).digest('hex');
}

export function isTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code.trim());
}
