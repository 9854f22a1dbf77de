// The hub's HTTP server on fastify: the API map's routes, the journal stream, the intake's
// feeds, the windows and their media. HTTP/2 over TLS (HTTP/1.1 allowed for the stream and
// old clients), so a 16-tile video wall does not queue behind a browser's six connections per
// host; plain HTTP/1.1 only where the hub listens on loopback, or where the room says so.
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import type { AddressInfo, Socket } from 'node:net';
import { DutyFailure, type DutyError } from '../../../shared/errors';
import { API_PREFIX, MAX_BODY_BYTES, STREAM_PATH } from '../../../shared/protocol/api';
import { capConnections, NetworkGuard, type GuardOptions } from './guard';
import { failureOfFastify, parseJsonText, sendError, utf8Text } from './http';
import { otherMethods, registerApi, type ApiOptions } from './router';
import type { Handlers } from './routes';
import type { Sessions } from './sessions';
import { registerStatic } from './static';
import { MAX_CLIENT_FRAME_BYTES, type JournalStream } from './stream';
import type { TlsMaterial } from './tls';

/**
 * Routes outside the JSON API map (intake feeds, Open311, the replica snapshot), each in a
 * fastify scope of its own (its parsers, error shape and, under a prefix, its 404s).
 */
export interface RoutePlugin {
  prefix?: string;
  routes(scope: FastifyInstance): void | Promise<void>;
}

export interface ServerLimits {
  /** Open connections one address may hold (default 64). */
  connectionsPerAddress?: number;
  /** A client must send its request headers within this (slowloris), default 10 s. */
  headersTimeoutMs?: number;
  /** …and its whole request within this, default 30 s. */
  requestTimeoutMs?: number;
  /** A connection with nothing to do is closed after this, default 60 s. */
  idleTimeoutMs?: number;
}

export interface HubServerOptions extends ApiOptions {
  handlers: Handlers;
  sessions: Sessions;
  stream: JournalStream;
  rendererDir: string;
  mediaDir?: string;
  routes?: readonly RoutePlugin[];
  tls: TlsMaterial | null;
  guard: GuardOptions;
  limits?: ServerLimits;
  log: (line: string) => void;
}

export interface HubServer {
  app: FastifyInstance;
  guard: NetworkGuard;
  /** Listens; resolves with the port (port 0 picks one). Rejects (port taken) leaving nothing open. */
  listen(port: number, host: string): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_LIMITS: Required<ServerLimits> = { connectionsPerAddress: 64, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, idleTimeoutMs: 60_000 };

function answerError(error: unknown, log: (line: string) => void, where: string): { failure: DutyError; internal: boolean } {
  if (error instanceof DutyFailure) return { failure: error.error, internal: false };
  const known = failureOfFastify(error as FastifyError);
  if (known) return { failure: known.error, internal: false };
  log(`Request failed (${where}): ${(error as Error)?.stack ?? String(error)}`);
  return { failure: { code: 'internal', message: 'The hub failed to answer; the error was logged.' }, internal: true };
}

export async function createHubServer(options: HubServerOptions): Promise<HubServer> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log;
  const tls = options.tls;
  const common = {
    logger: false,
    // Identity comes from the socket: no proxy's X-Forwarded-For is believed.
    trustProxy: false,
    bodyLimit: MAX_BODY_BYTES,
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: 5_000,
    requestTimeout: limits.requestTimeoutMs,
    forceCloseConnections: true,
    return503OnClosing: true,
    // Long ids are refused by the schemas with a path; find-my-way's own limit is a bare 414.
    routerOptions: { maxParamLength: 500 },
    // Requests whose URL fastify cannot decode come here (bad %-escapes): 400, not 500.
    frameworkErrors: (error: FastifyError, _request: unknown, reply: { code(n: number): unknown }) => {
      const failure = failureOfFastify(error) ?? new DutyFailure('invalid', 'The request is malformed.');
      sendError(reply as never, failure.error);
    },
  } as const;
  const app: FastifyInstance = (
    tls
      ? Fastify({
          ...common,
          http2: true,
          http2SessionTimeout: limits.idleTimeoutMs,
          https: { allowHTTP1: true, key: tls.key, cert: tls.cert, minVersion: 'TLSv1.2', handshakeTimeout: limits.headersTimeoutMs },
        })
      : Fastify(common)
  ) as unknown as FastifyInstance;
  const guard = new NetworkGuard(options.guard);

