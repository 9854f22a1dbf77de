// Status back to the source: when an incident a channel reported changes state, the
// channel's configured callback URL gets a signed JSON notice. Retried with exponential
// backoff; a notice that still fails is kept as a dead letter an admin lists and replays.
// Only the URL an admin configured is ever called, and redirects are not followed.
// Notices are derived from the journal: a cursor in the store says how far every notice was
// delivered or dead-lettered, and a hub that crashed turns the entries after it into notices
// again when it starts. So a notice is never lost; it may come twice, with the same id.
import { hash } from 'node:crypto';
import type { Channel, IncidentState } from '../../../shared/domain';
import type { EntryType, JournalEntry } from '../../../shared/journal/catalog';
import type { StoreClient } from '../store/thread/client';
import { SIGNATURE_HEADER, sign } from './sign';

export interface StatusNotice {
  incidentId: string;
  externalId: string;
  state: IncidentState;
  at: string;
  note?: string;
}

/** The state an incident is in after each entry that changes it. */
const STATE_AFTER = {
  'incident.triaged': 'triaged',
  'incident.dispatched': 'dispatched',
  'unit.accepted': 'accepted',
  'unit.arrived': 'onScene',
  'incident.resolved': 'resolved',
  'incident.closed': 'closed',
  'incident.reopened': 'reopened',
  'incident.cancelled': 'cancelled',
  'incident.returned': 'returned',
  'incident.merged': 'merged',
} as const satisfies Partial<Record<EntryType, IncidentState>>;

/** An entry that changes an incident's state, which its reporting channel is told of. */
type NoticeEntry = Extract<JournalEntry, { type: keyof typeof STATE_AFTER }>;

const isNoticeEntry = (entry: JournalEntry): entry is NoticeEntry => Object.hasOwn(STATE_AFTER, entry.type);

/** The words the notice carries: a reason, a summary, or the incident it was merged into. */
function noteOf(entry: NoticeEntry): string | undefined {
  switch (entry.type) {
    case 'incident.returned':
    case 'incident.reopened':
    case 'incident.cancelled':
      return entry.payload.reason;
    case 'incident.resolved':
      return entry.payload.summary;
    case 'incident.merged':
      return entry.payload.into ? `并入 ${entry.payload.into}` : undefined;
    default:
      return undefined;
  }
}

export interface NotifierOptions {
  attempts?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  log?: (line: string) => void;
}

interface Pending {
  /** The journal entry the notice is for. */
  seq: number;
  channel: Channel;
  url: string;
  body: string;
  secret: string | null;
  attempt: number;
  lastError: string;
  timer: ReturnType<typeof setTimeout> | null;
}

/** The same notice has the same id, sent again after a crash or replayed by an admin: the source can drop repeats. */
export const deliveryId = (body: string) => hash('sha256', body).slice(0, 32);

/** Waits this long before saving the cursor, so a burst of deliveries is one write. */
const CURSOR_SAVE_MS = 250;
/** Entries read per page when a starting hub catches up on notices it owes. */
const RESUME_PAGE = 1_000;

export async function deliver(url: string, body: string, secret: string | null, timeoutMs: number): Promise<string | null> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-dutydeck-delivery': deliveryId(body) };
  if (secret) headers[SIGNATURE_HEADER] = sign(body, secret);
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.arrayBuffer().catch(() => undefined);
    return response.status >= 200 && response.status < 300 ? null : `HTTP ${response.status}`;
  } catch (error) {
    return (error as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : `${(error as Error).message}${(error as { cause?: Error }).cause ? `: ${(error as { cause: Error }).cause.message}` : ''}`;
  }
}

