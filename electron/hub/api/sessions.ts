// Sessions: a token's user is looked up once in the store and then kept in memory, so an
// authenticated request costs no trip to the store's thread.
import type { User } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import type { StoreClient } from '../store/client';
import { newToken, tokenHash, verifyPassword } from './auth';
import { Presence } from './presence';

export class Sessions {
  private readonly cache = new Map<string, User>();
  /** Every authenticated request passes here, so this is where the hub sees who is about. */
  readonly presence: Presence;

  constructor(
    private readonly store: StoreClient,
    now: () => number = () => Date.now(),
  ) {
    this.presence = new Presence(now);
  }

  async login(username: string, password: string): Promise<{ token: string; user: User }> {
    const found = await this.store.credentialsOf(username);
    // Same refusal whether the user is unknown or the password wrong: no account probing.
    const ok = found?.passwordHash ? await verifyPassword(password, found.passwordHash) : false;
    if (!found || !ok) throw new DutyFailure('badCredentials', 'Wrong username or password.');
    return { token: await this.open(found.user), user: found.user };
  }

  async open(user: User): Promise<string> {
    const token = newToken();
    const hash = tokenHash(token);
    await this.store.openSession(hash, user.id);
    this.cache.set(hash, user);
    this.presence.touch(user.id);
    return token;
  }

  async userOf(token: string | null): Promise<User> {
    if (!token) throw new DutyFailure('unauthenticated', 'Sign in first: send Authorization: Bearer TOKEN.');
    const hash = tokenHash(token);
    const cached = this.cache.get(hash);
    if (cached) {
      this.presence.touch(cached.id);
      return cached;
    }
    const user = await this.store.sessionUser(hash);
    if (!user) throw new DutyFailure('unauthenticated', 'This session has ended; sign in again.');
    this.cache.set(hash, user);
    this.presence.touch(user.id);
    return user;
  }

  async close(token: string): Promise<void> {
    const hash = tokenHash(token);
    const user = this.cache.get(hash);
    this.cache.delete(hash);
    await this.store.closeSession(hash);
    if (user) this.presence.signedOut(user.id);
  }
}
