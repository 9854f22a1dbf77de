// The journal stream: after a hello with a token and a seq, a client gets every entry after
// that seq, in order and with no gaps, then each new entry as it lands. Entries go out masked
// for the reader's role (shared/privacy.ts); a replica of a seat's account may ask for them as
// appended. Whatever a client sends (a malformed frame, an oversized one, bytes that are not
// UTF-8, nothing at all) ends that one connection with its close code, never the hub.
import type { WebSocket } from 'ws';
import type { Role } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure } from '../../../shared/errors';
import { mayRunSeat, personalViewOf } from '../../../shared/permissions';
import { maskPersonal, type PersonalView } from '../../../shared/privacy';
import { StreamClientMessageSchema, type StreamServerMessage } from '../../../shared/protocol/schemas';
import { parseWith } from '../../../shared/protocol/validate';
import type { StoreClient } from '../store/thread/client';
import { tokenHash } from './auth';
import type { Sessions } from './sessions';

/** A client that says nothing useful within this long is closed (a socket held open costs the room). */
export const HELLO_TIMEOUT_MS = 10_000;
/** A hello is a few hundred bytes; nothing a client sends needs more. */
export const MAX_CLIENT_FRAME_BYTES = 16 * 1024;
const HEARTBEAT_MS = 5_000;
const PAGE = 2_000;
/** A client this far behind in unsent bytes is dropped; it reconnects and resumes from its seq. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** RFC 6455 close codes the stream uses. */
export const CLOSE = { policy: 1008, unsupportedData: 1003, hubStopping: 1001, tryAgainLater: 1013 } as const;

/** What a subscriber reads: its role's masked view, or the raw journal for a replica. */
type Reading = PersonalView | 'raw';

interface Subscriber {
  socket: WebSocket;
  /** The session's token hash: the socket closes when that session ends. */
  session: string;
  reading: Reading;
  /** Highest seq sent to this client. */
  sent: number;
  /** Live entries that arrive while the backlog is still being sent. */
  queued: JournalEntry[] | null;
  /** Whether 'ready' went out: nothing else is sent before it. */
  ready: boolean;
}

function send(socket: WebSocket, message: StreamServerMessage): void {
  socket.send(JSON.stringify(message));
}

/** A peer that does not answer the close handshake within this long is cut (ws would wait 30 s). */
const CLOSE_GRACE_MS = 1_000;

/** Closes with a code and a reason; a peer that ignores the close frame is cut soon after. */
function closeSoon(socket: WebSocket, code: number, reason: string): void {
  socket.close(code, reason);
  setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
}

function readingOf(role: Role, replica: boolean): Reading {
  if (!replica) return personalViewOf(role);
  if (!mayRunSeat(role)) throw new DutyFailure('forbidden', `A ${role} account cannot follow the journal as a replica; a replica syncs as an operator or commander account.`);
  return 'raw';
}

function entriesFor(entries: JournalEntry[], reading: Reading): JournalEntry[] {
  return reading === 'raw' ? entries : maskPersonal(entries, reading);
}

