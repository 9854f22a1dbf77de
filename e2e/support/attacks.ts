// Hostile input against a running hub, each check bounded in count and time, each one really
// sending the attack and really looking at what came back: the close code on the socket, the
// status and code of the answer, whether the hub still answers /health, and (for the bench)
// whether the journal moved. Used by `npm run bench -- attack` (against a hub process) and by
// e2e/attacks.test.ts (against an in-process hub, and against a server that does not refuse).
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomBytes } from 'node:crypto';
import { BINARY, closeCodeOf, frame, rawConnection, rawWebSocket, TEXT, type RawConnection } from './raw-socket';

export interface AttackHub {
  url: string;
  port: number;
  /** The folder the hub serves its windows from, when the caller controls it (symlink check). */
  staticRoot?: string;
}

export interface Outcome {
  held: boolean;
  /** What was observed, in words (status, code, close code, time). */
  detail: string;
  /** How long the hub took to refuse, where that is the point. */
  ms?: number;
  /** A limit on what the check could test (printed with its category). */
  note?: string;
}

export interface Check {
  name: string;
  /** Waits on a hub deadline (seconds): started at once, alongside the category's other checks. */
  slow?: boolean;
  run(context: AttackContext): Promise<Outcome>;
}

export interface Category {
  id: string;
  /**
   * Everything this category sends must be refused and write nothing: the journal's seq is
   * compared around it. False where refusals may rightly be journaled (sign-in failures) or
   * the category writes on purpose (the privacy check reports an incident to look for).
   */
  refusalsOnly: boolean;
  /** Legitimate writes a category's checks compare against, done before the seq is read. */
  setup?(context: AttackContext): Promise<void>;
  checks: Check[];
}

/** Demo accounts' shared password (electron/hub/demo.ts). */
const PASSWORD = 'dutydeck-demo';
const API = '/api/v1';
/** The CAP intake takes any channel's key; the JSON feed takes its own channel's. */
const HOTLINE_KEY = 'dutydeck-demo-hotline12345';
/** The hub's defaults (electron/hub/api/server.ts, router.ts, stream.ts, intake/cap/parse.ts). */
export const HUB_LIMITS = {
  connectionsPerAddress: 64,
  headersTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  helloTimeoutMs: 10_000,
  signInPerMinute: 30,
  maxClientFrameBytes: 16 * 1024,
  maxBodyBytes: 1024 * 1024,
  maxCapBytes: 512 * 1024,
};
/** How long a hostile CAP alert may take to be refused. */
export const CAP_REFUSAL_MS = 100;
/** Each request waits this long at most, so a slow parser is measured rather than hanging the run. */
const REQUEST_TIMEOUT_MS = 5_000;
/** An 11-digit mainland mobile number, whole (not inside a longer run of letters or digits). */
export const WHOLE_MOBILE = /(?<![\dA-Za-z])1[3-9]\d{9}(?![\dA-Za-z])/;

// ---- requests -------------------------------------------------------------------------------

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  ms: number;
  error?: string;
}

export interface Send {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Another loopback address (127.0.0.2…): the hub sees another client machine. */
  from?: string;
  timeoutMs?: number;
}

/**
 * One request on a connection of its own, sent as written (node:http, no Host unless given:
 * the default is the hub's own). Never rejects: a reset or a timeout is an answer with status 0.
 */
export function send(hub: AttackHub, options: Send): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    let finished = false;
    const chunks: Buffer[] = [];
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    const finish = (error?: string) => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      resolve({ status, headers, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started, ...(error ? { error } : {}) });
    };
    const head: Record<string, string> = { host: `127.0.0.1:${hub.port}`, connection: 'close', ...options.headers };
    if (options.body !== undefined) head['content-length'] = String(Buffer.byteLength(options.body));
    const request = httpRequest(
      { host: '127.0.0.1', port: hub.port, method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), path: options.path, headers: head, setHost: false, agent: false, ...(options.from ? { localAddress: options.from } : {}) },
      (response) => {
        status = response.statusCode ?? 0;
        headers = response.headers;
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => finish());
        response.on('error', () => finish());
        response.on('close', () => finish());
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish(`no answer within ${options.timeoutMs ?? REQUEST_TIMEOUT_MS} ms`);
    }, options.timeoutMs ?? REQUEST_TIMEOUT_MS);
    // A body refused halfway (413) resets the upload; the answer may have come first.
    request.on('error', (error) => finish(status ? undefined : error.message));
    request.end(options.body);
  });
}

const jsonOf = (answer: Answer): any => {
  try {
    return JSON.parse(answer.text);
  } catch {
    return null;
  }
};
const codeOf = (answer: Answer): string | undefined => {
  const body = jsonOf(answer);
  return typeof body?.error?.code === 'string' ? body.error.code : undefined;
};
const said = (answer: Answer) => (answer.status ? `${answer.status}${codeOf(answer) ? ` ${codeOf(answer)}` : ''}` : `nothing (${answer.error})`);

export async function health(hub: AttackHub, options: { from?: string; timeoutMs?: number } = {}): Promise<{ ok: boolean; seq: number | null; ms: number; status: number }> {
  const answer = await send(hub, { path: `${API}/health`, ...options });
  const seq = jsonOf(answer)?.journalSeq;
  return { ok: answer.status === 200, seq: typeof seq === 'number' ? seq : null, ms: answer.ms, status: answer.status };
}

// ---- who the checks act as ------------------------------------------------------------------

