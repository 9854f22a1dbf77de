// Keeps a replica's journal a verbatim copy of its primary's: catch up over HTTP pages
// (only what is missing, in order), then follow the primary's journal stream. Every entry
// is checked against the chain in the store before it is kept (store.write.appendReplicated);
// one that does not verify stops replication loudly rather than serve a forged history.
import { WebSocket } from 'ws';
import type { JournalEntry, JournalEntryOf } from '../../../shared/journal/catalog';
import { DutyFailure } from '../../../shared/errors';
import { STREAM_PATH } from '../../../shared/protocol/api';
import { StreamServerMessageSchema, type StreamClientMessage } from '../../../shared/protocol/schemas';
import type { Town } from '../../../shared/town';
import type { StoreClient } from '../store/thread/client';
import type { TownMeta } from '../store/read/town';
import { PrimaryUnreachable, type PrimaryClient } from './primary-client';
import { checkUpgradePin, pinnedSocketOptions } from './pin';

export interface SyncCredentials {
  username: string;
  password: string;
}

export interface SyncStatus {
  /** The primary's stream is open and caught up: what the replica shows is current. */
  connected: boolean;
  primarySeq: number | null;
  lastContact: string | null;
  /** Set when replication stopped for good (a chain that does not verify, a refused account). */
  error: string | null;
}

export interface SyncOptions {
  pageSize?: number;
  /** Longest wait between reconnection attempts. */
  maxRetryMs?: number;
  /** No message (heartbeats come every 5 s) for this long: the link is taken as dead. */
  silenceMs?: number;
  log?: (line: string) => void;
  now?: () => Date;
  /**
   * Folds the cache's WAL back into its file off the store's thread (a maintenance job),
   * asked for once after the pages: no page's commit folds it. Without it, the first
   * commit after the catch-up folds, on the store's thread.
   */
  foldWal?: () => Promise<unknown>;
}

/** Pages fetched ahead of the one being stored. */
const PREFETCH_PAGES = 2;

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms).unref());

export class ReplicaSync {
  private token: string | null = null;
  private seq: number;
  private socket: WebSocket | null = null;
  private stopped = false;
  private running: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  /** What this sync has done, for the bench and the log. */
  readonly stats = { entries: 0, townCopyMs: 0 };
  private readonly status_: SyncStatus = { connected: false, primarySeq: null, lastContact: null, error: null };
  private readonly linkUp: Array<() => void> = [];
  private readonly townCopied: Array<() => void> = [];
  private readonly log: (line: string) => void;
  private readonly now: () => Date;
  private folding: Promise<void> | null = null;
  private foldAgain = false;

  constructor(
    private readonly store: StoreClient,
    private readonly primary: PrimaryClient,
    private readonly credentials: SyncCredentials,
    startSeq: number,
    private readonly options: SyncOptions = {},
  ) {
    this.seq = startSeq;
    this.log = options.log ?? ((line) => console.log(line));
    this.now = options.now ?? (() => new Date());
  }

  status(): SyncStatus {
    return { ...this.status_ };
  }

  /** Called each time the replica is caught up with a live primary (the outbox replays then). */
  onLinkUp(listener: () => void): void {
    this.linkUp.push(listener);
  }

  /** Called each time the town's reference data was copied from the primary into this cache. */
  onTownCopied(listener: () => void): void {
    this.townCopied.push(listener);
  }

  start(): void {
    this.running ??= this.run();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.socket?.terminate();
    this.wake?.();
    await this.running;
  }

  /** Catches up once over HTTP (no stream); resolves with the replica's seq. For tests and the bench. */
  async catchUp(): Promise<number> {
    await this.signIn();
    await this.pullPages();
    return this.seq;
  }

