// Sessions: signing in (password, lockout, second factor), what a token is worth and for how
// long. A token's session is looked up once in the store and then kept in memory, so an
// authenticated request costs no trip to the store's thread; its expiry is checked on every
// use all the same, cached or not. Every sign-in, failure, lockout and sign-out is journaled
// (where this hub keeps the journal: a replica's journal is its primary's copy).
import { randomBytes } from 'node:crypto';
import { DEFAULT_SESSION_CONFIG } from '../../../shared/config';
import type { Role, User } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import { requiresSecondFactor } from '../../../shared/permissions';
import type { SessionKind, SessionSummary } from '../../../shared/protocol/auth';
import type { StoreClient } from '../store/thread/client';
import { hashPassword, newToken, tokenHash, verifyPassword } from './auth';
import { Presence } from './presence';
import { isTotpCode, newRecoveryCodes, newTotpSecret, otpauthUri, qrSvg, recoveryCodeHash, totpStep } from './second-factor';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The sign-in policy (CJIS AC-7 for the lockout; one shift for a seat's session). */
export const SIGN_IN_POLICY = {
  /** Wrong passwords or codes in a row that lock an account… */
  maxFailures: 5,
  /** …for this long. */
  lockoutMs: 15 * MINUTE,
  /** A seat's session ends this long after sign-in, however busy. */
  seatLifetimeMs: 12 * HOUR,
  /** A wall's session: no idle limit, this lifetime, revocable by an admin. */
  wallLifetimeMs: 30 * 24 * HOUR,
  /** A session that may only enrol a second factor. */
  enrolmentLifetimeMs: 10 * MINUTE,
  /** How long a window's one-time pairing code is good for. */
  pairingTtlMs: 60_000,
  /** Last use is written to the store at most this often (the idle limit may run this much late after a restart). */
  touchEveryMs: MINUTE,
  /** How long after a sign-in with an authenticator code a seat's replica may take the secret. */
  seatCopyWindowMs: 2 * MINUTE,
} as const;

interface LiveSession {
  id: string;
  user: User;
  kind: SessionKind;
  lastSeen: number;
  /** When lastSeen was last written to the store. */
  stored: number;
  expiresAt: number;
  /** How this session was opened: a seat's replica may take the secret only after 'totp'. Known in memory only: 'unknown' for a session read back from the store. */
  secondFactor: 'totp' | 'recovery' | 'none' | 'unknown';
  openedAt: number;
  /** The secret went to a seat's replica on this session already (once per sign-in). */
  copiedToSeat: boolean;
}

export interface SignInResult {
  token: string;
  user: User;
  /** The account must enrol a second factor: this session may do only that. */
  enrolment?: true;
}

export interface SessionsOptions {
  now?: () => number;
  /** false on a replica: the primary journals its sign-ins, this copy must not append. */
  journal?: boolean;
  /** The idle limit of a seat's session in minutes (the room's `sessions` config). */
  seatIdleMinutes?: () => number;
}

/** Why a session is no longer good at `now`, or null while it is. */
export function sessionEnd(session: Pick<LiveSession, 'kind' | 'lastSeen' | 'expiresAt'>, idleMs: number, now: number): 'lifetime' | 'idle' | null {
  if (now >= session.expiresAt) return 'lifetime';
  if (session.kind !== 'wall' && now - session.lastSeen >= idleMs) return 'idle';
  return null;
}

const shortId = () => randomBytes(9).toString('base64url');
const kindOf = (role: Role): SessionKind => (role === 'wall' ? 'wall' : 'seat');

export class Sessions {
  private readonly cache = new Map<string, LiveSession>();
  private readonly pairings = new Map<string, { user: User; expiresAt: number }>();
  private readonly endedListeners: Array<(tokenHash: string) => void> = [];
  /** Every authenticated request passes here, so this is where the hub sees who is about. */
  readonly presence: Presence;
  private readonly now: () => number;
  private readonly journal: boolean;
  private readonly seatIdleMinutes: () => number;
  /** Unknown names are checked against this, so they cost what a known name costs. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly store: StoreClient,
    options: SessionsOptions | (() => number) = {},
  ) {
    const opts = typeof options === 'function' ? { now: options } : options;
    this.now = opts.now ?? (() => Date.now());
    this.journal = opts.journal ?? true;
    this.seatIdleMinutes = opts.seatIdleMinutes ?? (() => DEFAULT_SESSION_CONFIG.seatIdleMinutes);
    this.presence = new Presence(this.now);
    this.dummyHash = hashPassword(randomBytes(16).toString('base64url'));
  }

  /** Tells the stream (and anyone else) that a session ended, so its sockets close. */
  onEnded(listener: (tokenHash: string) => void): void {
    this.endedListeners.push(listener);
  }

  private ended(hash: string): void {
    const live = this.cache.get(hash);
    this.cache.delete(hash);
    if (live) this.presence.signedOut(live.user.id);
    for (const listener of this.endedListeners) listener(hash);
  }

  private iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  private async failed(username: string, userId: string | null, address: string | null, reason: Parameters<StoreClient['write']['signInFailed']>[0]['reason']): Promise<never> {
    const now = this.now();
    const { lockedUntil } = await this.store.write.signInFailed(
      { username, userId, address, reason },
      { maxFailures: SIGN_IN_POLICY.maxFailures, lockUntil: this.iso(now + SIGN_IN_POLICY.lockoutMs) },
      this.journal,
    );
    if (lockedUntil) throw lockedOut(lockedUntil);
    if (reason === 'wrongCode') throw new DutyFailure('badCredentials', 'Wrong code: enter the 6 digits your authenticator shows now, or an unused recovery code.', 'code');
    throw new DutyFailure('badCredentials', 'Wrong username or password.');
  }

  async login(username: string, password: string, options: { code?: string | undefined; address?: string | null } = {}): Promise<SignInResult> {
    const address = options.address ?? null;
    const state = await this.store.access.signInState(username);
    // Same work and the same refusal whether the name is unknown or the password wrong: no account probing.
    const ok = await verifyPassword(password, state?.passwordHash ?? (await this.dummyHash));
    if (!state) return this.failed(username, null, address, 'unknownUser');
    const now = this.now();
    if (state.lockedUntil && Date.parse(state.lockedUntil) > now) {
      await this.store.write.signInFailed({ username, userId: state.user.id, address, reason: 'lockedOut' }, { maxFailures: SIGN_IN_POLICY.maxFailures, lockUntil: state.lockedUntil }, this.journal);
      throw lockedOut(state.lockedUntil);
    }
    if (!state.passwordHash) return this.failed(username, state.user.id, address, 'noPassword');
    if (!ok) return this.failed(username, state.user.id, address, 'wrongPassword');

    const actor = { userId: state.user.id, role: state.user.role };
    let secondFactor: 'totp' | 'recovery' | 'none' = 'none';
    if (state.secondFactor) {
      const code = options.code?.trim();
      if (!code) throw new DutyFailure('secondFactorRequired', 'This account signs in with a second factor: enter the code your authenticator shows, or a recovery code.', 'code');
      if (isTotpCode(code)) {
        const step = totpStep(state.secondFactor.secret, code, now);
        if (step === null || !(await this.store.write.useTotpStep(state.user.id, step))) return this.failed(username, state.user.id, address, 'wrongCode');
        secondFactor = 'totp';
      } else {
        const used = await this.store.write.useRecoveryCode(actor, recoveryCodeHash(code));
        if (!used) return this.failed(username, state.user.id, address, 'wrongCode');
        secondFactor = 'recovery';
      }
    } else if (requiresSecondFactor(state.user.role)) {
      if (!this.journal) throw new DutyFailure('forbidden', 'Enrol your second factor at the primary hub first, then sign in here.');
      return { token: await this.open(state.user, { kind: 'enrolment', address, method: 'password', secondFactor: 'none' }), user: state.user, enrolment: true };
    }
    return { token: await this.open(state.user, { kind: kindOf(state.user.role), address, method: 'password', secondFactor }), user: state.user };
  }

  /** Opens a session for a user the hub vouches for (a window its host opened, a replica's forwarded sign-in). */
  async open(
    user: User,
    options: { kind?: SessionKind; address?: string | null; method?: 'password' | 'pairing' | 'host'; secondFactor?: 'totp' | 'recovery' | 'none' } = {},
  ): Promise<string> {
    const token = newToken();
    const hash = tokenHash(token);
    const now = this.now();
    const kind = options.kind ?? kindOf(user.role);
    const lifetime = kind === 'wall' ? SIGN_IN_POLICY.wallLifetimeMs : kind === 'enrolment' ? SIGN_IN_POLICY.enrolmentLifetimeMs : SIGN_IN_POLICY.seatLifetimeMs;
    const id = shortId();
    const address = options.address ?? null;
    const live: LiveSession = { id, user, kind, lastSeen: now, stored: now, expiresAt: now + lifetime, secondFactor: options.secondFactor ?? 'none', openedAt: now, copiedToSeat: false };
    const signedIn =
      this.journal && kind !== 'enrolment'
        ? {
            actor: { userId: user.id, role: user.role },
            type: 'session.signedIn' as const,
            payload: { sessionId: id, userId: user.id, username: user.username, kind, address, method: options.method ?? 'host', secondFactor: options.secondFactor ?? 'none' },
          }
        : null;
    await this.store.write.openSession({ tokenHash: hash, id, userId: user.id, kind, address, now: this.iso(now), expiresAt: this.iso(live.expiresAt) }, signedIn);
    this.cache.set(hash, live);
    this.presence.touch(user.id);
    return token;
  }

  private async live(token: string | null): Promise<{ hash: string; session: LiveSession }> {
    if (!token) throw new DutyFailure('unauthenticated', 'Sign in first: send Authorization: Bearer TOKEN.');
    const hash = tokenHash(token);
    let session = this.cache.get(hash);
    if (!session) {
      const row = await this.store.access.session(hash);
      if (!row) throw new DutyFailure('unauthenticated', 'This session has ended; sign in again.');
      const lastSeen = Date.parse(row.lastSeen);
      session = { id: row.id, user: row.user, kind: row.kind, lastSeen, stored: lastSeen, expiresAt: Date.parse(row.expiresAt), secondFactor: 'unknown', openedAt: Date.parse(row.createdAt), copiedToSeat: false };
      this.cache.set(hash, session);
    }
    const now = this.now();
    const end = sessionEnd(session, this.seatIdleMinutes() * MINUTE, now);
    if (end) {
      await this.store.write.closeSession(hash, null);
      this.ended(hash);
      throw new DutyFailure(
        'sessionExpired',
        end === 'idle' ? `Signed out after ${this.seatIdleMinutes()} minutes without use; sign in again.` : 'This session reached the end of its lifetime; sign in again.',
      );
    }
    session.lastSeen = now;
    if (now - session.stored >= SIGN_IN_POLICY.touchEveryMs) {
      session.stored = now;
      await this.store.write.touchSession(hash, this.iso(now));
    }
    this.presence.touch(session.user.id);
    return { hash, session };
  }

  /** The token's user; an enrolment session only where the caller says it may do (`enrolment`). */
  async userOf(token: string | null, options: { enrolment?: boolean } = {}): Promise<User> {
    return (await this.sessionOf(token, options)).user;
  }

  async sessionOf(token: string | null, options: { enrolment?: boolean } = {}): Promise<{ user: User; kind: SessionKind; id: string }> {
    const { session } = await this.live(token);
    if (session.kind === 'enrolment' && !options.enrolment) {
      throw new DutyFailure('enrolmentRequired', 'Enrol your second factor first: this session may do nothing else.');
    }
    return { user: session.user, kind: session.kind, id: session.id };
  }

  /** Without a trip to the store: whether a token hash's session is still good (the stream asks each heartbeat). */
  isLive(hash: string): boolean {
    const session = this.cache.get(hash);
    return session !== undefined && sessionEnd(session, this.seatIdleMinutes() * MINUTE, this.now()) === null;
  }

  async close(token: string): Promise<void> {
    const hash = tokenHash(token);
    const known = this.cache.get(hash) ?? (await this.store.access.session(hash));
    const signedOut = this.journal && known && known.kind !== 'enrolment' ? { actor: { userId: known.user.id, role: known.user.role }, type: 'session.signedOut' as const, payload: { sessionId: known.id, userId: known.user.id } } : null;
    await this.store.write.closeSession(hash, signedOut);
    this.ended(hash);
  }

  async list(): Promise<SessionSummary[]> {
    return this.store.access.sessionList();
  }

  async revoke(id: string, by: User): Promise<void> {
    const revoked = await this.store.write.revokeSession(id, { userId: by.id, role: by.role });
    if (!revoked) throw new DutyFailure('notFound', `No session ${id}; it may have ended already.`, 'id');
    this.ended(revoked.tokenHash);
  }

  // ---- the second factor --------------------------------------------------------------

  /** A secret for the signed-in user to enrol, as a URI and a QR code. */
  async beginEnrolment(user: User): Promise<{ otpauthUri: string; secret: string; qrSvg: string }> {
    if (!this.journal) throw new DutyFailure('forbidden', 'Enrol a second factor at the primary hub.');
    const secret = newTotpSecret();
    await this.store.write.beginSecondFactor(user.id, secret);
    const uri = otpauthUri(user.username, secret);
    return { otpauthUri: uri, secret, qrSvg: await qrSvg(uri) };
  }

  /**
   * The first code from the authenticator: enrolled, with ten recovery codes to keep. An
   * enrolment session is replaced by a full one (returned); a full session carries on.
   */
  async confirmEnrolment(token: string, code: string, address: string | null): Promise<{ recoveryCodes: string[]; token?: string; user?: User }> {
    const { user, kind } = await this.sessionOf(token, { enrolment: true });
    const secret = await this.store.access.pendingSecondFactor(user.id);
    if (!secret) throw new DutyFailure('conflict', 'Start the enrolment first: there is no secret waiting to be confirmed.');
    const step = totpStep(secret, code, this.now());
    if (step === null) throw new DutyFailure('badCredentials', 'That code does not match: check the phone\u2019s clock and enter the code it shows now.', 'code');
    const recoveryCodes = newRecoveryCodes();
    await this.store.write.confirmSecondFactor({ userId: user.id, role: user.role }, step, recoveryCodes.map(recoveryCodeHash));
    if (kind !== 'enrolment') return { recoveryCodes };
    await this.store.write.closeSession(tokenHash(token), null);
    this.ended(tokenHash(token));
    const full = await this.open(user, { kind: kindOf(user.role), address, method: 'password', secondFactor: 'totp' });
    return { recoveryCodes, token: full, user };
  }

  /**
   * The account's TOTP secret for a seat's replica, which signed this session in at this hub
   * with the user's password and a code a moment ago and keeps the secret sealed with a key
   * from that password (electron/hub/replica/seat-auth.ts). Only a seat session opened with an
   * authenticator code (not a recovery code) within SIGN_IN_POLICY.seatCopyWindowMs, and once
   * per session; journaled with the address it went to. A stolen token is worth the secret only
   * in those 2 minutes and only if the replica has not taken it yet.
   */
  async secondFactorForSeat(token: string, address: string | null): Promise<{ secret: string; lastStep: number }> {
    if (!this.journal) throw new DutyFailure('forbidden', 'A replica does not hand out second factors; its seats take them from the primary hub.');
    const { session } = await this.live(token);
    // Signed in with the password alone: the account has no second factor (the hub asks for one where it has).
    if (session.kind === 'seat' && session.secondFactor === 'none') throw new DutyFailure('notFound', 'This account has no second factor.');
    if (session.kind !== 'seat' || session.secondFactor !== 'totp' || this.now() - session.openedAt > SIGN_IN_POLICY.seatCopyWindowMs || session.copiedToSeat) {
      throw new DutyFailure('forbidden', 'A seat takes the second factor only once, within 2 minutes of a sign-in with an authenticator code; sign in again with a code.');
    }
    session.copiedToSeat = true;
    const copied = await this.store.write.copySecondFactorToSeat({ userId: session.user.id, role: session.user.role }, session.id, address);
    if (!copied) throw new DutyFailure('notFound', 'This account has no second factor.');
    return { secret: copied.secret, lastStep: copied.lastStep };
  }

  /** An admin takes a user's second factor away; the user's sessions end with it. */
  async resetSecondFactor(userId: string, by: User): Promise<void> {
    if (!this.journal) throw new DutyFailure('forbidden', 'Reset a second factor at the primary hub.');
    if (!(await this.store.access.user(userId))) throw new DutyFailure('notFound', `No user ${userId}.`, 'id');
    const { tokenHashes } = await this.store.write.resetSecondFactor(userId, { userId: by.id, role: by.role });
    for (const hash of tokenHashes) this.ended(hash);
  }

  // ---- pairing: how a window the host opens gets its session without a token in a URL ----

  /** A one-time code for a window to exchange (POST /sessions/pair) within a minute. */
  pairingCode(user: User): string {
    const now = this.now();
    for (const [code, pairing] of this.pairings) if (pairing.expiresAt <= now) this.pairings.delete(code);
    const code = randomBytes(24).toString('base64url');
    this.pairings.set(code, { user, expiresAt: now + SIGN_IN_POLICY.pairingTtlMs });
    return code;
  }

  async pair(code: string, address: string | null): Promise<SignInResult> {
    const pairing = this.pairings.get(code);
    // Single use: gone on the first try, good or late.
    this.pairings.delete(code);
    if (!pairing || pairing.expiresAt <= this.now()) {
      if (this.journal) await this.store.write.signInFailed({ username: '(pairing code)', userId: null, address, reason: 'badPairingCode' }, { maxFailures: SIGN_IN_POLICY.maxFailures, lockUntil: this.iso(this.now()) });
      throw new DutyFailure('badCredentials', 'This window\u2019s pairing code was used already or is over a minute old; open the window from its host again, or sign in.');
    }
    return { token: await this.open(pairing.user, { address, method: 'pairing' }), user: pairing.user };
  }
}

export function lockedOut(until: string): DutyFailure {
  return new DutyFailure('lockedOut', `Too many wrong sign-ins: this account is locked until ${until}. Try again then, or ask an admin.`);
}
