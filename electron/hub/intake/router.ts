// The intake's HTTP surface, mounted beside the API: the channels' JSON and CAP endpoints
// under /api/v1/ingest/, and Open311 under /open311/v2/. Authenticated by integration API
// keys, not sessions; a channel feed is admitted by the limiter before its body is read.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { DutyFailure, httpStatusOf } from '../../../shared/errors';
import { API_PREFIX, MAX_BODY_BYTES } from '../../../shared/protocol/api';
import { INTAKE_CHANNELS, type IntakeChannel } from '../../../shared/protocol/intake';
import { failureOfFastify, sendError, sendJson, strictQuery, utf8Text } from '../api/http';
import type { RoutePlugin } from '../api/server';
import type { StoreClient } from '../store/thread/client';
import { CAP_MEDIA_TYPES, takeCapAlert } from './cap/alert';
import { capText } from './cap/decode';
import { MAX_CAP_BYTES } from './cap/parse';
import type { Intake } from './intake';
import { takeJsonReport } from './json-report';
import { apiKeyOf, type IntegrationAccount } from './keys';
import { getRequests, MAX_FORM_BYTES, OPEN311_PREFIX, Open311Error, open311Error, oneRequest, postRequest, services } from './open311';

/**
 * The path keeps its first name, `ingest`, though the step is called intake everywhere else:
 * the channels' systems are configured with this URL, and renaming it would cut them off.
 */
export const INTAKE_PREFIX = `${API_PREFIX}/ingest`;
/** Seconds a refused source waits before resending. */
const RETRY_AFTER_S = 1;
const FORM_TYPE = 'application/x-www-form-urlencoded';

const overloaded = () => new DutyFailure('overloaded', `Intake is at capacity; resend after ${RETRY_AFTER_S} s.`);

/** What admission decided for a feed's request, read by its handler. */
interface Admitted {
  account: IntegrationAccount;
  release: () => void;
}