  private async run(): Promise<void> {
    let retryMs = 250;
    let lastProblem = '';
    while (!this.stopped) {
      try {
        await this.signIn();
        await this.pullPages();
        if (this.stopped) break;
        await this.ensureTown();
        await this.follow();
        retryMs = 250;
      } catch (error) {
        if (this.stopped) break;
        const message = (error as Error).message;
        if (error instanceof DutyFailure && error.error.code === 'conflict') {
          // The chain did not verify: keep serving what was verified, and say so everywhere.
          this.status_.error = message;
          this.log(`REPLICATION STOPPED: ${message}`);
          break;
        }
        if (error instanceof DutyFailure && (error.error.code === 'unauthenticated' || error.error.code === 'badCredentials')) this.token = null;
        if (error instanceof DutyFailure && error.error.code === 'badCredentials') this.status_.error = `The primary refused the replica account ${this.credentials.username}: ${message}`;
        if (message !== lastProblem) this.log(`Replica: ${error instanceof PrimaryUnreachable ? 'primary out of reach' : 'sync failed'} — ${message}; retrying.`);
        lastProblem = message;
      }
      this.status_.connected = false;
      if (this.stopped) break;
      await new Promise<void>((done) => {
        this.wake = done;
        void sleep(retryMs).then(done);
      });
      retryMs = Math.min(retryMs * 2, this.options.maxRetryMs ?? 2_000);
    }
    this.status_.connected = false;
  }

  private contact(primarySeq: number): void {
    this.status_.primarySeq = primarySeq;
    this.status_.lastContact = this.now().toISOString();
  }

  private async signIn(): Promise<string> {
    if (this.token) return this.token;
    const { token } = await this.primary.login(this.credentials.username, this.credentials.password);
    if (this.status_.error?.startsWith('The primary refused')) this.status_.error = null;
    this.token = token;
    return token;
  }

  /**
   * Pages until caught up. Seqs have no gaps, so the pages after this one start at
   * after + pageSize, after + 2 × pageSize …: PREFETCH_PAGES of them are fetched while this one
   * is stored (the network, the primary and the store's thread work at once, and the store's
   * thread need not wait on a page the primary was slow to send), never past the primary's
   * last entry once it is known; all are fetched again from the right place if this page
   * came back short.
   */
  private async pullPages(): Promise<void> {
    try {
      await this.pullPagesUnfolded();
    } finally {
      // Once, after the last page (or where a failure left off): folding between pages took
      // a core from the store's thread while it stored the next ones, and copied the pages
      // every commit touches again and again.
      this.foldWal();
    }
  }

  private async pullPagesUnfolded(): Promise<void> {
    const pageSize = this.options.pageSize ?? 5_000;
    const fetchPage = async (after: number) => this.primary.journalPageText(await this.signIn(), after, pageSize);
    const inFlight = new Map<number, Promise<string>>();
    const fetching = (after: number) => {
      let page = inFlight.get(after);
      if (!page) {
        page = fetchPage(after);
        page.catch(() => undefined); // may be dropped unread
        inFlight.set(after, page);
      }
      return page;
    };
    let primaryLast = Infinity;
    let after = this.seq;
    for (;;) {
      const text = await fetching(after);
      inFlight.delete(after);
      for (let k = 1; k <= PREFETCH_PAGES && after + k * pageSize < primaryLast; k++) void fetching(after + k * pageSize);
      const town = text.includes('"type":"town.imported"') ? (JSON.parse(text) as { entries: JournalEntry[] }).entries.find((e): e is JournalEntryOf<'town.imported'> => e.type === 'town.imported') : undefined;
      // Read before the page goes through the catalog (appendReplicatedPage checks every entry).
      if (town) await this.ensureTown(town.payload.contentHash);
      const page = await this.store.write.appendReplicatedPage(text);
      this.contact(page.primaryLast);
      primaryLast = page.primaryLast;
      if (page.primaryLast < page.last) {
        throw new DutyFailure('conflict', `The primary has ${page.primaryLast} journal entries, fewer than this replica's ${page.last}: it was restored or replaced. Rebuild this replica (delete its cache; the outbox is kept).`);
      }
      this.seq = page.last;
      this.stats.entries += page.added;
      if (page.added === 0 || this.seq >= page.primaryLast) return;
      if (this.seq !== after + pageSize) inFlight.clear();
      after = this.seq;
    }
  }

