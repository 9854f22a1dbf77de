// The journal stream: after a hello with a token and a seq, a client gets every entry after
// that seq, in order and with no gaps, then each new entry as it lands.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { JournalEntry } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import { StreamClientMessageSchema, type StreamServerMessage } from '../../../shared/protocol/schemas';
import { parseWith } from '../../../shared/protocol/validate';
import type { StoreClient } from '../store/client';
import type { Sessions } from './sessions';

const HELLO_TIMEOUT_MS = 5_000;
const HEARTBEAT_MS = 5_000;
const PAGE = 2_000;
/** A client this far behind in unsent bytes is dropped; it reconnects and resumes from its seq. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

interface Subscriber {
  socket: WebSocket;
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

export class JournalStream {
  private readonly server = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  private readonly subscribers = new Set<Subscriber>();
  private readonly heartbeat: ReturnType<typeof setInterval>;

  constructor(
    private readonly store: StoreClient,
    private readonly sessions: Sessions,
    private readonly journalSeq: () => number,
    /** Sent to each client right after its 'ready' (the live unit positions' snapshot). */
    private readonly greeting: () => StreamServerMessage | null = () => null,
  ) {
    this.server.on('connection', (socket) => this.accept(socket));
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  private beat(): void {
    if (!this.subscribers.size) return;
    const text = JSON.stringify({ type: 'heartbeat', journalSeq: this.journalSeq(), at: new Date().toISOString() } satisfies StreamServerMessage);
    for (const { socket, queued } of this.subscribers) if (!queued && socket.readyState === socket.OPEN) socket.send(text);
  }

  upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  /** Called once per committed batch, in seq order. */
  publish(entries: JournalEntry[]): void {
    if (!entries.length) return;
    let shared: string | undefined;
    for (const subscriber of this.subscribers) {
      if (subscriber.queued) {
        subscriber.queued.push(...entries);
        continue;
      }
      const fresh = entries[0]!.seq > subscriber.sent ? entries : entries.filter((e) => e.seq > subscriber.sent);
      if (!fresh.length) continue;
      if (subscriber.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
        subscriber.socket.close(1013, 'too far behind; reconnect');
        continue;
      }
      const text = fresh === entries ? (shared ??= JSON.stringify({ type: 'entries', entries })) : JSON.stringify({ type: 'entries', entries: fresh });
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
    for (const socket of this.server.clients) {
      socket.close(1001, 'hub stopping');
      setTimeout(() => socket.terminate(), 500).unref();
    }
    this.server.close();
  }

  private accept(socket: WebSocket): void {
    const timer = setTimeout(() => socket.close(1008, 'no hello'), HELLO_TIMEOUT_MS);
    socket.once('message', (data) => {
      clearTimeout(timer);
      void this.hello(socket, data.toString()).catch((error: unknown) => {
        const failure = error instanceof DutyFailure ? error.error : { code: 'internal' as const, message: 'stream failed' };
        if (socket.readyState === socket.OPEN) send(socket, { type: 'error', error: failure });
        socket.close(1008, failure.code);
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
    const subscriber: Subscriber = { socket, sent: parsed.value.after, queued: [], ready: false };
    this.subscribers.add(subscriber);
    const left = this.sessions.presence.streamOpened(user.id);
    const closed = () => {
      this.subscribers.delete(subscriber);
      left();
    };
    socket.on('close', closed);
    // Closed while the session was looked up: 'close' has fired already and will not again.
    if (socket.readyState === socket.CLOSED) closed();
    socket.on('message', () => socket.close(1008, 'one hello per connection'));

    const journalSeq = await this.store.journalSeq();
    if (socket.readyState !== socket.OPEN) return;
    send(socket, { type: 'ready', journalSeq, user });
    subscriber.ready = true;
    const greeting = this.greeting();
    if (greeting) send(socket, greeting);
    // Backlog in pages; live entries queue meanwhile and are sent after, minus any overlap.
    for (;;) {
      const { entries, last } = await this.store.journalPage(subscriber.sent, PAGE);
      if (socket.readyState !== socket.OPEN) return;
      if (entries.length) {
        send(socket, { type: 'entries', entries });
        subscriber.sent = entries[entries.length - 1]!.seq;
      }
      if (subscriber.sent >= last || !entries.length) break;
    }
    const queued = subscriber.queued ?? [];
    subscriber.queued = null;
    this.publish(queued);
  }
}
