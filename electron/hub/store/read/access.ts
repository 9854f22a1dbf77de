// Read model: who may sign in: users, their credentials and sign-in state (wrong sign-ins,
// lockout, second factor), the open sessions, and a second factor waiting to be confirmed.
import type { Role, User } from '../../../../shared/domain';
import type { SessionKind, SessionSummary } from '../../../../shared/protocol/auth';
import type { Db } from '../sqlite';
import { toUser, type UserRow } from './user-row';

export type AccessReadModel = ReturnType<typeof accessReadModel>;

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

export interface SessionJoinRow extends UserRow {
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

export const SESSION_COLUMNS = 's.token_hash, s.id AS session_id, s.kind, s.address, s.created_at, s.last_seen, s.expires_at, u.*';

export function accessReadModel(db: Db) {
  const s = {
    userById: db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?'),
    userByName: db.prepare<[string], UserRow & { password_hash: string | null }>(
      'SELECT u.*, c.password_hash FROM users u LEFT JOIN credentials c ON c.user_id = u.id WHERE u.username = ?',
    ),
    usersByRole: db.prepare<[string], UserRow>('SELECT * FROM users WHERE role = ? ORDER BY created_seq'),
    users: db.prepare<[], UserRow>('SELECT * FROM users ORDER BY created_seq'),
    signIn: db.prepare<[string], UserRow & { password_hash: string | null; failures: number | null; locked_until: string | null; secret: string | null; enrolled_at: string | null; last_step: number | null }>(
      `SELECT u.*, c.password_hash, f.failures, f.locked_until, t.secret, t.enrolled_at, t.last_step
       FROM users u LEFT JOIN credentials c ON c.user_id = u.id LEFT JOIN sign_in_failures f ON f.user_id = u.id LEFT JOIN second_factors t ON t.user_id = u.id
       WHERE u.username = ?`,
    ),
    session: db.prepare<[string], SessionJoinRow>(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?`),
    sessions: db.prepare<[], SessionJoinRow>(`SELECT ${SESSION_COLUMNS} FROM sessions s JOIN users u ON u.id = s.user_id ORDER BY s.created_at, s.id`),
    factor: db.prepare<[string], { secret: string; enrolled_at: string | null }>('SELECT secret, enrolled_at FROM second_factors WHERE user_id = ?'),
  };
  return {
    user(id: string): User | null {
      const row = s.userById.get(id);
      return row ? toUser(row) : null;
    },

    /** In the order they were created; one role's, or everyone's. */
    users(role?: Role): User[] {
      return (role ? s.usersByRole.all(role) : s.users.all()).map(toUser);
    },

    credentialsOf(username: string): { user: User; passwordHash: string | null } | null {
      const row = s.userByName.get(username);
      if (!row) return null;
      return { user: toUser(row), passwordHash: row.password_hash };
    },

    signInState(username: string): SignInState | null {
      const row = s.signIn.get(username);
      if (!row) return null;
      return {
        user: toUser(row),
        passwordHash: row.password_hash,
        failures: row.failures ?? 0,
        lockedUntil: row.locked_until,
        secondFactor: row.secret !== null && row.enrolled_at !== null ? { secret: row.secret, lastStep: row.last_step ?? 0 } : null,
      };
    },

    session(tokenHash: string): SessionRow | null {
      const row = s.session.get(tokenHash);
      return row ? toSession(row) : null;
    },

    sessionList(): SessionSummary[] {
      return s.sessions.all().map((row) => ({
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
    },

    /** The secret handed out and not yet confirmed, if any. */
    pendingSecondFactor(userId: string): string | null {
      const row = s.factor.get(userId);
      return row && row.enrolled_at === null ? row.secret : null;
    },
  };
}
