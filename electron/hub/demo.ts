// The demo room's accounts: one of every role, so a newcomer can try each window.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../shared/domain';
import { requiresSecondFactor } from '../../shared/permissions';
import { newTotpSecret } from './api/second-factor';
import type { StoreClient } from './store/thread/client';

export const DEMO_PASSWORD = 'dutydeck-demo';

export interface DemoAccount {
  username: string;
  name: string;
  role: Role;
  /** A region head answers for one joint-enforcement region: the town's first. */
  region?: 'firstJointEnforcement';
  /** A unit account acts for one unit of the demo town: its first. */
  unit?: 'firstUnit';
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'operator1', name: '坐席员 王敏', role: 'operator' },
  { username: 'operator2', name: '坐席员 李强', role: 'operator' },
  { username: 'commander1', name: '值班指挥长 陈建国', role: 'commander' },
  // Two commanders, so a shift can be handed over and signed for.
  { username: 'commander2', name: '值班指挥长 刘洋', role: 'commander' },
  { username: 'regionhead1', name: '区域长 赵丽', role: 'regionHead', region: 'firstJointEnforcement' },
  { username: 'unit1', name: '处置单位账号', role: 'unit', unit: 'firstUnit' },
  { username: 'wall1', name: '大屏', role: 'wall' },
  { username: 'admin', name: '系统管理员', role: 'admin' },
];

/**
 * Where a demo room (--demo only) keeps the TOTP secrets of its accounts that need a second
 * factor, so a newcomer can add them to an authenticator and tests can compute codes. A real
 * room has no such file: each person enrols their own phone at first sign-in.
 */
export const DEMO_SECOND_FACTOR_FILE = 'demo-second-factor.json';

function readSecrets(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Enrols the demo accounts whose role needs a second factor, keeping secrets the file already holds. Returns their names. */
export async function ensureDemoSecondFactors(store: StoreClient, dataDir: string, usernames: readonly string[]): Promise<string[]> {
  const file = join(dataDir, DEMO_SECOND_FACTOR_FILE);
  const secrets = readSecrets(file);
  const enrolled: string[] = [];
  for (const username of usernames) {
    const state = await store.access.signInState(username);
    if (!state || !requiresSecondFactor(state.user.role)) continue;
    enrolled.push(username);
    if (state.secondFactor && secrets[username] === state.secondFactor.secret) continue;
    const secret = newTotpSecret();
    await store.write.enrolDemoSecondFactor(state.user.id, secret);
    secrets[username] = secret;
  }
  if (enrolled.length) writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return enrolled;
}
