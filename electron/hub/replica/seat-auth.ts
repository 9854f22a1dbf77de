// Signing in at a replica. Passwords live only at the primary (they are not in the journal),
// so the replica asks the primary, keeps the user's own primary session for forwarding
// commands, and remembers a scrypt hash of the password so the same operator can sign in
// again while the primary is away.
import type { User } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import { hashPassword, verifyPassword } from '../api/auth';
import type { Sessions } from '../api/sessions';
import type { StoreClient } from '../store/client';
import type { OutboxStore } from '../store/outbox';
import { PrimaryUnreachable, type PrimaryClient } from './primary-client';

export interface SeatAuthDeps {
  primary: PrimaryClient;
  outbox: OutboxStore;
  store: StoreClient;
  sessions: Sessions;
}

/** A user who exists at the primary may not have reached this copy yet; wait a moment for sync. */
async function localUser(store: StoreClient, id: string, waitMs: number): Promise<User | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    const user = await store.user(id);
    if (user || Date.now() >= until) return user;
    await new Promise((done) => setTimeout(done, 100));
  }
}

export async function seatLogin(username: string, password: string, deps: SeatAuthDeps, attempt: { code?: string | undefined; address?: string | null } = {}): Promise<{ token: string; user: User }> {
  let userId: string;
  try {
    // The second factor is checked at the primary, which holds it; the code is passed on.
    const answer = await deps.primary.login(username, password, attempt.code);
    if (answer.enrolment) throw new DutyFailure('forbidden', 'Enrol your second factor at the primary hub first, then sign in here.');
    userId = answer.user.id;
    const user = await localUser(deps.store, userId, 10_000);
    if (!user) throw new DutyFailure('unavailable', 'This seat is still copying the duty room from the primary; try again in a moment.');
    deps.outbox.rememberSignIn(username, { user, passwordHash: await hashPassword(password), primaryToken: answer.token });
  } catch (error) {
    if (error instanceof DutyFailure && error.error.code === 'badCredentials') deps.outbox.forgetSignIn(username);
    if (!(error instanceof PrimaryUnreachable)) throw error;
    const remembered = deps.outbox.signIn(username);
    if (!remembered) {
      throw new DutyFailure('unavailable', 'The primary hub cannot be reached and you have not signed in at this seat before; sign in once while the primary is up.');
    }
    if (!(await verifyPassword(password, remembered.passwordHash))) throw new DutyFailure('badCredentials', 'Wrong username or password.');
    userId = remembered.user.id;
  }
  const user = await deps.store.user(userId);
  if (!user) throw new DutyFailure('unavailable', 'This seat is still copying the duty room from the primary; try again in a moment.');
  return { token: await deps.sessions.open(user, { address: attempt.address ?? null, method: 'password' }), user };
}
