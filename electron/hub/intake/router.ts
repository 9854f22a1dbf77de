// The intake's HTTP surface, mounted beside the API: the channels' JSON and CAP endpoints
// under /api/v1/ingest/, and Open311 under /open311/v2/. Authenticated by integration API
// keys, not sessions; a channel feed is admitted by the limiter before its body is read.
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { DutyFailure } from '../../../shared/errors';
import { API_PREFIX, MAX_BODY_BYTES } from '../../../shared/protocol/api';
import { INTAKE_CHANNELS, type IntakeChannel } from '../../../shared/protocol/intake';
import { failureOfFastify, sendError, sendJson } from '../api/http';
import type { RoutePlugin } from '../api/server';
import type { StoreClient } from '../store/thread/client';
import { CAP_MEDIA_TYPES, takeCapAlert } from './cap/alert';
import { capText } from './cap/decode';
import { MAX_CAP_BYTES } from './cap/parse';
import type { Intake } from './intake';
import { takeJsonReport } from './json-report';
import { apiKeyOf, type IntegrationAccount } from './keys';
import { OPEN311_PREFIX, open311Routes, type Open311Options } from './open311/routes';

/**
 * The path keeps its first name, `ingest`, though the step is called intake everywhere else:
 * the channels' systems are configured with this URL, and renaming it would cut them off.
 */
export const INTAKE_PREFIX = `${API_PREFIX}/ingest`;
/** Seconds a refused source waits before resending. */
const RETRY_AFTER_S = 1;

const overloaded = () => new DutyFailure('overloaded', `Intake is at capacity; resend after ${RETRY_AFTER_S} s.`);

/** What admission decided for a feed's request, read by its handler. */
interface Admitted {
  account: IntegrationAccount;
  release: () => void;
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

export function intakeRoutes(intake: Intake, store: StoreClient, open311: Open311Options = {}): RoutePlugin[] {
  return [{ routes: (scope) => channelFeeds(scope, intake) }, { prefix: OPEN311_PREFIX, routes: (scope) => open311Routes(scope, intake, store, open311) }];
}
