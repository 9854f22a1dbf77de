// Integration API keys: random 256-bit values shown once; only their SHA-256 is stored (a
// salted slow hash buys nothing for keys nobody chose). Resolved keys are cached; unknown
// ones briefly too, so a flood of wrong keys does not become a flood of store reads.
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Channel } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import { bearerToken, tokenHash } from '../api/auth';
import type { StoreClient } from '../store/thread/client';

export interface IntegrationAccount {
  userId: string;
  channel: Channel;
}

export const newApiKey = () => `ddk_${randomBytes(32).toString('base64url')}`;
export const apiKeyHash = (key: string) => tokenHash(key);
/** The documented key of each channel's demo account (`--demo` only). */
export const demoApiKey = (channel: Channel) => `dutydeck-demo-${channel}`;

/** `Authorization: Bearer KEY` or `X-Api-Key: KEY`. */
export function apiKeyOf(headers: IncomingHttpHeaders): string | null {
  const header = headers['x-api-key'];
  if (typeof header === 'string' && header) return header;
  return bearerToken(headers.authorization);
}

const UNKNOWN_TTL_MS = 10_000;
const UNKNOWN_MAX = 1_000;

export class IntegrationKeys {
  private readonly known = new Map<string, IntegrationAccount>();
  private readonly unknown = new Map<string, number>();

  constructor(private readonly store: StoreClient) {}

  async resolve(key: string | null): Promise<IntegrationAccount> {
    if (!key) throw new DutyFailure('unauthenticated', 'Send the channel\'s API key: Authorization: Bearer KEY or X-Api-Key: KEY.');
    if (key.length > 256) throw new DutyFailure('badCredentials', 'This API key is not valid.');
    const hash = apiKeyHash(key);
    const cached = this.known.get(hash);
    if (cached) return cached;
    if ((this.unknown.get(hash) ?? 0) > Date.now()) throw new DutyFailure('badCredentials', 'This API key is not valid.');
    const found = await this.store.intake.integrationByKeyHash(hash);
    if (!found) {
      if (this.unknown.size >= UNKNOWN_MAX) this.unknown.clear();
      this.unknown.set(hash, Date.now() + UNKNOWN_TTL_MS);
      throw new DutyFailure('badCredentials', 'This API key is not valid.');
    }
    this.known.set(hash, found);
    return found;
  }
}
