// The journal stream: one WebSocket that survives hub restarts. Each (re)connection first
// runs `prepare` (which may re-seed the queue over HTTP) and then says hello with the last
// seq it has applied, so entries arrive once, in order, with no gaps.
import type { JournalEntry } from '../../../shared/journal/catalog';
import type { DutyError } from '../../../shared/errors';
import type { RiskScores } from '../../../shared/protocol/risk';
import { StreamServerMessageSchema, type StreamClientMessage, type StreamServerMessage } from '../../../shared/protocol/schemas';
import type { UnitPositions } from '../../../shared/protocol/units';

export type PresenceMessage = Extract<StreamServerMessage, { type: 'presence' }>;

export type LinkState = 'online' | 'connecting' | 'offline';

/** The part of the browser WebSocket the stream uses, so tests can stand in for it. */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((event: Event) => void) | null;
  onmessage: ((event: MessageEvent) => void) | null;
  onclose: ((event: CloseEvent) => void) | null;
  onerror: ((event: Event) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export interface PrepareRequest {
  /** The last seq applied before this connection, or null on the first connection. */
  lastSeq: number | null;
  /** The hub's journal went backwards (a reset hub): the local state must be rebuilt. */
  reseed: boolean;
}

export interface StreamOptions {
  url: string;
  token: string;
  /** Runs before every connection; resolves to the seq the stream continues after. */
  prepare(request: PrepareRequest): Promise<number>;
  /** Entries in seq order, each newer than everything delivered before. */
  onEntries(entries: JournalEntry[]): void;
  /** Live unit positions (not journal entries): a snapshot after ready, then what changed each second. */
  onPositions?(message: UnitPositions): void;
  /** Someone of the room came to a window or left (no journal entry says so). */
  onPresence?(message: PresenceMessage): void;
  /** The risk map's live scores each minute (shared/protocol/risk.ts), between the journaled colour changes. */
  onRiskScores?(scores: RiskScores): void;
  onLinkState(state: LinkState): void;
  /** Any sign of life from the hub. */
  onContact(): void;
  /** The hub refused this session for good (e.g. it expired); the stream stops. */
  onRefused(error: DutyError): void;
  createSocket?: (url: string) => SocketLike;
  backoff?: { initialMs: number; maxMs: number };
  timers?: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void };
}

export interface StreamClient {
  start(): void;
  stop(): void;
  /** The seq of the newest entry delivered, or null before seeding. */
  lastSeq(): number | null;
}

const REFUSALS = new Set(['unauthenticated', 'sessionExpired', 'enrolmentRequired', 'forbidden', 'badCredentials']);

export function nextDelay(previousMs: number | null, backoff: { initialMs: number; maxMs: number }): number {
  return previousMs === null ? backoff.initialMs : Math.min(previousMs * 2, backoff.maxMs);
}