  const server = app.server as unknown as { headersTimeout?: number; connectionsCheckingInterval?: number; on(event: 'connection', listener: (socket: Socket) => void): unknown };
  // Slowloris: headers must arrive within the limit; Node checks at this interval.
  server.headersTimeout = limits.headersTimeoutMs;
  server.connectionsCheckingInterval = Math.min(2_000, limits.headersTimeoutMs);
  capConnections(server, limits.connectionsPerAddress, log);

  // Bodies: JSON (depth-checked, UTF-8 only) for the API; the intake plugins add their own types.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      // No body (a DELETE that names its type anyway) is no body, not malformed JSON; an
      // endpoint that needs one refuses the missing body with its schema's path.
      const bytes = body as Buffer;
      done(null, bytes.length ? parseJsonText(utf8Text(bytes)) : undefined);
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  // Before anything else reads the request: the name it was sent to, and the page it came from.
  app.addHook('onRequest', async (request) => {
    guard.checkHost(request.host);
    guard.checkOrigin(request.headers.origin);
  });

  // A refused WebSocket upgrade is answered on the raw socket, which the HTTP server no longer
  // tracks: end it here, or it would stay open (and hold the hub's close) until the peer leaves.
  app.addHook('onResponse', async (request, reply) => {
    if (request.headers.upgrade && reply.statusCode !== 101) request.raw.socket?.destroySoon?.();
  });

  app.setErrorHandler((error, request, reply) => {
    const { failure } = answerError(error, log, `${request.method} ${request.url.split('?')[0]}`);
    if (failure.code === 'rateLimited' || failure.code === 'overloaded') reply.header('retry-after', reply.getHeader('retry-after') ?? '60');
    return sendError(reply, failure);
  });

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`)) {
      const methods = otherMethods(path);
      if (methods.length) return sendError(reply.header('allow', methods.join(', ')), { code: 'methodNotAllowed', message: `${request.method} is not allowed on ${path}.` });
      return sendError(reply, { code: 'notFound', message: `No API endpoint ${path}.` });
    }
    const missingApp = path === '/' || path === '/index.html';
    return reply
      .code(404)
      .type('text/plain; charset=utf-8')
      .header('x-content-type-options', 'nosniff')
      .send(missingApp ? 'DutyDeck windows are not built yet: run `npm run build:renderer`.' : 'Not found.');
  });

  await app.register(fastifyRateLimit, {
    global: false,
    // Answered through the error handler, as every refusal is: a code, a message, Retry-After.
    errorResponseBuilder: (_request, context) =>
      new DutyFailure('rateLimited', `Too many sign-in attempts from this address; try again in ${Math.ceil(context.ttl / 1000)} s.`),
  });
  await app.register(fastifyWebsocket, { options: { maxPayload: MAX_CLIENT_FRAME_BYTES } });
  app.get(STREAM_PATH, { websocket: true }, (socket) => options.stream.accept(socket));
  registerApi(app, options.handlers, options.sessions, options);
  for (const plugin of options.routes ?? []) await app.register(async (scope) => plugin.routes(scope), plugin.prefix ? { prefix: plugin.prefix } : {});
  await registerStatic(app, options.rendererDir, options.mediaDir);

  return {
    app,
    guard,
    async listen(port, host) {
      await app.listen({ port, host });
      const bound = (app.server.address() as AddressInfo).port;
      guard.listening(tls ? 'https' : 'http', bound);
      return bound;
    },
    async close() {
      await app.close();
    },
  };
}
