// A replica's outbox: commands taken while the primary could not be reached, kept in their
// own SQLite file beside the cache, so rebuilding the cache never loses one. Also the seat's
// remembered sign-ins, so an operator can sign in at the seat while the primary is away, with
// a sealed copy of the account's second factor and a count of wrong sign-ins made here.
import Database from 'better-sqlite3';
import type { User } from '../../../../shared/domain';
import type { DutyError } from '../../../../shared/errors';
import type { CommandEnvelope, CommandResult } from '../../../../shared/protocol/schemas';
import type { SealedSecret } from '../../replica/sealed-secret';
import { OUTBOX_MIGRATIONS } from './outbox-schema';

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
  /** The account signs in with a second factor (as the primary said at this sign-in). */
  secondFactor: boolean;
}

/** A seat's sealed copy of an account's TOTP secret and the newest time step used with it. */
export interface SeatSecondFactor {
  box: SealedSecret;
  lastStep: number;
}

function migrateOutbox(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > OUTBOX_MIGRATIONS.length) {
    throw new Error(`The outbox has schema version ${current}, newer than this DutyDeck knows (${OUTBOX_MIGRATIONS.length}); upgrade DutyDeck. The file was left untouched.`);
  }
  for (let version = current; version < OUTBOX_MIGRATIONS.length; version++) {
    db.transaction(() => {
      OUTBOX_MIGRATIONS[version]!(db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
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
    migrateOutbox(this.db);
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
      signIn: db.prepare<[string], { user: string; password_hash: string; primary_token: string; second_factor: number }>(
        'SELECT user, password_hash, primary_token, second_factor FROM sign_ins WHERE username = ?',
      ),
      tokenOf: db.prepare<[string], { primary_token: string }>('SELECT primary_token FROM sign_ins WHERE user_id = ? ORDER BY updated_at DESC LIMIT 1'),
      remember: db.prepare<[string, string, string, string, string, number, string]>(
        `INSERT INTO sign_ins (username, user_id, user, password_hash, primary_token, second_factor, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(username) DO UPDATE SET user_id = excluded.user_id, user = excluded.user, password_hash = excluded.password_hash,
           primary_token = excluded.primary_token, second_factor = excluded.second_factor, updated_at = excluded.updated_at`,
      ),
      forget: db.prepare<[string]>('DELETE FROM sign_ins WHERE username = ?'),
      factorPut: db.prepare<[string, Buffer, Buffer, Buffer, number]>(
        `INSERT INTO seat_second_factors (username, salt, iv, sealed, last_step) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(username) DO UPDATE SET salt = excluded.salt, iv = excluded.iv, sealed = excluded.sealed, last_step = max(last_step, excluded.last_step)`,
      ),
      factor: db.prepare<[string], { salt: Buffer; iv: Buffer; sealed: Buffer; last_step: number }>('SELECT salt, iv, sealed, last_step FROM seat_second_factors WHERE username = ?'),
      factorStep: db.prepare<[number, string, number]>('UPDATE seat_second_factors SET last_step = ? WHERE username = ? AND last_step < ?'),
      factorForget: db.prepare<[string]>('DELETE FROM seat_second_factors WHERE username = ?'),
      factorForgetOfUser: db.prepare<[string]>('DELETE FROM seat_second_factors WHERE username IN (SELECT username FROM sign_ins WHERE user_id = ?)'),
      failuresOf: db.prepare<[string], { failures: number; locked_until: string | null }>('SELECT failures, locked_until FROM seat_sign_in_failures WHERE username = ?'),
      failuresPut: db.prepare<[string, number, string | null]>(
        'INSERT INTO seat_sign_in_failures (username, failures, locked_until) VALUES (?, ?, ?) ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until',
      ),
      failuresClear: db.prepare<[string]>('DELETE FROM seat_sign_in_failures WHERE username = ?'),
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
    this.s.remember.run(username, signIn.user.id, JSON.stringify(signIn.user), signIn.passwordHash, signIn.primaryToken, signIn.secondFactor ? 1 : 0, this.clock().toISOString());
  }

  signIn(username: string): RememberedSignIn | null {
    const row = this.s.signIn.get(username);
    return row ? { user: JSON.parse(row.user) as User, passwordHash: row.password_hash, primaryToken: row.primary_token, secondFactor: row.second_factor === 1 } : null;
  }

  /** Forgets the sign-in and the sealed secret with it (sealed under a password that is no longer known good). */
  forgetSignIn(username: string): void {
    this.db.transaction(() => {
      this.s.factorForget.run(username);
      this.s.forget.run(username);
    })();
  }

  primaryTokenOf(userId: string): string | null {
    return this.s.tokenOf.get(userId)?.primary_token ?? null;
  }

  // ---- the second factor while the primary is away (seat-auth.ts) ----

  /** Keeps a sealed secret; the newest step used here is kept if it is past the primary's. */
  rememberSecondFactor(username: string, factor: SeatSecondFactor): void {
    this.s.factorPut.run(username, factor.box.salt, factor.box.iv, factor.box.sealed, factor.lastStep);
  }

  secondFactor(username: string): SeatSecondFactor | null {
    const row = this.s.factor.get(username);
    return row ? { box: { salt: row.salt, iv: row.iv, sealed: row.sealed }, lastStep: row.last_step } : null;
  }

  forgetSecondFactor(username: string): void {
    this.s.factorForget.run(username);
  }

  /** An admin reset the account's second factor at the primary: its copy here goes too. */
  forgetSecondFactorsOf(userId: string): void {
    this.s.factorForgetOfUser.run(userId);
  }

  /** Takes a TOTP time step: false if it, or a later one, was used here already (a replayed code). */
  useTotpStep(username: string, step: number): boolean {
    return this.s.factorStep.run(step, username, step).changes > 0;
  }

  /** When the account's lockout here ends, if it is locked (the time may have passed). */
  lockedUntil(username: string): string | null {
    return this.s.failuresOf.get(username)?.locked_until ?? null;
  }

  /** A wrong password or code here: counted, and at `maxFailures` the account is locked until `lockUntil`. */
  signInFailed(username: string, policy: { maxFailures: number; lockUntil: string }): string | null {
    return this.db.transaction(() => {
      const failures = (this.s.failuresOf.get(username)?.failures ?? 0) + 1;
      const lockedUntil = failures >= policy.maxFailures ? policy.lockUntil : null;
      // A lockout starts the count again, as at the primary.
      this.s.failuresPut.run(username, lockedUntil ? 0 : failures, lockedUntil);
      return lockedUntil;
    })();
  }

  clearSignInFailures(username: string): void {
    this.s.failuresClear.run(username);
  }
}