  /** One fold at a time; pages committed during one are folded by one more after it. */
  private foldWal(): void {
    const fold = this.options.foldWal;
    if (!fold) return;
    if (this.folding) {
      this.foldAgain = true;
      return;
    }
    this.folding = (async () => {
      do {
        this.foldAgain = false;
        await fold().catch((error: unknown) => this.log(`Replica: could not fold the cache's WAL (${(error as Error).message}); the next page's commit will.`));
      } while (this.foldAgain && !this.stopped);
      this.folding = null;
    })();
  }

  private async append(entries: JournalEntry[]): Promise<void> {
    const town = entries.find((e): e is JournalEntryOf<'town.imported'> => e.type === 'town.imported');
    if (town) await this.ensureTown(town.payload.contentHash);
    const added = await this.store.write.appendReplicated(entries);
    const last = added[added.length - 1];
    if (last) this.seq = last.seq;
  }

  /**
   * The town's reference data is not in the journal: it is copied whole from the primary
   * whenever the primary's town differs from this copy's (checked by its content hash).
   */
  private async ensureTown(expectedHash?: string): Promise<void> {
    const local = await this.store.town.meta();
    if (expectedHash && local?.contentHash === expectedHash) return;
    const started = performance.now();
    const copy = await this.primary.townCopy(await this.signIn());
    if (!copy.meta || local?.contentHash === copy.meta.contentHash) return;
    await this.store.write.replicateTown(copy.town as Town, copy.meta as TownMeta);
    this.stats.townCopyMs += performance.now() - started;
    this.log(`Replica: copied the town from the primary (${copy.meta.source}).`);
    for (const listener of this.townCopied) listener();
  }

  /** Follows the primary's stream until it closes; entries are appended one batch at a time. */
  private follow(): Promise<void> {
    // stop() may have come while the pages were being pulled: a socket opened now would be
    // kept alive by the primary's heartbeats, and stop() would wait on it for ever.
    if (this.stopped) return Promise.resolve();
    const token = this.token ?? '';
    const url = `${this.primary.base.replace(/^http/, 'ws')}${STREAM_PATH}`;
    return new Promise<void>((resolve, reject) => {
      const pin = this.primary.fingerprint;
      const socket = new WebSocket(url, { handshakeTimeout: 5_000, ...(pin ? pinnedSocketOptions : {}) });
      this.socket = socket;
      let chain = Promise.resolve();
      let failure: Error | null = null;
      const silenceMs = this.options.silenceMs ?? 12_000;
      let watchdog = setTimeout(() => socket.terminate(), silenceMs);
      const heard = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => socket.terminate(), silenceMs);
      };
      const fail = (error: Error) => {
        failure ??= error;
        socket.terminate();
      };
      // A pinned primary's certificate is checked before the hello carries the token.
      if (pin) socket.on('upgrade', (response) => {
        const mismatch = checkUpgradePin(pin, response);
        if (mismatch) fail(new PrimaryUnreachable(mismatch.message));
      });
      socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, after: this.seq, replica: true } satisfies StreamClientMessage)));
      socket.on('message', (data) => {
        heard();
        let message;
        try {
          const parsed = StreamServerMessageSchema.safeParse(JSON.parse(data.toString()));
          if (!parsed.success) return; // a message kind this version does not know
          message = parsed.data;
        } catch {
          return;
        }
        switch (message.type) {
          case 'ready':
            chain = chain.then(() => {
              this.contact(message.journalSeq);
              this.status_.connected = true;
              for (const listener of this.linkUp) listener();
            });
            return;
          case 'entries':
            chain = chain.then(() => this.append(message.entries as JournalEntry[])).catch(fail);
            return;
          case 'heartbeat':
            this.contact(message.journalSeq);
            return;
          case 'error':
            fail(new DutyFailure(message.error.code as 'unauthenticated', message.error.message));
            return;
          default:
            return;
        }
      });
      socket.on('error', (error) => {
        failure ??= new PrimaryUnreachable(`the primary's stream failed: ${error.message}`);
      });
      socket.on('close', () => {
        clearTimeout(watchdog);
        this.socket = null;
        this.status_.connected = false;
        void chain.then(() => (failure ? reject(failure) : resolve()));
      });
    });
  }
}
