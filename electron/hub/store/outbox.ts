// A replica's outbox: commands taken while the primary could not be reached, kept in their
// own SQLite file beside the cache, so rebuilding the cache never loses one. Also the seat's
// remembered sign-ins, so an operator can sign in at the seat while the primary is away.
import Database from 'better-sqlite3';
import type { User } from '../../../shared/domain';
import type { DutyError } from '../../../shared/errors';
import type { CommandEnvelope, CommandResult } from '../../../shared/protocol/schemas';

export const OUTBOX_FILE = 'outbox.sqlite';

export type OutboxState = 'pending' | 'done' | 'conflict' | 'dismissed';

export interface OutboxItem {
  id: number;
  userId: string;
  envelope: CommandEnvelope;
  createdAt: string;
  state: OutboxState;
  error: DutyError | null;
  result: CommandResult | null;
  settledAt: string | null;
}

export interface RememberedSignIn {
  user: User;
  passwordHash: string;
  /** The user's own session at the primary: forwarded commands act as this user there. */
  primaryToken: string;
}

interface ItemRow {
  id: number;
  user_id: string;
  envelope: string;
  created_at: string;
  state: OutboxState;
  error: string | null;
  result: string | null;
  settled_at: string | null;
}

const toItem = (r: ItemRow): OutboxItem => ({
  id: r.id,
  userId: r.user_id,
  envelope: JSON.parse(r.envelope) as CommandEnvelope,
  createdAt: r.created_at,
  state: r.state,
  error: r.error ? (JSON.parse(r.error) as DutyError) : null,
  result: r.result ? (JSON.parse(r.result) as CommandResult) : null,
  settledAt: r.settled_at,
});

export type Settlement = { id: number; ok: true; result: CommandResult } | { id: number; ok: false; error: DutyError };

export class OutboxStore {
  private readonly db: Database.Database;
  private readonly s;

  constructor(
    file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // FULL: a 202 'pending' answer is a promise that the command will be sent.
    this.db.pragma('synchronous = FULL');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS outbox (
        id          INTEGER PRIMARY KEY AUTOINCREMENT,
        key         TEXT NOT NULL UNIQUE,
        user_id     TEXT NOT NULL,
        envelope    TEXT NOT NULL,
        created_at  TEXT NOT NULL,
        state       TEXT NOT NULL,
        error       TEXT,
        result      TEXT,
        settled_at  TEXT
      ) STRICT;
      CREATE INDEX IF NOT EXISTS outbox_by_state ON outbox(state, id);
      CREATE TABLE IF NOT EXISTS sign_ins (
        username      TEXT PRIMARY KEY,
        user_id       TEXT NOT NULL,
        user          TEXT NOT NULL,
        password_hash TEXT NOT NULL,
        primary_token TEXT NOT NULL,
        updated_at    TEXT NOT NULL
      ) STRICT, WITHOUT ROWID;
    `);
    const db = this.db;
    this.s = {
      byKey: db.prepare<[string], ItemRow>('SELECT * FROM outbox WHERE key = ?'),
      insert: db.prepare<[string, string, string, string], { id: number }>(
        "INSERT INTO outbox (key, user_id, envelope, created_at, state) VALUES (?, ?, ?, ?, 'pending') RETURNING id",
      ),
      pending: db.prepare<[number], ItemRow>("SELECT * FROM outbox WHERE state = 'pending' ORDER BY id LIMIT ?"),
      countPending: db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending'"),
      open: db.prepare<[], ItemRow>("SELECT * FROM outbox WHERE state IN ('pending', 'conflict') ORDER BY id"),
      settle: db.prepare<[string, string | null, string | null, string, number]>(
        "UPDATE outbox SET state = ?, result = ?, error = ?, settled_at = ? WHERE id = ? AND state = 'pending'",
      ),
      dismiss: db.prepare<[string, number]>("UPDATE outbox SET state = 'dismissed', settled_at = ? WHERE id = ? AND state = 'conflict'"),
      item: db.prepare<[number], ItemRow>('SELECT * FROM outbox WHERE id = ?'),
      signIn: db.prepare<[string], { user: string; password_hash: string; primary_token: string }>('SELECT user, password_hash, primary_token FROM sign_ins WHERE username = ?'),
      tokenOf: db.prepare<[string], { primary_token: string }>('SELECT primary_token FROM sign_ins WHERE user_id = ? ORDER BY updated_at DESC LIMIT 1'),
      remember: db.prepare<[string, string, string, string, string, string]>(
        `INSERT INTO sign_ins (username, user_id, user, password_hash, primary_token, updated_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT(username) DO UPDATE SET user_id = excluded.user_id, user = excluded.user, password_hash = excluded.password_hash,
           primary_token = excluded.primary_token, updated_at = excluded.updated_at`,
      ),
      forget: db.prepare<[string]>('DELETE FROM sign_ins WHERE username = ?'),
    };
  }

  close(): void {
    this.db.close();
  }

  /** Durable before it returns. The same idempotency key again is the same item, not a second one. */
  enqueue(userId: string, envelope: CommandEnvelope): OutboxItem {
    const existing = this.s.byKey.get(envelope.idempotencyKey);
    if (existing) return toItem(existing);
    const { id } = this.s.insert.get(envelope.idempotencyKey, userId, JSON.stringify(envelope), this.clock().toISOString())!;
    return toItem(this.s.item.get(id)!);
  }

  /** The oldest pending items, in the order they were taken. */
  pending(limit: number): OutboxItem[] {
    return this.s.pending.all(limit).map(toItem);
  }

  pendingCount(): number {
    return this.s.countPending.get()!.n;
  }

  /** What the operator must see: everything pending, and every refusal not yet dismissed. */
  open(): OutboxItem[] {
    return this.s.open.all().map(toItem);
  }

  item(id: number): OutboxItem | null {
    const row = this.s.item.get(id);
    return row ? toItem(row) : null;
  }

  /**
   * Records the primary's answers in one transaction. Losing this write (a crash before it
   * commits) is harmless: the items are sent again with their keys and answered the same.
   */
  settle(settlements: readonly Settlement[]): void {
    const at = this.clock().toISOString();
    this.db.transaction(() => {
      for (const s of settlements) {
        if (s.ok) this.s.settle.run('done', JSON.stringify(s.result), null, at, s.id);
        else this.s.settle.run('conflict', null, JSON.stringify(s.error), at, s.id);
      }
    })();
  }

  /** The operator has seen a refusal and dealt with it; returns false for anything else. */
  dismiss(id: number): boolean {
    return this.s.dismiss.run(this.clock().toISOString(), id).changes === 1;
  }

  rememberSignIn(username: string, signIn: RememberedSignIn): void {
    this.s.remember.run(username, signIn.user.id, JSON.stringify(signIn.user), signIn.passwordHash, signIn.primaryToken, this.clock().toISOString());
  }

  signIn(username: string): RememberedSignIn | null {
    const row = this.s.signIn.get(username);
    return row ? { user: JSON.parse(row.user) as User, passwordHash: row.password_hash, primaryToken: row.primary_token } : null;
  }

  forgetSignIn(username: string): void {
    this.s.forget.run(username);
  }

  primaryTokenOf(userId: string): string | null {
    return this.s.tokenOf.get(userId)?.primary_token ?? null;
  }
}
