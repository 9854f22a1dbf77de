// Who may be signed in, in the store: sessions with their kind and lifetime, the count of wrong
// sign-ins per account (so a lockout survives a restart), second factors and recovery codes.
// Every change a person would ask about later (signed in, failed, locked out, signed out,
// revoked, enrolled, reset, recovery code used) is journaled in the same transaction as the
// row it changes. The hub decides (electron/hub/api/sessions.ts); this only records.
import type { Role, User } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure } from '../../../shared/errors';
import { ACCESS_ENTRY_PAYLOADS, type AccessDraft, type SessionKind, type SessionSummary } from '../../../shared/protocol/auth';
import type { Db } from './sqlite';
import type { Journal } from './write/journal';
import type { Projections } from './write/projections';
import { toUser, type UserRow } from './read/user-row';

export interface SessionRow {
  tokenHash: string;
  id: string;
  user: User;
  kind: SessionKind;
  address: string | null;
  createdAt: string;
  lastSeen: string;
  expiresAt: string;
}

export interface SignInState {
  user: User;
  passwordHash: string | null;
  failures: number;
  lockedUntil: string | null;
  /** The account's TOTP secret once enrolled (crosses to the hub's thread, never to a client or the journal). */
  secondFactor: { secret: string; lastStep: number } | null;
}

export interface NewSession {
  tokenHash: string;
  id: string;
  userId: string;
  kind: SessionKind;
  address: string | null;
  now: string;
  expiresAt: string;
}

interface SessionJoinRow extends UserRow {
  token_hash: string;
  session_id: string;
  kind: SessionKind;
  address: string | null;
  created_at: string;
  last_seen: string;
  expires_at: string;
}


const toSession = (row: SessionJoinRow): SessionRow => ({
  tokenHash: row.token_hash,
  id: row.session_id,
  user: toUser(row),
  kind: row.kind,
  address: row.address,
  createdAt: row.created_at,
  lastSeen: row.last_seen,
  expiresAt: row.expires_at,
});

const SESSION_COLUMNS = 's.token_hash, s.id AS session_id, s.kind, s.address, s.created_at, s.last_seen, s.expires_at, u.*';