export function createStreamClient(options: StreamOptions): StreamClient {
  const backoff = options.backoff ?? { initialMs: 500, maxMs: 5_000 };
  const timers = options.timers ?? {
    set: (fn: () => void, ms: number) => setTimeout(fn, ms),
    clear: (handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  };
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url));

  let running = false;
  // Each connection attempt gets a number; events from an older attempt are ignored.
  let attempt = 0;
  let socket: SocketLike | null = null;
  let retryTimer: unknown = null;
  let delay: number | null = null;
  let lastSeq: number | null = null;
  let reseed = false;
  let state: LinkState | null = null;

  const setState = (next: LinkState) => {
    if (next !== state) {
      state = next;
      options.onLinkState(next);
    }
  };

  const dropSocket = () => {
    const current = socket;
    socket = null;
    if (current) {
      current.onopen = current.onmessage = current.onclose = current.onerror = null;
      try {
        current.close();
      } catch {
        // Closing a socket that never opened may throw in some engines; it is gone either way.
      }
    }
  };

  const scheduleRetry = () => {
    if (!running) return;
    attempt += 1;
    dropSocket();
    setState('offline');
    delay = nextDelay(delay, backoff);
    retryTimer = timers.set(() => {
      retryTimer = null;
      void connect();
    }, delay);
  };

  const deliver = (entries: JournalEntry[], mine: number) => {
    const fresh: JournalEntry[] = [];
    for (const entry of entries) {
      if (lastSeq !== null && entry.seq <= lastSeq) continue; // already applied
      if (lastSeq !== null && entry.seq !== lastSeq + 1) {
        // A hole in the sequence: something was lost; rebuild rather than drift.
        if (fresh.length > 0) options.onEntries(fresh);
        reseed = true;
        scheduleRetry();
        return;
      }
      fresh.push(entry);
      lastSeq = entry.seq;
    }
    if (fresh.length > 0 && mine === attempt) options.onEntries(fresh);
  };

  const connect = async () => {
    if (!running) return;
    const mine = ++attempt;
    setState('connecting');
    let after: number;
    try {
      after = await options.prepare({ lastSeq, reseed });
    } catch (cause) {
      if (mine !== attempt || !running) return;
      const code = (cause as { error?: DutyError } | null)?.error?.code;
      if (code && REFUSALS.has(code)) {
        const error = (cause as { error: DutyError }).error;
        stop();
        options.onRefused(error);
        return;
      }
      scheduleRetry();
      return;
    }
    if (mine !== attempt || !running) return;
    reseed = false;
    lastSeq = after;
    options.onContact();

    let ws: SocketLike;
    try {
      ws = createSocket(options.url);
    } catch {
      scheduleRetry();
      return;
    }
    socket = ws;
    ws.onopen = () => {
      if (mine !== attempt) return;
      const hello: StreamClientMessage = { type: 'hello', token: options.token, after: lastSeq ?? 0 };
      ws.send(JSON.stringify(hello));
    };
    ws.onmessage = (event) => {
      if (mine !== attempt) return;
      let raw: unknown;
      try {
        raw = JSON.parse(String(event.data));
      } catch {
        return; // not ours to understand; the next valid message still counts
      }
      const parsed = StreamServerMessageSchema.safeParse(raw);
      if (!parsed.success) return;
      const message = parsed.data;
      options.onContact();
      if (message.type === 'ready') {
        if (lastSeq !== null && message.journalSeq < lastSeq) {
          // The hub's journal is shorter than what we applied: it was reset or replaced.
          reseed = true;
          scheduleRetry();
          return;
        }
        delay = null;
        setState('online');
      } else if (message.type === 'entries') {
        // The hub appends only entries its journal catalog accepts (shared/journal/catalog.ts).
        deliver(message.entries as JournalEntry[], mine);
      } else if (message.type === 'heartbeat') {
        // Contact is recorded above; a heartbeat carries nothing else to apply.
      } else if (message.type === 'positions') {
        // Not journal entries: they bypass the seq bookkeeping and go to whoever draws them.
        options.onPositions?.(message);
      } else if (message.type === 'presence') {
        options.onPresence?.(message);
      } else if (message.type === 'riskScores') {
        options.onRiskScores?.({ items: message.items });
      } else if (REFUSALS.has(message.error.code)) {
        stop();
        options.onRefused({ code: message.error.code as DutyError['code'], message: message.error.message });
      } else {
        scheduleRetry();
      }
    };
    ws.onerror = () => {
      // onclose follows; retrying from there keeps one path.
    };
    ws.onclose = () => {
      if (mine !== attempt) return;
      scheduleRetry();
    };
  };

  const stop = () => {
    running = false;
    attempt += 1;
    if (retryTimer !== null) timers.clear(retryTimer);
    retryTimer = null;
    dropSocket();
  };

  return {
    start() {
      if (running) return;
      running = true;
      delay = null;
      void connect();
    },
    stop,
    lastSeq: () => lastSeq,
  };
}
