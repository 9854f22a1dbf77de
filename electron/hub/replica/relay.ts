// Commands a window sends to a replica: forwarded to the primary as the issuing user (with
// the window's idempotency key), or, when the primary is out of reach, kept in the outbox and
// answered "pending". The outbox replays in the order it was taken; a refusal is kept as a
// conflict for the operator, never dropped.
import type { User } from '../../../shared/domain';
import { DutyFailure, dutyError, type DutyError } from '../../../shared/errors';
import type { CommandAnswer } from '../../../shared/protocol/replica';
import type { CommandEnvelope, CommandResult } from '../../../shared/protocol/schemas';
import type { OutboxItem, OutboxStore, Settlement } from '../store/outbox/outbox';
import { PrimaryUnreachable, type PrimaryClient } from './primary-client';

/** Items sent per outbox transaction: their settlements are written together. */
const REPLAY_BATCH = 100;

export interface ReplayOutcome {
  sent: number;
  conflicts: number;
  /** The primary went away mid-replay; what is left stays pending. */
  interrupted: boolean;
}

export class OutboxRelay {
  private replaying: Promise<ReplayOutcome> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly outbox: OutboxStore,
    private readonly primary: PrimaryClient,
    private readonly log: (line: string) => void = (line) => console.log(line),
  ) {}

  /** Retries the outbox every `everyMs` while something is pending (the link may return unnoticed). */
  startRetrying(everyMs: number): void {
    this.timer ??= setInterval(() => {
      if (this.outbox.pendingCount()) void this.replay();
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.replaying;
  }

  async submit(user: User, envelope: CommandEnvelope): Promise<CommandAnswer> {
    const token = this.outbox.primaryTokenOf(user.id);
    if (!token) throw new DutyFailure('unauthenticated', 'This seat holds no session at the primary for you: sign in again.');
    // Behind anything already waiting, or commands would reach the primary out of order.
    if (!this.replaying && this.outbox.pendingCount() === 0) {
      try {
        return await this.primary.command(token, envelope);
      } catch (error) {
        if (!(error instanceof PrimaryUnreachable)) throw error;
        // No answer: it may or may not have applied. The outbox resends with the same key,
        // and the primary answers a repeated key with its first answer.
      }
    }
    const item = this.outbox.enqueue(user.id, envelope);
    void this.replay();
    return { ok: true, pending: true, outboxId: item.id };
  }

  /** Sends what is pending, oldest first, until the outbox is empty or the primary goes away. */
  replay(): Promise<ReplayOutcome> {
    return (this.replaying ??= this.drain().finally(() => {
      this.replaying = null;
    }));
  }

  private async drain(): Promise<ReplayOutcome> {
    const outcome: ReplayOutcome = { sent: 0, conflicts: 0, interrupted: false };
    while (!outcome.interrupted) {
      const items = this.outbox.pending(REPLAY_BATCH);
      if (!items.length) break;
      const settlements: Settlement[] = [];
      for (const run of runsByUser(items)) {
        const token = this.outbox.primaryTokenOf(run[0]!.userId);
        let answers: Array<CommandResult | { ok: false; error: DutyError }>;
        try {
          if (!token) throw new DutyFailure('unauthenticated', 'No session at the primary for the user who took this; sign in and take it again.');
          answers = await this.primary.commandBatch(token, run.map((i) => i.envelope));
        } catch (error) {
          if (error instanceof PrimaryUnreachable) {
            outcome.interrupted = true;
            break;
          }
          // The whole run was refused (the user's session at the primary ended, say).
          const refusal = error instanceof DutyFailure ? error.error : dutyError('internal', String(error));
          answers = run.map(() => ({ ok: false as const, error: refusal }));
        }
        for (const [i, item] of run.entries()) {
          const answer = answers[i]!;
          if (answer.ok) {
            settlements.push({ id: item.id, ok: true, result: answer });
            outcome.sent++;
            continue;
          }
          // The primary could not write: nothing was decided, so it stays pending.
          if (answer.error.code === 'unavailable') {
            outcome.interrupted = true;
            break;
          }
          settlements.push({ id: item.id, ok: false, error: answer.error });
          outcome.conflicts++;
          this.log(`Outbox: the primary refused ${item.envelope.type} (outbox ${item.id}): ${answer.error.code} — ${answer.error.message}. Kept as a conflict for the operator.`);
        }
        if (outcome.interrupted) break;
      }
      this.outbox.settle(settlements);
    }
    return outcome;
  }
}

/** Consecutive items of one user: they go to the primary as one batch, in order. */
function runsByUser(items: readonly OutboxItem[]): OutboxItem[][] {
  const runs: OutboxItem[][] = [];
  for (const item of items) {
    const last = runs[runs.length - 1];
    if (last && last[0]!.userId === item.userId) last.push(item);
    else runs.push([item]);
  }
  return runs;
}