export class AccessStore {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly projections: Projections,
    private readonly clock: () => Date,
  ) {
    this.s = {
      signIn: db.prepare<[string], UserRow & { password_hash: string | null; failures: number | null; locked_until: string | null; secret: string | null; enrolled_at: string | null; last_step: number | null }>(
        `SELECT u.*, c.password_hash, f.failures, f.locked_until, t.secret, t.enrolled_at, t.last_step
         FROM users u LEFT JOIN credentials c ON c.user_id = u.id LEFT JOIN sign_in_failures f ON f.user_id = u.id LEFT JOIN second_factors t ON t.user_id = u.id
         WHERE u.username = ?`,
      ),
      failuresOf: db.prepare<[string], { failures: number; locked_until: string | null }>('SELECT failures, locked_until FROM sign_in_failures WHERE user_id = ?'),
      failuresPut: db.prepare('INSERT INTO sign_in_failures (user_id, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until'),
      failuresClear: db.prepare('DELETE FROM sign_in_failures WHERE user_id = ?'),
      sessionPut: db.prepare('INSERT INTO sessions (token_hash, id, user_id, kind, address, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      session: db.prepare<[string], SessionJoinRow>(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`),
      sessionById: db.prepare<[string], SessionJoinRow>(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`),
      sessions: db.prepare<[], SessionJoinRow>(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id ORDER BY s.created_at, s.id`),
      sessionsOfUser: db.prepare<[string], { token_hash: string }>('SELECT token_hash FROM sessions WHERE user_id = ?'),
      sessionTouch: db.prepare('UPDATE sessions SET last_seen = ? WHERE token_hash = ?'),
      sessionDelete: db.prepare('DELETE FROM sessions WHERE token_hash = ?'),
      sessionsDeleteOfUser: db.prepare('DELETE FROM sessions WHERE user_id = ?'),
      factor: db.prepare<[string], { secret: string; enrolled_at: string | null; last_step: number }>('SELECT secret, enrolled_at, last_step FROM second_factors WHERE user_id = ?'),
      factorPending: db.prepare(
        'INSERT INTO second_factors (user_id, secret, enrolled_at, last_step) VALUES (?, ?, NULL, 0) ON CONFLICT(user_id) DO UPDATE SET secret = excluded.secret, last_step = 0 WHERE enrolled_at IS NULL',
      ),
      factorEnrol: db.prepare('UPDATE second_factors SET enrolled_at = ?, last_step = ? WHERE user_id = ? AND enrolled_at IS NULL'),
      factorStep: db.prepare('UPDATE second_factors SET last_step = ? WHERE user_id = ? AND enrolled_at IS NOT NULL AND last_step < ?'),
      factorDelete: db.prepare('DELETE FROM second_factors WHERE user_id = ?'),
      recoveryPut: db.prepare('INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)'),
      recoveryUse: db.prepare('DELETE FROM recovery_codes WHERE user_id = ? AND code_hash = ?'),
      recoveryLeft: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM recovery_codes WHERE user_id = ?'),
      recoveryClear: db.prepare('DELETE FROM recovery_codes WHERE user_id = ?'),
    };
  }

  /** Appends access entries, each payload checked against its schema first, in the caller's transaction. */
  private record(drafts: readonly AccessDraft[]): JournalEntry[] {
    const time = this.clock().toISOString();
    return drafts.map((draft) => {
      const payload = ACCESS_ENTRY_PAYLOADS[draft.type].parse(draft.payload);
      const entry = this.journal.append({ time, actor: draft.actor.userId, role: draft.actor.role, type: draft.type, payload });
      this.projections.apply(entry);
      return entry;
    });
  }

  private write<T>(work: () => T): T {
    try {
      return this.db.transaction(work)();
    } finally {
      this.journal.forgetHead();
    }
  }

  signInState(username: string): SignInState | null {
    const row = this.s.signIn.get(username);
    if (!row) return null;
    return {
      user: toUser(row),
      passwordHash: row.password_hash,
      failures: row.failures ?? 0,
      lockedUntil: row.locked_until,
      secondFactor: row.secret !== null && row.enrolled_at !== null ? { secret: row.secret, lastStep: row.last_step ?? 0 } : null,
    };
  }

  /**
   * A wrong sign-in: journaled with the name tried and the address; for a known account the
   * count goes up, and at `maxFailures` the account is locked until `lockUntil`. Journal-free
   * (a replica's copy) when `journal` is false.
   */
  signInFailed(
    attempt: { username: string; userId: string | null; address: string | null; reason: 'unknownUser' | 'wrongPassword' | 'noPassword' | 'wrongCode' | 'lockedOut' | 'badPairingCode' },
    policy: { maxFailures: number; lockUntil: string },
    journal = true,
  ): { lockedUntil: string | null; entries: JournalEntry[] } {
    return this.write(() => {
      const drafts: AccessDraft[] = [
        { actor: { userId: 'system', role: 'system' }, type: 'session.signInFailed', payload: { username: attempt.username.slice(0, 64), address: attempt.address, reason: attempt.reason } },
      ];
      let lockedUntil: string | null = null;
      if (attempt.userId && attempt.reason !== 'lockedOut') {
        const failures = (this.s.failuresOf.get(attempt.userId)?.failures ?? 0) + 1;
        lockedUntil = failures >= policy.maxFailures ? policy.lockUntil : null;
        // A lockout starts the count again: after it ends, another run of wrong ones locks anew.
        this.s.failuresPut.run(attempt.userId, lockedUntil ? 0 : failures, lockedUntil);
        if (lockedUntil) {
          drafts.push({ actor: { userId: 'system', role: 'system' }, type: 'account.lockedOut', payload: { userId: attempt.userId, username: attempt.username, failures, until: lockedUntil, address: attempt.address } });
        }
      }
      return { lockedUntil, entries: journal ? this.record(drafts) : [] };
    });
  }

  /**
   * Opens a session (and, for a full one, clears the account's wrong sign-ins); `signedIn`
   * journals it. Enrolment sessions leave the count alone: the second factor is still to come.
   */
  openSession(session: NewSession, signedIn: Extract<AccessDraft, { type: 'session.signedIn' }> | null): JournalEntry[] {
    return this.write(() => {
      this.s.sessionPut.run(session.tokenHash, session.id, session.userId, session.kind, session.address, session.now, session.now, session.expiresAt);
      if (session.kind !== 'enrolment') this.s.failuresClear.run(session.userId);
      return signedIn ? this.record([signedIn]) : [];
    });
  }

  session(tokenHash: string): SessionRow | null {
    const row = this.s.session.get(tokenHash);
    return row ? toSession(row) : null;
  }

  sessionList(): SessionSummary[] {
    return this.s.sessions.all().map((row) => ({
      id: row.session_id,
      userId: row.id,
      username: row.username,
      name: row.name,
      role: row.role,
      kind: row.kind,
      address: row.address,
      openedAt: row.created_at,
      lastSeenAt: row.last_seen,
      expiresAt: row.expires_at,
    }));
  }

  touchSession(tokenHash: string, at: string): void {
    this.s.sessionTouch.run(at, tokenHash);
  }

  /** Ends a session; `signedOut` journals a sign-out (an expired one ends unjournaled). */
  closeSession(tokenHash: string, signedOut: Extract<AccessDraft, { type: 'session.signedOut' }> | null = null): JournalEntry[] {
    return this.write(() => {
      const gone = this.s.sessionDelete.run(tokenHash).changes > 0;
      return gone && signedOut ? this.record([signedOut]) : [];
    });
  }

  /** An admin ends someone's session by its short id; null when there is none. */
  revokeSession(id: string, by: { userId: string; role: Role | 'system' }): { tokenHash: string; entries: JournalEntry[] } | null {
    return this.write(() => {
      const row = this.s.sessionById.get(id);
      if (!row) return null;
      this.s.sessionDelete.run(row.token_hash);
      return { tokenHash: row.token_hash, entries: this.record([{ actor: by, type: 'session.revoked', payload: { sessionId: id, userId: row.id, by: by.userId } }]) };
    });
  }

  /** Hands out a secret for enrolment, replacing one not confirmed yet; refused once enrolled. */
  beginSecondFactor(userId: string, secret: string): void {
    this.write(() => {
      if (this.s.factor.get(userId)?.enrolled_at) throw new DutyFailure('conflict', 'This account has a second factor already; an admin resets it before a new one is enrolled.');
      this.s.factorPending.run(userId, secret);
    });
  }

  /** The secret handed out and not yet confirmed, if any. */
  pendingSecondFactor(userId: string): string | null {
    const row = this.s.factor.get(userId);
    return row && row.enrolled_at === null ? row.secret : null;
  }

  /** The code checked out (`step` is its time step): enrolled, with these recovery codes' hashes. */
  confirmSecondFactor(user: { userId: string; role: Role }, step: number, recoveryHashes: readonly string[]): JournalEntry[] {
    return this.write(() => {
      if (this.s.factorEnrol.run(this.clock().toISOString(), step, user.userId).changes === 0) {
        throw new DutyFailure('conflict', 'Start the enrolment again: there is no secret waiting to be confirmed.');
      }
      this.s.recoveryClear.run(user.userId);
      for (const hash of recoveryHashes) this.s.recoveryPut.run(user.userId, hash);
      return this.record([{ actor: user, type: 'secondFactor.enrolled', payload: { userId: user.userId } }]);
    });
  }

  /** Takes a TOTP time step for the account: false if it, or a later one, was used already (a replayed code). */
  useTotpStep(userId: string, step: number): boolean {
    return this.s.factorStep.run(step, userId, step).changes > 0;
  }

  /**
   * The enrolled secret for a seat's replica, journaled as copied (the entry names the session
   * and the replica's address, never the secret); null when the account has no second factor.
   */
  copySecondFactorToSeat(user: { userId: string; role: Role }, sessionId: string, address: string | null): { secret: string; lastStep: number; entries: JournalEntry[] } | null {
    return this.write(() => {
      const row = this.s.factor.get(user.userId);
      if (!row || row.enrolled_at === null) return null;
      const entries = this.record([{ actor: user, type: 'secondFactor.copiedToSeat', payload: { userId: user.userId, sessionId, address } }]);
      return { secret: row.secret, lastStep: row.last_step, entries };
    });
  }

  /** Consumes a recovery code; null when the account has no such unused code. */
  useRecoveryCode(user: { userId: string; role: Role }, codeHash: string): JournalEntry[] | null {
    return this.write(() => {
      if (this.s.recoveryUse.run(user.userId, codeHash).changes === 0) return null;
      const left = this.s.recoveryLeft.get(user.userId)!.n;
      return this.record([{ actor: user, type: 'recoveryCode.used', payload: { userId: user.userId, left } }]);
    });
  }

  /**
   * An admin takes an account's second factor away (a lost phone): secret and recovery codes
   * deleted, the account's sessions ended. Returns the ended sessions' hashes.
   */
  resetSecondFactor(userId: string, by: { userId: string; role: Role | 'system' }): { tokenHashes: string[]; entries: JournalEntry[] } {
    return this.write(() => {
      const tokenHashes = this.s.sessionsOfUser.all(userId).map((r) => r.token_hash);
      this.s.factorDelete.run(userId);
      this.s.recoveryClear.run(userId);
      this.s.sessionsDeleteOfUser.run(userId);
      return { tokenHashes, entries: this.record([{ actor: by, type: 'secondFactor.reset', payload: { userId, by: by.userId } }]) };
    });
  }

  /** For the demo room only: an account enrolled with a known secret (written to the data folder). */
  enrolDemoSecondFactor(userId: string, secret: string): { entries: JournalEntry[] } {
    return this.write(() => {
      this.s.factorDelete.run(userId);
      this.s.factorPending.run(userId, secret);
      this.s.factorEnrol.run(this.clock().toISOString(), 0, userId);
      return { entries: this.record([{ actor: { userId: 'system', role: 'system' }, type: 'secondFactor.enrolled', payload: { userId } }]) };
    });
  }
}
