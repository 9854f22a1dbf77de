// The intake's HTTP surface, mounted beside the API: the channels' JSON and CAP endpoints
// under /api/v1/ingest/, and Open311 under /open311/v2/. Authenticated by integration API
// keys, not sessions; admitted by the limiter before any body is read.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DutyFailure, httpStatusOf } from '../../../shared/errors';
import { API_PREFIX } from '../../../shared/protocol/api';
import { INGEST_CHANNELS, type IngestChannel } from '../../../shared/protocol/ingest';
import { sendError, sendJson } from '../api/http';
import type { RawRouter } from '../api/server';
import type { StoreClient } from '../store/client';
import { ingestCap } from './cap/ingest';
import type { Intake } from './intake';
import { ingestJson } from './json-ingest';
import { apiKeyOf, type IntegrationAccount } from './keys';
import { getRequests, OPEN311_PREFIX, Open311Error, open311Error, oneRequest, postRequest, services } from './open311';

export const INGEST_PREFIX = `${API_PREFIX}/ingest`;
/** Seconds a refused source waits before resending. */
const RETRY_AFTER_S = 1;

/** Channel feeds and Open311 authenticate by API key, not session. */
export type IntakeRouter = RawRouter;

const overloaded = () => new DutyFailure('overloaded', `Intake is at capacity; resend after ${RETRY_AFTER_S} s.`);

export function createIntakeRouter(intake: Intake, store: StoreClient): IntakeRouter {
  const authenticate = (request: IncomingMessage) => intake.keys.resolve(apiKeyOf(request));

  async function channelRoute(request: IncomingMessage, response: ServerResponse, name: string): Promise<void> {
    if (request.method !== 'POST') throw new DutyFailure('methodNotAllowed', `${request.method} is not allowed here; POST the report.`);
    const isCap = name === 'cap';
    if (!isCap && !(INGEST_CHANNELS as readonly string[]).includes(name)) {
      throw new DutyFailure('notFound', `No intake channel ${name}; channels: ${INGEST_CHANNELS.join(', ')}, cap.`);
    }
    const account: IntegrationAccount = await authenticate(request);
    if (!isCap && account.channel !== name) throw new DutyFailure('forbidden', `This key feeds the ${account.channel} channel, not ${name}.`);
    const release = intake.limiter.acquire(account.channel);
    if (!release) throw overloaded();
    try {
      if (isCap) {
        const { status, answer } = await ingestCap(intake, account, request);
        sendJson(response, status, answer);
      } else {
        const answer = await ingestJson(intake, account, name as IngestChannel, request);
        sendJson(response, answer.status === 'created' ? 201 : 200, answer);
      }
    } finally {
      release();
    }
  }

  async function open311Route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const path = url.pathname.slice(OPEN311_PREFIX.length);
    const method = request.method ?? 'GET';
    const key = () => intake.keys.resolve(url.searchParams.get('api_key') ?? apiKeyOf(request)).catch((error: unknown) => {
      if (error instanceof DutyFailure) throw new Open311Error(403, url.searchParams.get('api_key') ? 'Invalid api_key' : 'api_key is required');
      throw error;
    });
    if (path === '/services.json' && method === 'GET') return sendJson(response, 200, services());
    if (path === '/requests.json' && method === 'POST') return sendJson(response, 201, await postRequest(intake, (k) => intake.keys.resolve(k), request));
    if (path === '/requests.json' && method === 'GET') return sendJson(response, 200, await getRequests(store, await key(), url.searchParams));
    const one = /^\/requests\/([^/]+)\.json$/.exec(path);
    if (one && method === 'GET') return sendJson(response, 200, [await oneRequest(store, await key(), decodeURIComponent(one[1]!))]);
    if (/\.xml$/.test(path)) throw new Open311Error(400, 'This endpoint speaks JSON only: use the .json form.');
    const known = path === '/services.json' || path === '/requests.json' || !!one;
    throw new Open311Error(known ? 405 : 404, known ? `${method} is not allowed on ${url.pathname}.` : `No Open311 resource ${url.pathname}.`);
  }

  return {
    handles: (pathname) => pathname.startsWith(`${INGEST_PREFIX}/`) || pathname.startsWith(`${OPEN311_PREFIX}/`),
    async handle(request, response, url) {
      const open311 = url.pathname.startsWith(`${OPEN311_PREFIX}/`);
      try {
        if (open311) await open311Route(request, response, url);
        else await channelRoute(request, response, url.pathname.slice(INGEST_PREFIX.length + 1));
      } catch (error) {
        if (!response.headersSent) request.resume();
        if (error instanceof Open311Error) {
          if (error.status === 429) response.setHeader('retry-after', String(RETRY_AFTER_S));
          return sendJson(response, error.status, open311Error(error.status, error.description));
        }
        if (error instanceof DutyFailure) {
          const headers: Record<string, string> = {};
          if (error.error.code === 'overloaded') headers['retry-after'] = String(RETRY_AFTER_S);
          if (error.error.code === 'unauthenticated' || error.error.code === 'badCredentials') headers['www-authenticate'] = 'Bearer';
          if (open311) return sendJson(response, httpStatusOf(error.error.code), open311Error(httpStatusOf(error.error.code), error.error.message));
          return sendError(response, error.error, headers);
        }
        console.error('DutyDeck hub: intake failed on', request.method, url.pathname, error);
        if (open311) return sendJson(response, 500, open311Error(500, 'The hub failed to answer; the error was logged.'));
        sendError(response, { code: 'internal', message: 'The hub failed to answer; the error was logged.' });
      }
    },
  };
}
