// The hub's HTTP server: the API, the journal stream, and the built renderer.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { API_PREFIX, STREAM_PATH } from '../../../shared/protocol/api';
import { sendError } from './http';
import { createApiRouter } from './router';
import type { Handlers } from './routes';
import type { Sessions } from './sessions';
import { createStaticHandler } from './static';
import type { JournalStream } from './stream';

/** Demo camera clips (resources/video) are served under this path, e.g. /media/demo/clip-1/index.m3u8. */
export const DEMO_MEDIA_PATH = '/media/demo';

/**
 * Paths answered outside the JSON API map: channel feeds and Open311 (API keys, their own
 * formats, electron/hub/ingest) and a primary's replica snapshot (a file body).
 */
export interface RawRouter {
  handles(pathname: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void>;
}

export function createHubServer(handlers: Handlers, sessions: Sessions, stream: JournalStream, rendererDir: string, mediaDir?: string, routers: readonly RawRouter[] = []): Server {
  const api = createApiRouter(handlers, sessions);
  const files = createStaticHandler(rendererDir);
  const media = mediaDir ? createStaticHandler(mediaDir) : null;
  const server = createServer((request, response) => {
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://hub.invalid');
    } catch {
      sendError(response, { code: 'invalid', message: 'The request URL is malformed.' });
      return;
    }
    if (media && url.pathname.startsWith(`${DEMO_MEDIA_PATH}/`)) {
      const inside = new URL(url.pathname.slice(DEMO_MEDIA_PATH.length), url);
      media(request, response, inside).catch(() => (response.headersSent ? response.destroy() : sendError(response, { code: 'internal', message: 'The hub failed to answer.' })));
      return;
    }
    const raw = routers.find((router) => router.handles(url.pathname));
    if (raw) {
      raw.handle(request, response, url).catch(() => response.destroy());
      return;
    }
    const handle = url.pathname === API_PREFIX || url.pathname.startsWith(`${API_PREFIX}/`) ? api : files;
    handle(request, response, url).catch((error: unknown) => {
      console.error('DutyDeck hub: request failed', error);
      if (!response.headersSent) sendError(response, { code: 'internal', message: 'The hub failed to answer.' });
      else response.destroy();
    });
  });
  server.on('upgrade', (request, socket, head) => {
    const path = new URL(request.url ?? '/', 'http://hub.invalid').pathname;
    if (path !== STREAM_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    stream.upgrade(request, socket, head);
  });
  // A slow or stalled client must not hold a socket forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;
  return server;
}

/** Resolves once the server listens; rejects (port taken, say) without leaving a listener behind. */
export function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
}