export class JournalStream {
  private readonly subscribers = new Set<Subscriber>();
  /** Every accepted socket, hello or not, so close() reaches them all. */
  private readonly sockets = new Set<WebSocket>();
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: StoreClient,
    private readonly sessions: Sessions,
    private readonly journalSeq: () => number,
    /** Sent to each client right after its 'ready' (the live unit positions' snapshot). */
    private readonly greeting: () => StreamServerMessage | null = () => null,
  ) {
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
    // Signed out, revoked, reset or found expired: its streams end with it.
    sessions.onEnded((hash) => this.endSession(hash));
    // Every window may read the roster (GET /roster), so every window hears who comes and
    // goes: the commander's desk folds it instead of polling.
    sessions.presence.onChange((userId, presence) => this.broadcast({ type: 'presence', userId, ...presence }));
  }

  private endSession(hash: string): void {
    for (const subscriber of this.subscribers) {
      if (subscriber.session !== hash) continue;
      this.subscribers.delete(subscriber);
      const { socket } = subscriber;
      if (socket.readyState === socket.OPEN) send(socket, { type: 'error', error: { code: 'sessionExpired', message: 'This session has ended; sign in again.' } });
      closeSoon(socket, CLOSE.policy, 'sessionExpired');
    }
  }

  private beat(): void {
    if (!this.subscribers.size) return;
    // A session that ran out (idle or lifetime) while only its stream was open ends here.
    for (const subscriber of [...this.subscribers]) if (!this.sessions.isLive(subscriber.session)) this.endSession(subscriber.session);
    if (!this.subscribers.size) return;
    const text = JSON.stringify({ type: 'heartbeat', journalSeq: this.journalSeq(), at: new Date().toISOString() } satisfies StreamServerMessage);
    for (const { socket, queued } of this.subscribers) if (!queued && socket.readyState === socket.OPEN) socket.send(text);
  }

  /** Whether any client follows the stream (a message for nobody need not be made). */
  get listening(): boolean {
    return this.subscribers.size > 0;
  }

  /** Called once per committed batch, in seq order. */
  publish(entries: JournalEntry[]): void {
    if (!entries.length) return;
    // One text per way of reading, shared by every subscriber that reads that way.
    const shared = new Map<Reading, string>();
    for (const subscriber of this.subscribers) {
      if (subscriber.queued) {
        subscriber.queued.push(...entries);
        continue;
      }
      const fresh = entries[0]!.seq > subscriber.sent ? entries : entries.filter((e) => e.seq > subscriber.sent);
      if (!fresh.length) continue;
      if (subscriber.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        closeSoon(subscriber.socket, CLOSE.tryAgainLater, 'too far behind; reconnect');
        continue;
      }
      let text: string;
      if (fresh === entries) {
        text = shared.get(subscriber.reading) ?? JSON.stringify({ type: 'entries', entries: entriesFor(entries, subscriber.reading) });
        shared.set(subscriber.reading, text);
      } else {
        text = JSON.stringify({ type: 'entries', entries: entriesFor(fresh, subscriber.reading) });
      }
      subscriber.socket.send(text);
      subscriber.sent = fresh[fresh.length - 1]!.seq;
    }
  }

  /**
   * A message that is not a journal entry (live unit positions) to every ready client. A
   * client far behind skips it rather than fall further behind; it gets a snapshot on reconnect.
   */
  broadcast(message: StreamServerMessage): void {
    let text: string | undefined;
    for (const { socket, ready } of this.subscribers) {
      if (!ready || socket.readyState !== socket.OPEN || socket.bufferedAmount > MAX_BUFFERED_BYTES) continue;
      socket.send((text ??= JSON.stringify(message)));
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    this.subscribers.clear();
    // Every socket, said hello or not, hears why; one that does not answer the close
    // handshake promptly is cut, so a stopping hub never waits on a silent peer.
    for (const socket of this.sockets) closeSoon(socket, CLOSE.hubStopping, 'hub stopping');
  }

  /** Takes a socket the WebSocket route upgraded; from here on the socket is this class's. */
  accept(socket: WebSocket): void {
    this.sockets.add(socket);
    // ws reports a protocol violation (unmasked frame, bad UTF-8, a frame over maxPayload) as
    // an error and closes the socket with the right code itself; without a listener the error
    // would be thrown and end the hub.
    socket.on('error', () => socket.terminate());
    socket.once('close', () => this.sockets.delete(socket));
    const timer = setTimeout(() => closeSoon(socket, CLOSE.policy, 'no hello'), HELLO_TIMEOUT_MS);
    timer.unref();
    socket.once('message', (data, isBinary) => {
      clearTimeout(timer);
      if (isBinary) {
        closeSoon(socket, CLOSE.unsupportedData, 'send the hello as text');
        return;
      }
      void this.hello(socket, data.toString()).catch((error: unknown) => {
        const failure = error instanceof DutyFailure ? error.error : { code: 'internal' as const, message: 'stream failed' };
        if (socket.readyState === socket.OPEN) send(socket, { type: 'error', error: failure });
        closeSoon(socket, CLOSE.policy, failure.code);
      });
    });
  }

  private async hello(socket: WebSocket, text: string): Promise<void> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      throw new DutyFailure('malformedJson', 'The hello message is not valid JSON.');
    }
    const parsed = parseWith(StreamClientMessageSchema, raw);
    if (!parsed.ok) throw new DutyFailure(parsed.error.code, parsed.error.message, parsed.error.path);
    const user = await this.sessions.userOf(parsed.value.token);
    const subscriber: Subscriber = { socket, session: tokenHash(parsed.value.token), reading: readingOf(user.role, parsed.value.replica ?? false), sent: parsed.value.after, queued: [], ready: false };
    this.subscribers.add(subscriber);
    const left = this.sessions.presence.streamOpened(user.id);
    const closed = () => {
      this.subscribers.delete(subscriber);
      left();
    };
    socket.on('close', closed);
    // Closed while the session was looked up: 'close' has fired already and will not again.
    if (socket.readyState === socket.CLOSED) closed();
    socket.on('message', () => closeSoon(socket, CLOSE.policy, 'one hello per connection'));

    const journalSeq = await this.store.journal.seq();
    if (socket.readyState !== socket.OPEN) return;
    send(socket, { type: 'ready', journalSeq, user });
    subscriber.ready = true;
    const greeting = this.greeting();
    if (greeting) send(socket, greeting);
    // Backlog in pages; live entries queue meanwhile and are sent after, minus any overlap.
    for (;;) {
      const { entries, last } = await this.store.journal.page(subscriber.sent, PAGE);
      if (socket.readyState !== socket.OPEN) return;
      if (entries.length) {
        send(socket, { type: 'entries', entries: entriesFor(entries, subscriber.reading) });
        subscriber.sent = entries[entries.length - 1]!.seq;
      }
      if (subscriber.sent >= last || !entries.length) break;
    }
    const queued = subscriber.queued ?? [];
    subscriber.queued = null;
    this.publish(queued);
  }
}
