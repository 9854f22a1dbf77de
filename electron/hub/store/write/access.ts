// Who may sign in, as it changes: users and credentials, sessions with their kind and
// lifetime, the count of wrong sign-ins per account (so a lockout survives a restart), second
// factors and recovery codes. Every change a person would ask about later (created, signed
// in, failed, locked out, signed out, revoked, enrolled, reset, recovery code used) is
// journaled in the same transaction as the row it changes. The hub decides
// (electron/hub/api/sessions.ts); this only records.
import type { Role, User } from '../../../../shared/domain';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { DutyFailure } from '../../../../shared/errors';
import { ACCESS_ENTRY_PAYLOADS, type AccessDraft, type SessionKind } from '../../../../shared/protocol/auth';
import type { Actor } from '../../engine/actor';
import { SESSION_COLUMNS, type SessionJoinRow } from '../read/access';
import type { Writer } from './writer';

export interface NewUser {
  id: string;
  username: string;
  name: string;
  role: Role;
  passwordHash: string | null;
  regionId?: string | null;
  unitId?: string | null;
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

type SignInFailure = 'unknownUser' | 'wrongPassword' | 'noPassword' | 'wrongCode' | 'lockedOut' | 'badPairingCode';

export function accessWrites(writer: Writer) {
  const { db, clock } = writer;
  const s = {
    userByName: db.prepare<[string], { id: string }>('SELECT id FROM users WHERE username = ?'),
    credentialPut: db.prepare('INSERT INTO credentials (user_id, password_hash) VALUES (?, ?)'),
    failuresOf: db.prepare<[string], { failures: number; locked_until: string | null }>('SELECT failures, locked_until FROM sign_in_failures WHERE user_id = ?'),
    failuresPut: db.prepare('INSERT INTO sign_in_failures (user_id, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT(user_id) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until'),
    failuresClear: db.prepare('DELETE FROM sign_in_failures WHERE user_id = ?'),
    sessionPut: db.prepare('INSERT INTO sessions (token_hash, id, user_id, kind, address, created_at, last_seen, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
    sessionById: db.prepare<[string], SessionJoinRow>(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = ?`),
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

  /** Appends access entries, each payload checked against its schema first, in the caller's transaction. */
  const record = (drafts: readonly AccessDraft[]): JournalEntry[] => {
    const time = clock().toISOString();
    return drafts.map((draft) => {
      const payload = ACCESS_ENTRY_PAYLOADS[draft.type].parse(draft.payload);
      return writer.append({ time, actor: draft.actor.userId, role: draft.actor.role, type: draft.type, payload });
    });
  };

  return {
    /** Creates a user through the journal; the password hash goes to credentials, not the journal. */
    createUser(user: NewUser, by: Actor): { user: User; entry: JournalEntry } {
      return writer.transaction(() => {
        if (s.userByName.get(user.username)) {
          throw new DutyFailure('conflict', `A user named ${user.username} exists already.`, 'username');
        }
        const profile = { id: user.id, username: user.username, name: user.name, role: user.role, regionId: user.regionId ?? null, unitId: user.unitId ?? null };
        const entry = writer.append({ time: clock().toISOString(), actor: by.userId, role: by.role, type: 'user.created', payload: { user: profile } });
        if (user.passwordHash !== null) s.credentialPut.run(user.id, user.passwordHash);
        return { user: profile, entry };
      });
    },

    /**
     * A wrong sign-in: journaled with the name tried and the address; for a known account the
     * count goes up, and at `maxFailures` the account is locked until `lockUntil`. Journal-free
     * (a replica's copy) when `journal` is false.
     */
    signInFailed(
      attempt: { username: string; userId: string | null; address: string | null; reason: SignInFailure },
      policy: { maxFailures: number; lockUntil: string },
      journal = true,
    ): { lockedUntil: string | null; entries: JournalEntry[] } {
      return writer.transaction(() => {
        const drafts: AccessDraft[] = [
          { actor: { userId: 'system', role: 'system' }, type: 'session.signInFailed', payload: { username: attempt.username.slice(0, 64), address: attempt.address, reason: attempt.reason } },
        ];
        let lockedUntil: string | null = null;
        if (attempt.userId && attempt.reason !== 'lockedOut') {
          const failures = (s.failuresOf.get(attempt.userId)?.failures ?? 0) + 1;
          lockedUntil = failures >= policy.maxFailures ? policy.lockUntil : null;
          // A lockout starts the count again: after it ends, another run of wrong ones locks anew.
          s.failuresPut.run(attempt.userId, lockedUntil ? 0 : failures, lockedUntil);
          if (lockedUntil) {
            drafts.push({ actor: { userId: 'system', role: 'system' }, type: 'account.lockedOut', payload: { userId: attempt.userId, username: attempt.username, failures, until: lockedUntil, address: attempt.address } });
          }
        }
        return { lockedUntil, entries: journal ? record(drafts) : [] };
      });
    },

    /**
     * Opens a session (and, for a full one, clears the account's wrong sign-ins); `signedIn`
     * journals it. Enrolment sessions leave the count alone: the second factor is still to come.
     */
    openSession(session: NewSession, signedIn: Extract<AccessDraft, { type: 'session.signedIn' }> | null): { entries: JournalEntry[] } {
      return writer.transaction(() => {
        s.sessionPut.run(session.tokenHash, session.id, session.userId, session.kind, session.address, session.now, session.now, session.expiresAt);
        if (session.kind !== 'enrolment') s.failuresClear.run(session.userId);
        return { entries: signedIn ? record([signedIn]) : [] };
      });
    },

    touchSession(tokenHash: string, at: string): void {
      s.sessionTouch.run(at, tokenHash);
    },

    /** Ends a session; `signedOut` journals a sign-out (an expired one ends unjournaled). */
    closeSession(tokenHash: string, signedOut: Extract<AccessDraft, { type: 'session.signedOut' }> | null = null): { entries: JournalEntry[] } {
      return writer.transaction(() => {
        const gone = s.sessionDelete.run(tokenHash).changes > 0;
        return { entries: gone && signedOut ? record([signedOut]) : [] };
      });
    },

    /** An admin ends someone's session by its short id; null when there is none. */
    revokeSession(id: string, by: Actor): { tokenHash: string; entries: JournalEntry[] } | null {
      return writer.transaction(() => {
        const row = s.sessionById.get(id);
        if (!row) return null;
        s.sessionDelete.run(row.token_hash);
        const actor = { userId: by.userId, role: by.role };
        return { tokenHash: row.token_hash, entries: record([{ actor, type: 'session.revoked', payload: { sessionId: id, userId: row.id, by: by.userId } }]) };
      });
    },

    /** Hands out a secret for enrolment, replacing one not confirmed yet; refused once enrolled. */
    beginSecondFactor(userId: string, secret: string): void {
      writer.transaction(() => {
        if (s.factor.get(userId)?.enrolled_at) throw new DutyFailure('conflict', 'This account has a second factor already; an admin resets it before a new one is enrolled.');
        s.factorPending.run(userId, secret);
      });
    },

    /** The code checked out (`step` is its time step): enrolled, with these recovery codes' hashes. */
    confirmSecondFactor(user: { userId: string; role: Role }, step: number, recoveryHashes: readonly string[]): { entries: JournalEntry[] } {
      return writer.transaction(() => {
        if (s.factorEnrol.run(clock().toISOString(), step, user.userId).changes === 0) {
          throw new DutyFailure('conflict', 'Start the enrolment again: there is no secret waiting to be confirmed.');
        }
        s.recoveryClear.run(user.userId);
        for (const hash of recoveryHashes) s.recoveryPut.run(user.userId, hash);
        return { entries: record([{ actor: user, type: 'secondFactor.enrolled', payload: { userId: user.userId } }]) };
      });
    },

    /** Takes a TOTP time step for the account: false if it, or a later one, was used already (a replayed code). */
    useTotpStep(userId: string, step: number): boolean {
      return s.factorStep.run(step, userId, step).changes > 0;
    },

    /**
     * The enrolled secret for a seat's replica, journaled as copied (the entry names the session
     * and the replica's address, never the secret); null when the account has no second factor.
     */
    copySecondFactorToSeat(user: { userId: string; role: Role }, sessionId: string, address: string | null): { secret: string; lastStep: number; entries: JournalEntry[] } | null {
      return writer.transaction(() => {
        const row = s.factor.get(user.userId);
        if (!row || row.enrolled_at === null) return null;
        const entries = record([{ actor: user, type: 'secondFactor.copiedToSeat', payload: { userId: user.userId, sessionId, address } }]);
        return { secret: row.secret, lastStep: row.last_step, entries };
      });
    },

    /** Consumes a recovery code; null when the account has no such unused code. */
    useRecoveryCode(user: { userId: string; role: Role }, codeHash: string): { entries: JournalEntry[] } | null {
      return writer.transaction(() => {
        if (s.recoveryUse.run(user.userId, codeHash).changes === 0) return null;
        const left = s.recoveryLeft.get(user.userId)!.n;
        return { entries: record([{ actor: user, type: 'recoveryCode.used', payload: { userId: user.userId, left } }]) };
      });
    },

    /**
     * An admin takes an account's second factor away (a lost phone): secret and recovery codes
     * deleted, the account's sessions ended. Returns the ended sessions' hashes.
     */
    resetSecondFactor(userId: string, by: Actor): { tokenHashes: string[]; entries: JournalEntry[] } {
      return writer.transaction(() => {
        const tokenHashes = s.sessionsOfUser.all(userId).map((r) => r.token_hash);
        s.factorDelete.run(userId);
        s.recoveryClear.run(userId);
        s.sessionsDeleteOfUser.run(userId);
        const actor = { userId: by.userId, role: by.role };
        return { tokenHashes, entries: record([{ actor, type: 'secondFactor.reset', payload: { userId, by: by.userId } }]) };
      });
    },

    /** For the demo room only: an account enrolled with a known secret (written to the data folder). */
    enrolDemoSecondFactor(userId: string, secret: string): { entries: JournalEntry[] } {
      return writer.transaction(() => {
        s.factorDelete.run(userId);
        s.factorPending.run(userId, secret);
        s.factorEnrol.run(clock().toISOString(), 0, userId);
        return { entries: record([{ actor: { userId: 'system', role: 'system' }, type: 'secondFactor.enrolled', payload: { userId } }]) };
      });
    },
  };
}