export class CallbackNotifier {
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly timeoutMs: number;
  private readonly log: (line: string) => void;
  /** Channels with a callback URL: when none has one, entries cost nothing. */
  private callbacks = new Map<Channel, { url: string; secret: string | null }>();
  private readonly pending = new Set<Pending>();
  /** Entries are handled one batch after another, so a source hears its states in order. */
  private chain: Promise<void> = Promise.resolve();
  private stopped = false;
  /** Notices not yet delivered nor dead-lettered, per journal seq (ascending, as entries come). */
  private readonly outstanding = new Map<number, number>();
  /** The newest entry already turned into notices. */
  private processedThrough = 0;
  private savedCursor = -1;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly store: StoreClient,
    options: NotifierOptions = {},
  ) {
    this.attempts = options.attempts ?? 5;
    this.baseDelayMs = options.baseDelayMs ?? 1_000;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.log = options.log ?? (() => {});
  }

  async loadCallbacks(): Promise<void> {
    const next = new Map<Channel, { url: string; secret: string | null }>();
    for (const integration of await this.store.intake.integrations()) {
      const callback = await this.store.intake.integrationCallback(integration.channel);
      if (callback) next.set(integration.channel, callback);
    }
    this.callbacks = next;
  }

  /**
   * At start, before new entries arrive: the entries after the stored cursor become notices
   * again (those a crash cut off). The first start with callbacks owes nothing for history.
   */
  async resume(): Promise<number> {
    const cursor = await this.store.intake.callbackCursor();
    const head = await this.store.journal.seq();
    if (cursor === null) {
      await this.store.write.advanceCallbackCursor(head);
      this.processedThrough = this.savedCursor = head;
      return 0;
    }
    this.processedThrough = this.savedCursor = cursor;
    let after = cursor;
    while (after < head) {
      const { entries } = await this.store.journal.page(after, Math.min(RESUME_PAGE, head - after));
      if (!entries.length) break;
      this.onEntries(entries);
      after = entries[entries.length - 1]!.seq;
    }
    await this.chain;
    return after - cursor;
  }

  onEntries(entries: readonly JournalEntry[]): void {
    const last = entries[entries.length - 1]?.seq;
    if (this.stopped || last === undefined) return;
    const accounts = entries.some((e) => e.type === 'integration.created');
    const relevant = entries.filter(isNoticeEntry);
    this.chain = this.chain
      .then(async () => {
        if (accounts) await this.loadCallbacks();
        if (this.callbacks.size) for (const entry of relevant) await this.noticesFor(entry);
      })
      .catch((error: unknown) => this.log(`Status callbacks: ${String(error)}`))
      .then(() => {
        this.processedThrough = Math.max(this.processedThrough, last);
        this.scheduleSave();
      });
  }

  /** Everything up to here was delivered or dead-lettered. */
  private cursor(): number {
    for (const seq of this.outstanding.keys()) return seq - 1;
    return this.processedThrough;
  }

  private scheduleSave(): void {
    if (this.saveTimer || this.cursor() === this.savedCursor) return;
    this.saveTimer = setTimeout(() => void this.saveCursor(), CURSOR_SAVE_MS);
    this.saveTimer.unref();
  }

  private async saveCursor(): Promise<void> {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    const cursor = this.cursor();
    if (cursor === this.savedCursor) return;
    try {
      await this.store.write.advanceCallbackCursor(cursor);
      this.savedCursor = cursor;
    } catch (error) {
      // Not saved: a crash now re-sends a little more, nothing is lost.
      this.log(`Status callbacks: could not save how far they went: ${String(error)}`);
    }
  }

  private settle(job: Pending): void {
    this.pending.delete(job);
    const left = (this.outstanding.get(job.seq) ?? 1) - 1;
    if (left > 0) this.outstanding.set(job.seq, left);
    else this.outstanding.delete(job.seq);
    this.scheduleSave();
  }

  /** Waits until every entry seen so far has been turned into deliveries (tests). */
  settled(): Promise<void> {
    return this.chain;
  }

  private async noticesFor(entry: NoticeEntry): Promise<void> {
    if (!this.callbacks.size) return;
    const { payload } = entry;
    const state = STATE_AFTER[entry.type];
    // A master's reports merged from other incidents are answered too, under the ids their sources know.
    const record = await this.store.incidents.detail(payload.incidentId);
    const ids = [payload.incidentId, ...(entry.type === 'incident.merged' ? [] : (record?.mergedFrom ?? []))];
    const refs = await this.store.intake.channelReportRefs(ids);
    const note = noteOf(entry);
    const seen = new Set<string>();
    for (const ref of refs) {
      const callback = this.callbacks.get(ref.channel);
      const once = `${ref.channel}|${ref.incidentId}`;
      if (!callback || seen.has(once)) continue;
      seen.add(once);
      const notice: StatusNotice = {
        incidentId: ref.incidentId,
        externalId: ref.externalId,
        state,
        at: entry.time,
        ...(note ? { note } : {}),
        ...(ref.incidentId !== payload.incidentId ? { note: `并入 ${payload.incidentId}${note ? `：${note}` : ''}` } : {}),
      };
      this.send({ seq: entry.seq, channel: ref.channel, url: callback.url, body: JSON.stringify(notice), secret: callback.secret, attempt: 0, lastError: '', timer: null });
    }
  }

  private send(job: Pending): void {
    this.pending.add(job);
    this.outstanding.set(job.seq, (this.outstanding.get(job.seq) ?? 0) + 1);
    void this.attempt(job);
  }

  private async attempt(job: Pending): Promise<void> {
    job.timer = null;
    if (this.stopped) return;
    job.attempt++;
    const error = await deliver(job.url, job.body, job.secret, this.timeoutMs);
    if (error === null) {
      this.settle(job);
      return;
    }
    job.lastError = error;
    if (job.attempt >= this.attempts || this.stopped) {
      await this.deadLetter(job);
      return;
    }
    const delay = this.baseDelayMs * 2 ** (job.attempt - 1) * (0.75 + Math.random() * 0.5);
    job.timer = setTimeout(() => void this.attempt(job), delay);
    job.timer.unref();
  }

  /** Kept as a dead letter and settled; if it cannot be kept, it stays owed, to be sent again after a restart. */
  private async deadLetter(job: Pending): Promise<void> {
    try {
      const id = await this.store.write.addDeadLetter({ channel: job.channel, url: job.url, body: job.body, attempts: job.attempt, lastError: job.lastError });
      this.log(`Status callback to ${job.channel} failed ${job.attempt} times (${job.lastError}); kept as dead letter ${id}.`);
      this.settle(job);
    } catch (error) {
      this.pending.delete(job);
      this.log(`Status callback to ${job.channel} not delivered and not kept as a dead letter (${String(error)}); it is sent again when the hub restarts.`);
    }
  }

  deadLetters(limit: number) {
    return this.store.intake.deadLetters(limit);
  }

  deadLetterById(id: number) {
    return this.store.intake.deadLetter(id);
  }

  /** One more delivery of a dead letter, to the channel's URL as configured now. */
  async replay(id: number): Promise<{ delivered: boolean; error: string | null }> {
    const letter = await this.store.intake.deadLetter(id);
    if (!letter) return { delivered: false, error: 'notFound' };
    const callback = await this.store.intake.integrationCallback(letter.channel);
    const error = callback ? await deliver(callback.url, letter.body, callback.secret, this.timeoutMs) : 'the channel has no callback URL any more';
    await this.store.write.noteReplay(id, 1, error);
    return { delivered: error === null, error };
  }

  /** Stops retrying; notices still waiting become dead letters, so none is silently dropped. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.chain;
    for (const job of this.pending) {
      if (job.timer) clearTimeout(job.timer);
      else continue; // an attempt is in flight; it dead-letters itself when it fails
      job.lastError ||= 'the hub stopped before delivery';
      await this.deadLetter(job);
    }
    await this.saveCursor();
  }
}