/** Text bodies (CAP's XML, Open311's form) as UTF-8, refused when they are not. */
function addTextParser(scope: FastifyInstance, types: readonly string[], bodyLimit: number): void {
  scope.addContentTypeParser([...types], { parseAs: 'buffer', bodyLimit }, (_request, body, done) => {
    try {
      done(null, utf8Text(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}

function channelFeeds(scope: FastifyInstance, intake: Intake): void {
  // CAP's XML in the encoding its declaration (or the charset) names: GB2312 and ISO-8859-1 feeds too.
  scope.addContentTypeParser([...CAP_MEDIA_TYPES], { parseAs: 'buffer', bodyLimit: MAX_CAP_BYTES }, (request, body, done) => {
    try {
      done(null, capText(body as Buffer, request.headers['content-type']));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const admitted = new WeakMap<FastifyRequest, Admitted>();
  const release = async (request: FastifyRequest) => admitted.get(request)?.release();
  scope.addHook('onResponse', release);
  scope.addHook('onRequestAbort', release);

  scope.route({
    method: ['GET', 'PUT', 'DELETE', 'PATCH'],
    url: `${INTAKE_PREFIX}/:channel`,
    handler: async (request) => {
      throw new DutyFailure('methodNotAllowed', `${request.method} is not allowed here; POST the report.`);
    },
  });
  scope.route({
    method: 'POST',
    url: `${INTAKE_PREFIX}/:channel`,
    // JSON reports within the API's limit; a CAP alert within its own (its parser's bodyLimit).
    bodyLimit: MAX_BODY_BYTES,
    // Before the body is read: who sends it, and whether there is room for it.
    preParsing: async (request) => {
      const name = (request.params as { channel: string }).channel;
      const isCap = name === 'cap';
      if (!isCap && !(INTAKE_CHANNELS as readonly string[]).includes(name)) {
        throw new DutyFailure('notFound', `No intake channel ${name}; channels: ${INTAKE_CHANNELS.join(', ')}, cap.`);
      }
      const account = await intake.keys.resolve(apiKeyOf(request.headers));
      if (!isCap && account.channel !== name) throw new DutyFailure('forbidden', `This key feeds the ${account.channel} channel, not ${name}.`);
      const releaseSlot = intake.limiter.acquire(account.channel);
      if (!releaseSlot) throw overloaded();
      admitted.set(request, { account, release: releaseSlot });
    },
    handler: async (request, reply) => {
      const { account } = admitted.get(request)!;
      const name = (request.params as { channel: string }).channel;
      if (name === 'cap') {
        if (typeof request.body !== 'string') throw new DutyFailure('unsupportedMediaType', `Send the alert as ${CAP_MEDIA_TYPES.join(' or ')}.`);
        const { status, answer } = await takeCapAlert(intake, account, request.body);
        return sendJson(reply, status, answer);
      }
      if (typeof request.body === 'string') throw new DutyFailure('unsupportedMediaType', 'Send the report as application/json.');
      const answer = await takeJsonReport(intake, account, name as IntakeChannel, request.body);
      return sendJson(reply, answer.status === 'created' ? 201 : 200, answer);
    },
  });
  scope.setErrorHandler((error, _request, reply) => {
    const failure = error instanceof DutyFailure ? error : failureOfFastify(error as FastifyError);
    if (!failure) throw error;
    if (failure.error.code === 'overloaded') reply.header('retry-after', String(RETRY_AFTER_S));
    return sendError(reply, failure.error);
  });
}

/**
 * Open311's routes (registered under OPEN311_PREFIX) answer in its own error shape,
 * [{code, description}], whatever goes wrong.
 */
function open311(scope: FastifyInstance, intake: Intake, store: StoreClient): void {
  addTextParser(scope, [FORM_TYPE], MAX_FORM_BYTES);
  const keyOf = (request: FastifyRequest, query: Record<string, string>) =>
    intake.keys.resolve(query.api_key ?? apiKeyOf(request.headers)).catch((error: unknown) => {
      if (error instanceof DutyFailure) throw new Open311Error(403, query.api_key ? 'Invalid api_key' : 'api_key is required');
      throw error;
    });
  scope.get('/services.json', async (_request, reply) => sendJson(reply, 200, services()));
  scope.post('/requests.json', { bodyLimit: MAX_FORM_BYTES }, async (request, reply) => {
    if (typeof request.body !== 'string') throw new Open311Error(415, `Send the request as ${FORM_TYPE}, as the GeoReport v2 spec says.`);
    return sendJson(reply, 201, await postRequest(intake, (k) => intake.keys.resolve(k), request.body));
  });
  scope.get('/requests.json', async (request, reply) => {
    const query = strictQuery(request.url);
    return sendJson(reply, 200, await getRequests(store, await keyOf(request, query), new URLSearchParams(query)));
  });
  scope.get('/requests/:file', async (request, reply) => {
    const file = (request.params as { file: string }).file;
    if (!file.endsWith('.json')) throw new Open311Error(400, 'This endpoint speaks JSON only: use the .json form.');
    return sendJson(reply, 200, [await oneRequest(store, await keyOf(request, strictQuery(request.url)), file.slice(0, -'.json'.length))]);
  });
  const known = new Set(['/services.json', '/requests.json'].map((p) => OPEN311_PREFIX + p));
  scope.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]!;
    if (path.endsWith('.xml')) return sendJson(reply, 400, open311Error(400, 'This endpoint speaks JSON only: use the .json form.'));
    if (known.has(path) || path.startsWith(`${OPEN311_PREFIX}/requests/`)) return sendJson(reply, 405, open311Error(405, `${request.method} is not allowed on ${path}.`));
    return sendJson(reply, 404, open311Error(404, `No Open311 resource ${path}.`));
  });
  scope.setErrorHandler((error, request, reply) => {
    if (error instanceof Open311Error) {
      if (error.status === 429) reply.header('retry-after', String(RETRY_AFTER_S));
      return sendJson(reply, error.status, open311Error(error.status, error.description));
    }
    const failure = error instanceof DutyFailure ? error : failureOfFastify(error as FastifyError);
    if (failure) {
      const status = httpStatusOf(failure.error.code);
      return sendJson(reply, status, open311Error(status, failure.error.message));
    }
    console.error('DutyDeck hub: intake failed on', request.method, request.url.split('?')[0], error);
    return sendJson(reply, 500, open311Error(500, 'The hub failed to answer; the error was logged.'));
  });
}

export function intakeRoutes(intake: Intake, store: StoreClient): RoutePlugin[] {
  return [{ routes: (scope) => channelFeeds(scope, intake) }, { prefix: OPEN311_PREFIX, routes: (scope) => open311(scope, intake, store) }];
}