export class AttackContext {
  private readonly tokens = new Map<string, string>();
  /** What setups leave for their checks. */
  readonly state = new Map<string, unknown>();
  /** Times the hub stopped answering for good and was killed and started again. */
  revivals = 0;

  /**
   * `revive`: kills the hub and starts it again on the same port and data (a bench that owns
   * the process), so one input that wedges it is recorded and the suite goes on.
   */
  constructor(
    readonly hub: AttackHub,
    private readonly revive?: () => Promise<void>,
  ) {}

  /** After an answer that never came: waits up to `graceMs` for /health, else revives the hub. Says what happened. */
  async recover(graceMs: number): Promise<{ answeredAfterMs: number | null; revived: boolean }> {
    const started = performance.now();
    while (performance.now() - started < graceMs) {
      if ((await health(this.hub, { timeoutMs: 1_000 })).ok) return { answeredAfterMs: performance.now() - started, revived: false };
      await new Promise((done) => setTimeout(done, 250));
    }
    if (!this.revive) return { answeredAfterMs: null, revived: false };
    await this.revive();
    this.revivals++;
    return { answeredAfterMs: null, revived: true };
  }

  /** A demo account's session (signed in once, from 127.0.0.1). */
  async token(username: string): Promise<string> {
    const known = this.tokens.get(username);
    if (known) return known;
    const answer = await send(this.hub, { path: `${API}/sessions`, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
    const token = jsonOf(answer)?.token;
    if (answer.status !== 201 || typeof token !== 'string') throw new Error(`could not sign in as ${username}: ${said(answer)} ${answer.text.slice(0, 200)}`);
    this.tokens.set(username, token);
    return token;
  }

  async seq(): Promise<number | null> {
    return (await health(this.hub)).seq;
  }
}

/** The check's refusal plus "the hub still answers /health" afterwards. */
async function andStillUp(context: AttackContext, outcome: Outcome): Promise<Outcome> {
  const up = await health(context.hub);
  return up.ok ? outcome : { ...outcome, held: false, detail: `${outcome.detail}; then /health answered ${up.status || 'nothing'}` };
}

const expectStatus = (answer: Answer, statuses: readonly number[], code?: string | RegExp): boolean =>
  statuses.includes(answer.status) && (code === undefined || (typeof code === 'string' ? codeOf(answer) === code : code.test(codeOf(answer) ?? '')));

/** A request check: held when the answer has one of `statuses` (and `code`), and the hub is up after. */
function refused(name: string, make: (context: AttackContext) => Promise<Send>, statuses: readonly number[], code?: string | RegExp): Check {
  return {
    name,
    async run(context) {
      const answer = await send(context.hub, await make(context));
      return andStillUp(context, { held: expectStatus(answer, statuses, code), detail: `answered ${said(answer)} in ${answer.ms.toFixed(0)} ms`, ms: answer.ms });
    },
  };
}

// ---- websocket ------------------------------------------------------------------------------

const STREAM = `${API}/stream`;

/**
 * Opens the stream by hand, sends `attack`, and looks: held when the hub closed that connection
 * with a 1xxx code (or cut it), served it nothing ('ready'), and still answers /health.
 */
async function streamAttack(context: AttackContext, attack: (connection: RawConnection) => void | Promise<void>, waitMs = 5_000): Promise<Outcome> {
  const { connection, status } = await rawWebSocket(context.hub.port, STREAM);
  if (status !== 101) {
    connection.end();
    return { held: false, detail: `the upgrade answered ${status || 'nothing'}, not 101: the frames never reached the stream` };
  }
  const started = performance.now();
  await attack(connection);
  const closed = await connection.closed(waitMs);
  const ms = performance.now() - started;
  const received = connection.received();
  const code = closeCodeOf(received);
  const served = received.toString('latin1').includes('"type":"ready"');
  connection.end();
  const codeOk = code === null || (code >= 1000 && code <= 1999);
  const how = closed ? (code === null ? 'cut without a close frame' : `closed with ${code}`) : `still open after ${waitMs} ms`;
  return andStillUp(context, { held: closed && codeOk && !served, detail: `${how} in ${ms.toFixed(0)} ms${served ? ', and it was served a session' : ''}`, ms });
}

const hello = (token: string) => Buffer.from(JSON.stringify({ type: 'hello', token, after: 0 }));

/** A frame header claiming a 2^63-byte payload (RFC 6455 §5.2: the top bit must be 0). */
const hugeLengthFrame = () => Buffer.concat([Buffer.from([0x81, 0xff, 0x80, 0, 0, 0, 0, 0, 0, 0]), randomBytes(4), Buffer.from('x')]);

export const WEBSOCKET: Category = {
  id: 'websocket',
  refusalsOnly: true,
  checks: [
    { name: 'malformed JSON hello', run: (c) => streamAttack(c, (s) => s.write(frame(TEXT, Buffer.from('{"type":')))) },
    { name: 'frame claiming a 2^63-byte length', run: (c) => streamAttack(c, (s) => s.write(hugeLengthFrame())) },
    { name: 'unmasked client frame', run: (c) => streamAttack(c, (s) => s.write(frame(TEXT, Buffer.from('{}'), { mask: false }))) },
    { name: 'text that is not UTF-8', run: (c) => streamAttack(c, (s) => s.write(frame(TEXT, Buffer.from([0xc3, 0x28, 0xff, 0xfe])))) },
    { name: 'frame over the max payload (64 KiB)', run: (c) => streamAttack(c, (s) => s.write(frame(TEXT, Buffer.alloc(64 * 1024, 0x61)))) },
    { name: 'reserved opcode 0x3', run: (c) => streamAttack(c, (s) => s.write(frame(0x3, Buffer.from('?')))) },
    { name: 'binary hello', run: (c) => streamAttack(c, (s) => s.write(frame(BINARY, Buffer.from([1, 2, 3])))) },
    { name: 'hello with a forged token', run: (c) => streamAttack(c, (s) => s.write(frame(TEXT, hello(randomBytes(32).toString('base64url'))))) },
    { name: 'fragmented: continuation with no message begun', run: (c) => streamAttack(c, (s) => s.write(frame(0x0, Buffer.from('garbage')))) },
    {
      name: 'fragmented: pieces that join into bad UTF-8',
      run: (c) => streamAttack(c, (s) => s.write(Buffer.concat([frame(TEXT, Buffer.from([0x7b, 0xc3]), { fin: false }), frame(0x0, Buffer.from([0x28, 0xff]))]))),
    },
    {
      name: 'fragmented: a new message inside a fragmented one',
      run: (c) => streamAttack(c, (s) => s.write(Buffer.concat([frame(TEXT, Buffer.from('{"ty'), { fin: false }), frame(TEXT, Buffer.from('pe":1}'))]))),
    },
    {
      name: 'fragmented: 40 × 1 KiB pieces past the max payload',
      run: (c) =>
        streamAttack(c, (s) => {
          const pieces = Array.from({ length: 40 }, (_, i) => frame(i === 0 ? TEXT : 0x0, Buffer.alloc(1024, 0x61), { fin: i === 39 }));
          s.write(Buffer.concat(pieces));
        }),
    },
    {
      name: 'no hello within the 10 s deadline',
      slow: true,
      run: (c) => streamAttack(c, () => {}, HUB_LIMITS.helloTimeoutMs + 3_000),
    },
  ],
};

// ---- http -----------------------------------------------------------------------------------

const reportCommand = (key: string, title: string) =>
  JSON.stringify({ type: 'incident.report', idempotencyKey: key, payload: { channel: 'hotline12345', category: 'streetVending', title, location: { lon: 120.08, lat: 30.33 } } });

const asOperator = async (context: AttackContext, extra: Partial<Send> & { path: string }): Promise<Send> => ({
  ...extra,
  headers: { 'content-type': 'application/json', authorization: `Bearer ${await context.token('operator1')}`, ...extra.headers },
});

export const HTTP: Category = {
  id: 'http',
  refusalsOnly: true,
  async setup(context) {
    // The first use of a key: a real command, journaled before the category's seq is read.
    const key = `attack-reuse-${randomBytes(6).toString('hex')}`;
    const first = await send(context.hub, await asOperator(context, { path: `${API}/commands`, body: reportCommand(key, '占道经营 攻击测试原件') }));
    if (first.status !== 200) throw new Error(`the original command was refused: ${said(first)} ${first.text.slice(0, 200)}`);
    context.state.set('reuse', { key, answer: jsonOf(first) });
  },
  checks: [
    refused('JSON nested 5,000 deep → 400 with a code', (c) => asOperator(c, { path: `${API}/commands`, body: '['.repeat(5_000) + ']'.repeat(5_000) }), [400], 'invalid'),
    refused('JSON nested 80,000 deep, objects in arrays → 400 with a code', (c) => asOperator(c, { path: `${API}/commands`, body: '[{"a":'.repeat(40_000) + '1' + '}]'.repeat(40_000) }), [400], 'invalid'),
    refused('bad %-escape in the path → 400', (c) => asOperator(c, { path: `${API}/incidents/%E0%A4%A` }), [400], 'invalid'),
    refused('bad %-escape in the query → 400', (c) => asOperator(c, { path: `${API}/journal?after=%zz` }), [400], 'invalid'),
    refused('2 MiB body → 413', (c) => asOperator(c, { path: `${API}/commands`, body: JSON.stringify({ type: 'incident.report', pad: 'x'.repeat(2 * 1024 * 1024) }) }), [413], 'bodyTooLarge'),
    refused('text/plain body → 415', (c) => asOperator(c, { path: `${API}/commands`, headers: { 'content-type': 'text/plain' }, body: reportCommand('attack-text-plain', 'x') }), [415], 'unsupportedMediaType'),
    refused('unknown API route → 404, not 500', (c) => asOperator(c, { path: `${API}/no-such-endpoint` }), [404], 'notFound'),
    refused('unknown page → 404, not 500', async () => ({ path: '/no-such-page.php' }), [404]),
    {
      name: 'idempotency key again with another payload → 409',
      async run(context) {
        const reuse = context.state.get('reuse') as { key: string; answer: unknown };
        const other = await send(context.hub, await asOperator(context, { path: `${API}/commands`, body: reportCommand(reuse.key, '另一件事') }));
        const again = await send(context.hub, await asOperator(context, { path: `${API}/commands`, body: reportCommand(reuse.key, '占道经营 攻击测试原件') }));
        const sameAnswer = JSON.stringify(jsonOf(again)) === JSON.stringify(reuse.answer);
        return andStillUp(context, {
          held: expectStatus(other, [409], 'conflict') && sameAnswer,
          detail: `another payload answered ${said(other)}; the same payload ${sameAnswer ? 'answered as the first time' : `answered ${said(again)}, not as the first time`}`,
        });
      },
    },
    refused('Host of another site (DNS rebinding) → 421', async () => ({ path: `${API}/health`, headers: { host: 'evil.example:4580' } }), [421], 'badHost'),
    {
      name: 'stream upgrade from another origin → 403',
      async run(context) {
        const { connection, status } = await rawWebSocket(context.hub.port, STREAM, { Origin: 'http://evil.example' });
        const ended = await connection.closed(2_000);
        connection.end();
        return andStillUp(context, { held: status === 403 && ended, detail: `answered ${status || 'nothing'}${ended ? ', connection ended' : ', connection left open'}` });
      },
    },
    refused(
      'a report from a page of another origin → 403',
      async () => ({
        path: `${API}/ingest/hotline12345`,
        headers: { 'content-type': 'application/json', 'x-api-key': HOTLINE_KEY, origin: 'http://evil.example' },
        body: JSON.stringify(intakeReport('attack-origin')),
      }),
      [403],
      'badOrigin',
    ),
  ],
};

// ---- connections ----------------------------------------------------------------------------

export const CONNECTIONS: Category = {
  id: 'connections',
  refusalsOnly: true,
  checks: [
    {
      name: 'slowloris: headers dribbled every 500 ms',
      slow: true,
      async run(context) {
        const slow = await rawConnection(context.hub.port, '127.0.0.1', '127.0.0.11');
        const started = performance.now();
        slow.write(`GET ${API}/health HTTP/1.1\r\nHost: 127.0.0.1:${context.hub.port}\r\n`);
        const drip = setInterval(() => slow.write(`X-Slow-${Math.floor(performance.now())}: 1\r\n`), 500);
        const closed = await slow.closed(HUB_LIMITS.headersTimeoutMs + 5_000);
        clearInterval(drip);
        const ms = performance.now() - started;
        const answered = /^HTTP\/1\.1 2/.test(slow.received().toString('latin1'));
        slow.end();
        return andStillUp(context, { held: closed && !answered, detail: closed ? `closed after ${(ms / 1000).toFixed(1)} s${answered ? ', but served' : ''}` : `still open after ${(ms / 1000).toFixed(1)} s`, ms });
      },
    },
    {
      name: 'a connection that never sends a byte',
      slow: true,
      async run(context) {
        const silent = await rawConnection(context.hub.port, '127.0.0.1', '127.0.0.12');
        const started = performance.now();
        const closed = await silent.closed(HUB_LIMITS.headersTimeoutMs + 5_000);
        const ms = performance.now() - started;
        silent.end();
        return andStillUp(context, { held: closed, detail: closed ? `closed after ${(ms / 1000).toFixed(1)} s` : `still open after ${(ms / 1000).toFixed(1)} s`, ms });
      },
    },
    {
      name: 'idle keep-alive connection',
      slow: true,
      async run(context) {
        const idle = await rawConnection(context.hub.port, '127.0.0.1', '127.0.0.13');
        idle.write(`GET ${API}/health HTTP/1.1\r\nHost: 127.0.0.1:${context.hub.port}\r\nConnection: keep-alive\r\n\r\n`);
        const started = performance.now();
        const closed = await idle.closed(HUB_LIMITS.keepAliveTimeoutMs + 5_000);
        const ms = performance.now() - started;
        const answered = /^HTTP\/1\.1 200/.test(idle.received().toString('latin1'));
        idle.end();
        return andStillUp(context, {
          held: closed && answered,
          detail: `${answered ? 'answered 200, then ' : 'not answered, '}${closed ? `closed after ${(ms / 1000).toFixed(1)} s idle` : `still open after ${(ms / 1000).toFixed(1)} s`}`,
          ms,
        });
      },
    },
    {
      name: `more than ${HUB_LIMITS.connectionsPerAddress} connections from one address`,
      async run(context) {
        const from = '127.0.0.14';
        const held = await Promise.all(Array.from({ length: HUB_LIMITS.connectionsPerAddress }, () => rawConnection(context.hub.port, '127.0.0.1', from)));
        const over = await Promise.all(Array.from({ length: 4 }, () => rawConnection(context.hub.port, '127.0.0.1', from).catch(() => null)));
        const overClosed = await Promise.all(over.map((c) => (c ? c.closed(2_000) : Promise.resolve(true))));
        // Those within the cap are still open (the cap is per address, not a blanket refusal)…
        const withinOpen = (await Promise.all(held.map((c) => c.closed(10)))).filter((closed) => !closed).length;
        // …another address is served meanwhile, and once they close this one is served again.
        const other = await health(context.hub, { from: '127.0.0.15' });
        for (const c of [...held, ...over]) c?.end();
        await new Promise((done) => setTimeout(done, 300));
        const after = await health(context.hub, { from });
        const refusedOver = overClosed.filter(Boolean).length;
        return andStillUp(context, {
          held: refusedOver === over.length && withinOpen === held.length && other.ok && after.ok,
          detail: `${withinOpen}/${held.length} within the cap kept, ${refusedOver}/${over.length} beyond it closed; another address ${other.ok ? 'served' : 'refused'}; the address ${after.ok ? 'served again' : 'still refused'} once it let go`,
        });
      },
    },
  ],
};

// ---- static ---------------------------------------------------------------------------------

/** Bytes that only the hub's own files hold: a traversal that reached them shows them. */
const ESCAPED = [/"name":\s*"dutydeck"/, /root:x:0:0/, /"compilerOptions"/];

function traversal(name: string, path: string): Check {
  return {
    name,
    async run(context) {
      const answer = await send(context.hub, { path });
      const leaked = ESCAPED.some((pattern) => pattern.test(answer.text));
      return andStillUp(context, { held: answer.status >= 400 && answer.status < 500 && !leaked, detail: `answered ${said(answer)}${leaked ? ' WITH a file from outside the root' : ''}` });
    },
  };
}

export const STATIC: Category = {
  id: 'static',
  refusalsOnly: true,
  checks: [
    traversal('../ encoded as ..%2f', '/..%2f..%2f..%2fpackage.json'),
    traversal('..%2f under /assets/', '/assets/..%2f..%2f..%2f..%2fpackage.json'),
    traversal('%2e%2e/ (dots encoded)', '/%2e%2e/%2e%2e/%2e%2e/package.json'),
    traversal('%252e%252e%252f (double-encoded)', '/%252e%252e%252f%252e%252e%252fpackage.json'),
    traversal('..%5c (backslash encoded)', '/..%5c..%5c..%5cpackage.json'),
    traversal('raw ../ in the request line', '/../../../../etc/passwd'),
    traversal('..%2f under /media/demo/', '/media/demo/..%2f..%2f..%2fpackage.json'),
    traversal('overlong UTF-8 dot-dot-slash (%c0%ae%c0%ae%c0%af)', '/%c0%ae%c0%ae%c0%afpackage.json'),
    {
      name: 'a symlink in the served root leading out of it',
      async run(context) {
        const root = context.hub.staticRoot;
        if (!root || !existsSync(join(root, 'index.html'))) {
          return { held: true, detail: 'not tried', note: 'the served root is not a folder this run controls: traversal tested, the symlink guard not' };
        }
        // Outside the root: a folder and a file with a secret only this run knows.
        const outside = mkdtempSync(join(tmpdir(), 'dutydeck-attack-outside-'));
        const secret = `attack-secret-${randomBytes(12).toString('hex')}`;
        writeFileSync(join(outside, 'secret.txt'), secret);
        mkdirSync(join(outside, 'dir'));
        writeFileSync(join(outside, 'dir', 'index.html'), secret);
        const name = `attack-link-${process.pid}-${randomBytes(4).toString('hex')}`;
        const fileLink = join(root, `${name}.txt`);
        const dirLink = join(root, name);
        try {
          symlinkSync(join(outside, 'secret.txt'), fileLink);
          symlinkSync(join(outside, 'dir'), dirLink);
          const page = await send(context.hub, { path: '/index.html' });
          const answers = await Promise.all([`/${name}.txt`, `/${name}/`, `/${name}/index.html`].map((path) => send(context.hub, { path })));
          const leaked = answers.filter((a) => a.text.includes(secret)).length;
          return andStillUp(context, {
            held: page.status === 200 && leaked === 0 && answers.every((a) => a.status === 404),
            detail: `the root serves its own page (${page.status}); links out answered ${answers.map((a) => a.status).join(', ')}${leaked ? `, ${leaked} WITH the file outside` : ''}`,
          });
        } finally {
          rmSync(fileLink, { force: true });
          rmSync(dirLink, { force: true });
          rmSync(outside, { recursive: true, force: true });
        }
      },
    },
  ],
};

// ---- intake ---------------------------------------------------------------------------------

const CAP_OPEN = '<?xml version="1.0" encoding="UTF-8"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">';

/** `head` + `unit` repeated + `tail`, exactly `bytes` long (ASCII only). */
function sized(head: string, unit: string, tail: string, bytes = HUB_LIMITS.maxCapBytes): string {
  const room = bytes - head.length - tail.length;
  const body = unit.repeat(Math.floor(room / unit.length));
  return head + body + ' '.repeat(room - body.length) + tail;
}

/** The hostile CAP documents, each exactly 512 KiB (the most the intake reads). */
export function hostileCap(): Array<{ name: string; xml: string }> {
  const depth = Math.floor((HUB_LIMITS.maxCapBytes - CAP_OPEN.length - 10) / 7);
  const laughs = ['<!DOCTYPE alert [', '<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) laughs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
  laughs.push(']>');
  return [
    { name: 'elements nested 75,000 deep', xml: sized(CAP_OPEN + '<a>'.repeat(depth), ' ', '</a>'.repeat(depth) + '</alert>') },
    // Runs of tags that never close, no '>' after them: a tag scan that backtracks over the
    // rest of the text from every '<' is polynomial in these (a space or a slash after each
    // name gives it other paths to try).
    { name: 'a run of <a<a<a… (no > after it)', xml: sized(CAP_OPEN, '<a', '') },
    { name: 'a run of <a x<a x… (no > after it)', xml: sized(CAP_OPEN, '<a x', '') },
    { name: 'a run of <a/<a/… (no > after it)', xml: sized(CAP_OPEN, '<a/', '') },
    { name: 'a run of 50,000 attributes', xml: sized('<?xml version="1.0"?>\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"', ' a="1"', '></alert>') },
    { name: 'one attribute value left open', xml: sized('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2" note="', 'x', '') },
    { name: 'billion laughs (DOCTYPE, nested entities)', xml: sized(`<?xml version="1.0"?>\n${laughs.join('\n')}\n<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><note>&lol9;</note>`, ' ', '</alert>') },
    { name: 'one huge entity used many times', xml: sized('<?xml version="1.0"?>\n<!DOCTYPE alert [<!ENTITY big "', 'A', `">]>${CAP_OPEN.slice(CAP_OPEN.indexOf('<alert'))}${'&big;'.repeat(2_000)}</alert>`) },
  ];
}

/** How long a hub left busy by an alert gets to answer /health again before it is revived. */
const WEDGED_AFTER_MS = 10_000;

function capCheck(name: string, xml: () => string): Check {
  return {
    name: `CAP: ${name}`,
    async run(context) {
      const body = xml();
      const before = await context.seq();
      const answer = await send(context.hub, { path: `${API}/ingest/cap`, headers: { 'content-type': 'application/cap+xml', 'x-api-key': HOTLINE_KEY }, body });
      // A parser still busy with it holds the hub's thread: does the hub come back, and when.
      let blocked = '';
      if (!answer.status) {
        const { answeredAfterMs, revived } = await context.recover(WEDGED_AFTER_MS);
        if (answeredAfterMs !== null) blocked = `; the hub answered /health again ${((answer.ms + answeredAfterMs) / 1000).toFixed(1)} s after the alert was sent`;
        else blocked = `; the hub still answered nothing ${((answer.ms + WEDGED_AFTER_MS) / 1000).toFixed(0)} s after the alert was sent${revived ? ': killed and started again' : ''}`;
      }
      const after = await context.seq();
      const refusedFast = answer.status >= 400 && answer.status < 500 && answer.status !== 413 && answer.ms <= CAP_REFUSAL_MS;
      return andStillUp(context, {
        held: refusedFast && before === after,
        detail: `${(Buffer.byteLength(body) / 1024).toFixed(0)} KiB answered ${said(answer)} in ${answer.ms.toFixed(0)} ms (limit ${CAP_REFUSAL_MS} ms)${blocked}${before === after ? '' : `; the journal moved ${before} → ${after}`}`,
        ms: answer.ms,
      });
    },
  };
}

function intakeReport(externalId: string): Record<string, unknown> {
  return { externalId, time: '2026-05-01T08:30:00+08:00', categoryCode: '0302', text: '占道经营，攻击测试的对照报告。', location: { lon: 120.08, lat: 30.33 } };
}

/** A valid report with hostile keys spliced into its JSON text (JSON.stringify would drop __proto__). */
function pollutedReport(externalId: string, where: 'top' | 'reporter' | 'location', hostile: string): string {
  const base = JSON.stringify(intakeReport(externalId)).slice(0, -1);
  if (where === 'top') return `{${hostile},${base.slice(1)}}`;
  if (where === 'reporter') return `${base},"reporter":{${hostile},"name":"市民"}}`;
  return base.replace('"location":{', `"location":{${hostile},`) + '}';
}

function jsonIntakeCheck(name: string, body: (id: string) => string): Check {
  return refused(
    `JSON intake: ${name}`,
    async () => ({ path: `${API}/ingest/hotline12345`, headers: { 'content-type': 'application/json', 'x-api-key': HOTLINE_KEY }, body: body(`attack-${randomBytes(6).toString('hex')}`) }),
    [400],
  );
}

const OPEN311_VALID = { api_key: HOTLINE_KEY, service_code: 'streetVending', lat: '30.33', long: '120.08', description: '占道经营，攻击测试的对照请求。' };
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

function open311Check(name: string, fields: Record<string, string | null>, statuses: readonly number[] = [400]): Check {
  return refused(
    `Open311: ${name}`,
    async () => {
      const merged: Record<string, string> = {};
      for (const [key, value] of Object.entries({ ...OPEN311_VALID, ...fields })) if (value !== null) merged[key] = value;
      return { path: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(merged) };
    },
    statuses,
  );
}

export const INTAKE: Category = {
  id: 'intake',
  refusalsOnly: true,
  async setup(context) {
    // Controls: the same report and request without the hostile part are accepted, so each
    // refusal below is for what the attack added, not for a mistake in the rest.
    const report = await send(context.hub, { path: `${API}/ingest/hotline12345`, headers: { 'content-type': 'application/json', 'x-api-key': HOTLINE_KEY }, body: JSON.stringify(intakeReport(`attack-control-${randomBytes(6).toString('hex')}`)) });
    if (report.status !== 201) throw new Error(`the control report was refused: ${said(report)} ${report.text.slice(0, 300)}`);
    const request = await send(context.hub, { path: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form(OPEN311_VALID) });
    if (request.status !== 201) throw new Error(`the control Open311 request was refused: ${said(request)} ${request.text.slice(0, 300)}`);
  },
  checks: [
    ...hostileCap().map(({ name, xml }) => capCheck(name, () => xml)),
    open311Check('lat and long out of range', { lat: '91', long: '500' }),
    open311Check('lat that is not a number', { lat: 'abc' }),
    open311Check('lat without long', { long: null }),
    open311Check('unknown service_code', { service_code: '../../etc/passwd' }, [404]),
    open311Check('no location at all', { lat: null, long: null }),
    open311Check('media_url that is not http(s)', { media_url: 'javascript:alert(1)' }),
    jsonIntakeCheck('__proto__ at the top', (id) => pollutedReport(id, 'top', '"__proto__":{"polluted":"yes","isAdmin":true}')),
    jsonIntakeCheck('constructor.prototype at the top', (id) => pollutedReport(id, 'top', '"constructor":{"prototype":{"polluted":"yes"}}')),
    jsonIntakeCheck('__proto__ inside reporter', (id) => pollutedReport(id, 'reporter', '"__proto__":{"phone":"13800000000"}')),
    jsonIntakeCheck('__proto__ inside location', (id) => pollutedReport(id, 'location', '"__proto__":{"datum":"gcj02"}')),
  ],
};

// ---- auth -----------------------------------------------------------------------------------

const signInFrom = (hub: AttackHub, from: string, username: string, password: string) =>
  send(hub, { path: `${API}/sessions`, from, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export const AUTH: Category = {
  id: 'auth',
  // Failed sign-ins may be journaled (an account locked, say): no seq comparison here.
  refusalsOnly: false,
  checks: [
    {
      name: 'unknown user vs known user, wrong password: timing within 1.5×',
      async run(context) {
        // Four wrong passwords per known account stay below a lockout of five; interleaved
        // with unknown names so a slow spell of the machine falls on both.
        const known = ['operator2', 'commander1', 'admin'];
        const knownMs: number[] = [];
        const unknownMs: number[] = [];
        let allRefused = true;
        for (let round = 0; round < 4; round++) {
          for (const username of known) {
            const a = await signInFrom(context.hub, '127.0.0.21', username, `wrong-${randomBytes(4).toString('hex')}`);
            const b = await signInFrom(context.hub, '127.0.0.21', `nobody-${randomBytes(5).toString('hex')}`, `wrong-${randomBytes(4).toString('hex')}`);
            allRefused &&= a.status === 401 && b.status === 401;
            knownMs.push(a.ms);
            unknownMs.push(b.ms);
          }
        }
        const [k, u] = [median(knownMs), median(unknownMs)];
        const ratio = Math.max(k, u) / Math.min(k, u);
        return { held: allRefused && ratio <= 1.5, detail: `median ${k.toFixed(1)} ms known vs ${u.toFixed(1)} ms unknown (${knownMs.length} each): ratio ${ratio.toFixed(2)}×${allRefused ? '' : '; not every attempt answered 401'}` };
      },
    },
    {
      name: 'lockout: 5 wrong passwords, then the right one is refused',
      async run(context) {
        const answers: Answer[] = [];
        for (let i = 0; i < 5; i++) answers.push(await signInFrom(context.hub, '127.0.0.22', 'commander2', `wrong-${i}`));
        const right = await signInFrom(context.hub, '127.0.0.22', 'commander2', PASSWORD);
        const code = codeOf(right) ?? '';
        return {
          // The first four are plain refusals; the fifth may already say the account is now
          // locked (423), as it is from that moment; the right password after it is refused.
          held: answers.slice(0, 4).every((a) => a.status === 401) && [401, 423].includes(answers[4]!.status) && right.status >= 400 && right.status < 500 && /lock/i.test(code),
          detail: `wrong ones answered ${[...new Set(answers.map(said))].join(', ')}; the right one then answered ${said(right)}`,
        };
      },
    },
    {
      name: `sign-in rate limit per address (${HUB_LIMITS.signInPerMinute}/min) → 429`,
      async run(context) {
        const from = '127.0.0.23';
        const statuses: number[] = [];
        let limited: Answer | undefined;
        for (let i = 0; i < HUB_LIMITS.signInPerMinute + 5 && !limited; i++) {
          const answer = await signInFrom(context.hub, from, `nobody-${i}`, 'wrong');
          statuses.push(answer.status);
          if (answer.status === 429) limited = answer;
        }
        const other = await signInFrom(context.hub, '127.0.0.24', 'nobody', 'wrong');
        return andStillUp(context, {
          held: !!limited && codeOf(limited) === 'rateLimited' && Number(limited.headers['retry-after']) > 0 && other.status === 401,
          detail: limited
            ? `429 ${codeOf(limited)} (Retry-After ${limited.headers['retry-after']}) on attempt ${statuses.length}; another address still answered ${other.status}`
            : `no 429 in ${statuses.length} attempts`,
        });
      },
    },
    {
      name: 'a token in the query string is not accepted',
      async run(context) {
        const token = await context.token('operator1');
        const withHeader = await send(context.hub, { path: `${API}/units`, headers: { authorization: `Bearer ${token}` } });
        const inQuery = await Promise.all(
          [`${API}/units?token=${token}`, `${API}/units?access_token=${token}`, `${API}/sessions/current?token=${token}`, `${API}/journal?after=0&token=${token}`].map((path) => send(context.hub, { path })),
        );
        const served = inQuery.filter((a) => a.status >= 200 && a.status < 300).length;
        return andStillUp(context, {
          held: withHeader.status === 200 && served === 0,
          detail: `as a header ${withHeader.status} (the token works); in the query ${inQuery.map(said).join(', ')}`,
        });
      },
    },
    {
      name: 'stream hello with a signed-out token',
      async run(context) {
        const answer = await signInFrom(context.hub, '127.0.0.25', 'operator2', PASSWORD);
        const token = jsonOf(answer)?.token as string | undefined;
        if (answer.status !== 201 || !token) return { held: false, detail: `could not sign in to sign out: ${said(answer)}` };
        const out = await send(context.hub, { method: 'DELETE', path: `${API}/sessions/current`, headers: { authorization: `Bearer ${token}` } });
        const outcome = await streamAttack(context, (s) => s.write(frame(TEXT, hello(token))));
        return { ...outcome, held: outcome.held && out.status === 200, detail: `signed out (${out.status}); ${outcome.detail}` };
      },
    },
    { name: 'stream hello with a garbage token', run: (c) => streamAttack(c, (s) => s.write(frame(TEXT, hello('garbage!token')))) },
  ],
};

// ---- privacy --------------------------------------------------------------------------------

/** The stream's messages for `token` after `after`, until an entry of seq ≥ `until` (or 3 s). */
async function streamText(context: AttackContext, token: string, after: number, until: number): Promise<{ text: string; reached: boolean }> {
  const { connection, status } = await rawWebSocket(context.hub.port, STREAM);
  if (status !== 101) return { text: '', reached: false };
  connection.write(frame(TEXT, Buffer.from(JSON.stringify({ type: 'hello', token, after }))));
  const deadline = performance.now() + 3_000;
  let reached = false;
  while (performance.now() < deadline && !reached) {
    await connection.closed(50);
    const text = connection.received().toString('utf8');
    reached = [...text.matchAll(/"seq":(\d+)/g)].some((m) => Number(m[1]) >= until);
  }
  const text = connection.received().toString('utf8');
  connection.end();
  return { text, reached };
}

const PHONE = '13912345678';
const PHONE_IN_TEXT = '13787654321';

export const PRIVACY: Category = {
  id: 'privacy',
  // It reports an incident with a caller's number on purpose, to look for it.
  refusalsOnly: false,
  async setup(context) {
    const before = (await context.seq()) ?? 0;
    const command = JSON.stringify({
      type: 'incident.report',
      idempotencyKey: `attack-privacy-${randomBytes(6).toString('hex')}`,
      payload: { channel: 'hotline12345', category: 'noise', title: `夜间施工，请回电 ${PHONE_IN_TEXT}`, location: { lon: 120.08, lat: 30.33 }, reporter: { name: '张先生', phone: PHONE } },
    });
    const answer = await send(context.hub, await asOperator(context, { path: `${API}/commands`, body: command }));
    if (answer.status !== 200) throw new Error(`the privacy probe's report was refused: ${said(answer)} ${answer.text.slice(0, 200)}`);
    // The raw journal (a seat's replica) holds the numbers whole: the masking below is real.
    const raw = await send(context.hub, await asOperator(context, { path: `${API}/replica/journal?after=${before}` }));
    if (!raw.text.includes(PHONE) || !raw.text.includes(PHONE_IN_TEXT)) throw new Error(`the raw journal does not hold the probe's numbers: ${said(raw)}`);
    context.state.set('privacy', { before, seq: jsonOf(answer).seq as number });
  },
  checks: [
    ...(['unit1', 'wall1', 'regionhead1'] as const).flatMap((username): Check[] => [
      {
        name: `${username}: the journal endpoint shows no whole mobile number`,
        async run(context) {
          const token = await context.token(username);
          const answer = await send(context.hub, { path: `${API}/journal?after=0&limit=5000`, headers: { authorization: `Bearer ${token}` } });
          const { seq } = context.state.get('privacy') as { seq: number };
          const sawProbe = (jsonOf(answer)?.entries ?? []).some((e: { seq: number }) => e.seq === seq);
          const whole = WHOLE_MOBILE.exec(answer.text)?.[0];
          return {
            held: answer.status === 200 && sawProbe && !whole,
            detail: `answered ${said(answer)}, ${sawProbe ? 'with' : 'WITHOUT'} the probe's entry${whole ? `; a whole number ${whole.slice(0, 3)}… is in it` : ', no whole number'}`,
          };
        },
      },
      {
        name: `${username}: the live stream shows no whole mobile number`,
        async run(context) {
          const token = await context.token(username);
          const { seq } = context.state.get('privacy') as { seq: number };
          const { text, reached } = await streamText(context, token, 0, seq);
          const whole = WHOLE_MOBILE.exec(text)?.[0];
          return { held: reached && !whole, detail: `${reached ? 'streamed up to' : 'did NOT stream'} the probe's entry${whole ? `; a whole number ${whole.slice(0, 3)}… is in it` : ', no whole number'}` };
        },
      },
    ]),
    ...(['unit1', 'regionhead1', 'wall1'] as const).map(
      (username): Check => ({
        name: `${username}: replica snapshot → 403`,
        async run(context) {
          const answer = await send(context.hub, { path: `${API}/replica/snapshot`, headers: { authorization: `Bearer ${await context.token(username)}` } });
          return { held: answer.status === 403 && codeOf(answer) === 'forbidden', detail: `answered ${said(answer)}` };
        },
      }),
    ),
  ],
};

export const CATEGORIES: readonly Category[] = [WEBSOCKET, HTTP, CONNECTIONS, STATIC, INTAKE, AUTH, PRIVACY];

// ---- running a category ---------------------------------------------------------------------

export interface CheckResult extends Outcome {
  name: string;
}

export interface CategoryResult {
  id: string;
  results: CheckResult[];
  /** Journal head before and after the checks (after setup), for refusals-only categories. */
  seqBefore: number | null;
  seqAfter: number | null;
  notes: string[];
}

/** Slow checks start at once and run beside the others, which go one at a time. */
export async function runCategory(context: AttackContext, category: Category, onResult: (result: CheckResult) => void = () => {}): Promise<CategoryResult> {
  await category.setup?.(context);
  const seqBefore = await context.seq();
  const attempt = async (check: Check): Promise<CheckResult> => {
    let outcome: Outcome;
    try {
      outcome = await check.run(context);
    } catch (error) {
      outcome = { held: false, detail: `the check failed: ${(error as Error).message}` };
    }
    const result = { name: check.name, ...outcome };
    onResult(result);
    return result;
  };
  const slow = Promise.all(category.checks.filter((c) => c.slow).map(attempt));
  const results: CheckResult[] = [];
  for (const check of category.checks.filter((c) => !c.slow)) results.push(await attempt(check));
  results.push(...(await slow));
  const seqAfter = await context.seq();
  return { id: category.id, results, seqBefore, seqAfter, notes: [...new Set(results.flatMap((r) => (r.note ? [r.note] : [])))] };
}
