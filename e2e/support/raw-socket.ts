// Hostile clients below the level any well-behaved library lets you reach: raw TCP, a WebSocket
// handshake done by hand and frames built byte by byte (unmasked, oversized, not UTF-8). Used by
// the hub's hardening tests and by `npm run bench -- attack`.
import { connect, type Socket } from 'node:net';
import { randomBytes } from 'node:crypto';

export interface RawConnection {
  socket: Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves when the hub closes the connection (or after `ms`, with false). */
  closed(ms: number): Promise<boolean>;
  write(data: string | Buffer): void;
  end(): void;
}

/** `localAddress` (another loopback address, 127.0.0.2…) makes the hub see another client machine. */
export function rawConnection(port: number, host = '127.0.0.1', localAddress?: string): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host, ...(localAddress ? { localAddress } : {}) });
    const chunks: Buffer[] = [];
    let isClosed = false;
    const waiters: Array<() => void> = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', () => {});
    socket.on('close', () => {
      isClosed = true;
      for (const w of waiters.splice(0)) w();
    });
    socket.once('connect', () =>
      resolve({
        socket,
        received: () => Buffer.concat(chunks),
        closed: (ms) =>
          new Promise((done) => {
            if (isClosed) return done(true);
            const timer = setTimeout(() => done(false), ms);
            waiters.push(() => {
              clearTimeout(timer);
              done(true);
            });
          }),
        write: (data) => {
          if (!socket.destroyed) socket.write(data);
        },
        end: () => socket.destroy(),
      }),
    );
    socket.once('error', reject);
  });
}

/** A client frame; `mask: false` breaks RFC 6455 §5.1 on purpose. */
export function frame(opcode: number, payload: Buffer, options: { mask?: boolean; fin?: boolean } = {}): Buffer {
  const mask = options.mask ?? true;
  const head: number[] = [(options.fin ?? true ? 0x80 : 0) | opcode];
  const length = payload.length;
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127, 0, 0, 0, 0);
    head.push((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i] = body[i]! ^ key[i % 4]!;
  return Buffer.concat([Buffer.from(head), key, body]);
}

export const TEXT = 0x1;
export const BINARY = 0x2;

/** Opens the stream by hand; resolves once the hub answered 101, or with the status it answered instead. */
export async function rawWebSocket(port: number, path: string, headers: Record<string, string> = {}): Promise<{ connection: RawConnection; status: number }> {
  const connection = await rawConnection(port);
  const lines = [
    `GET ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ];
  connection.write(lines.join('\r\n'));
  const deadline = Date.now() + 5_000;
  for (;;) {
    // Read before deciding: the answer and the close can arrive in the same wait.
    const ended = Date.now() > deadline || (await connection.closed(20));
    const text = connection.received().toString('latin1');
    if (text.includes('\r\n\r\n')) return { connection, status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0) };
    if (ended) return { connection, status: 0 };
  }
}

/** The close code in the hub's close frame, if it sent one (server frames are unmasked). */
export function closeCodeOf(received: Buffer): number | null {
  const text = received.toString('latin1');
  let at = text.indexOf('\r\n\r\n');
  if (at < 0) return null;
  at += 4;
  while (at + 2 <= received.length) {
    const opcode = received[at]! & 0x0f;
    let length = received[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      length = received.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      length = Number(received.readBigUInt64BE(offset));
      offset += 8;
    }
    if (opcode === 0x8) return length >= 2 ? received.readUInt16BE(offset) : 1005;
    at = offset + length;
  }
  return null;
}
