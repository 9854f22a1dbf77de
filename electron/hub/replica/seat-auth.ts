// Signing in at a replica. Passwords live only at the primary (they are not in the journal),
// so the replica asks the primary, keeps the user's own primary session for forwarding
// commands, and remembers a scrypt hash of the password so the same person can sign in
// again while the primary is away.
//
// The second factor holds while the primary is away too. After a sign-in at the primary with
// an authenticator code, the replica takes the account's TOTP secret from the primary (once,
// within 2 minutes, journaled there as `secondFactor.copiedToSeat`) and keeps it sealed under
// a key derived from the password just typed (sealed-secret.ts). Offline it checks the
// password, opens the secret with it, and checks the code, refusing a time step used here
// already; wrong passwords and codes lock the account here as at the primary (5, 15 minutes).
//
// Why the account's own secret and not one derived per seat: the person has one entry in one
// authenticator, and the code it shows must work at every seat; a per-seat secret would mean
// enrolling each seat's secret in the phone as well. Precomputed codes (the primary handing a
// seat the next hours' codes) would end offline sign-in when they run out, and a six-digit
// code's hash is no secret at all without the password-derived key, which the sealed secret
// needs anyway. What this costs: the seat holds the secret while it is signed in there, and a
// code taken at one seat offline is not known to another seat or to the primary (each checks
// replays of its own). Recovery codes are checked at the primary only: a seat could not
// tell the primary, or the other seats, that one was used while the primary is away, so one
// code could sign in at every seat; offline, only an authenticator code signs in.
import type { User } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import { requiresSecondFactor } from '../../../shared/permissions';
import { hashPassword, verifyPassword } from '../api/auth';
import { isTotpCode, totpStep } from '../api/second-factor';
import { lockedOut, SIGN_IN_POLICY, type Sessions } from '../api/sessions';
import type { StoreClient } from '../store/thread/client';
import type { OutboxStore } from '../store/outbox/outbox';
import { PrimaryUnreachable, type PrimaryClient } from './primary-client';
import { openSecret, sealSecret } from './sealed-secret';

export interface SeatAuthDeps {
  primary: PrimaryClient;
  outbox: OutboxStore;
  store: StoreClient;
  sessions: Sessions;
  now?: () => number;
}

/** A user who exists at the primary may not have reached this copy yet; wait a moment for sync. */
async function localUser(store: StoreClient, id: string, waitMs: number): Promise<User | null> {
  const until = Date.now() + waitMs;
  for (;;) {
    const user = await store.access.user(id);
    if (user || Date.now() >= until) return user;
    await new Promise((done) => setTimeout(done, 100));
  }
}

type SeatCopy = { kind: 'copied'; secret: string; lastStep: number } | { kind: 'none' } | { kind: 'notCopied' };

/**
 * What the primary says of the account's second factor right after it signed the account in.
 * Without a code the primary asked for none, so the account has none. With one, the secret
 * is taken; a refusal (a recovery code was used) or no answer leaves the seat without it, and
 * the account then cannot sign in here while the primary is away.
 */
async function takeSecondFactor(primary: PrimaryClient, token: string, code: string | undefined): Promise<SeatCopy> {
  if (!code?.trim()) return { kind: 'none' };
  try {
    return { kind: 'copied', ...(await primary.secondFactorForSeat(token)) };
  } catch (error) {
    if (error instanceof DutyFailure && error.error.code === 'notFound') return { kind: 'none' };
    return { kind: 'notCopied' };
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
    const copy = await takeSecondFactor(deps.primary, answer.token, attempt.code);
    const passwordHash = await hashPassword(password);
    const sealed = copy.kind === 'copied' ? { box: await sealSecret(copy.secret, password, user.id), lastStep: copy.lastStep } : null;
    deps.outbox.rememberSignIn(username, { user, passwordHash, primaryToken: answer.token, secondFactor: copy.kind !== 'none' || requiresSecondFactor(user.role) });
    if (sealed) deps.outbox.rememberSecondFactor(username, sealed);
    else deps.outbox.forgetSecondFactor(username);
    deps.outbox.clearSignInFailures(username);
  } catch (error) {
    // A wrong password at the primary: the remembered one is no longer known good (a mistyped code leaves it).
    if (error instanceof DutyFailure && error.error.code === 'badCredentials' && error.error.path !== 'code') deps.outbox.forgetSignIn(username);
    if (!(error instanceof PrimaryUnreachable)) throw error;
    userId = (await offlineSignIn(username, password, attempt.code, deps)).id;
  }
  const user = await deps.store.access.user(userId);
  if (!user) throw new DutyFailure('unavailable', 'This seat is still copying the duty room from the primary; try again in a moment.');
  return { token: await deps.sessions.open(user, { address: attempt.address ?? null, method: 'password' }), user };
}

/** The primary is away: the seat's remembered sign-in, its lockout, and its sealed second factor decide. */
async function offlineSignIn(username: string, password: string, code: string | undefined, deps: SeatAuthDeps): Promise<User> {
  const remembered = deps.outbox.signIn(username);
  if (!remembered) {
    throw new DutyFailure('signInAtPrimaryFirst', 'The primary hub cannot be reached and you have not signed in at this seat before; sign in once while the primary is up.');
  }
  const now = (deps.now ?? Date.now)();
  const ok = await verifyPassword(password, remembered.passwordHash);
  const locked = deps.outbox.lockedUntil(username);
  if (locked && Date.parse(locked) > now) throw lockedOut(locked);
  const failed = (reason: 'password' | 'code'): never => {
    const lockedUntil = deps.outbox.signInFailed(username, { maxFailures: SIGN_IN_POLICY.maxFailures, lockUntil: new Date(now + SIGN_IN_POLICY.lockoutMs).toISOString() });
    if (lockedUntil) throw lockedOut(lockedUntil);
    if (reason === 'code') throw new DutyFailure('badCredentials', 'Wrong code: enter the 6 digits your authenticator shows now.', 'code');
    throw new DutyFailure('badCredentials', 'Wrong username or password.');
  };
  if (!ok) return failed('password');

  // Rows remembered before seats kept second factors have no flag: the role still asks for one.
  if (remembered.secondFactor || requiresSecondFactor(remembered.user.role)) {
    const factor = deps.outbox.secondFactor(username);
    const secret = factor ? await openSecret(factor.box, password, remembered.user.id) : null;
    if (!factor || !secret) {
      throw new DutyFailure(
        'signInAtPrimaryFirst',
        'The primary hub cannot be reached and this seat has no copy of your second factor; sign in here once with your password and an authenticator code while the primary is up.',
      );
    }
    const typed = code?.trim();
    if (!typed) throw new DutyFailure('secondFactorRequired', 'This account signs in with a second factor: enter the code your authenticator shows.', 'code');
    if (!isTotpCode(typed)) {
      throw new DutyFailure('badCredentials', 'Recovery codes are checked at the primary hub only; while it is away, enter the 6-digit code your authenticator shows.', 'code');
    }
    const step = totpStep(secret, typed, now);
    if (step === null || !deps.outbox.useTotpStep(username, step)) return failed('code');
  }
  deps.outbox.clearSignInFailures(username);
  return remembered.user;
}
