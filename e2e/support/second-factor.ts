// Codes for the demo room's accounts with a second factor (commander1, commander2, admin): the
// demo hub writes their TOTP secrets to its data folder (electron/hub/demo.ts); this computes
// what their authenticator would show. The hub accepts each time step once and one step either
// side of now, so codes are handed out step by step, waiting for the next one when a test signs
// the same account in more than three times within 30 s.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSync } from 'otplib';

const FILE = 'demo-second-factor.json';
const PERIOD_MS = 30_000;
const lastStep = new Map<string, number>();

export function demoSecret(dataDir: string, username: string): string | null {
  const file = join(dataDir, FILE);
  if (!existsSync(file)) return null;
  return (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>)[username] ?? null;
}

/** The next unused code for a demo account, or null when the account has no second factor. */
export async function demoCode(dataDir: string, username: string): Promise<string | null> {
  const secret = demoSecret(dataDir, username);
  if (!secret) return null;
  const key = `${dataDir}\u0000${username}`;
  for (;;) {
    const current = Math.floor(Date.now() / PERIOD_MS);
    const step = Math.max((lastStep.get(key) ?? -Infinity) + 1, current - 1);
    if (step <= current + 1) {
      lastStep.set(key, step);
      return generateSync({ secret, epoch: step * (PERIOD_MS / 1000) });
    }
    await new Promise((done) => setTimeout(done, (step - 1) * PERIOD_MS - Date.now() + 50));
  }
}
