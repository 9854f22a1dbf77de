// Open311 GeoReport v2 under /open311/v2/: discovery, services, service definitions, and
// service requests, each in .xml (the spec's required format) and .json. Reading is public
// (no api_key, as the spec has it); posting takes a channel's integration key. Every refusal
// is the spec's errors list, in the format the path asked for (XML when it asked none).
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DutyFailure, httpStatusOf } from '../../../../shared/errors';
import { describeIssues, RequestsQuerySchema } from '../../../../shared/intake/open311';
import { failureOfFastify, strictQuery, utf8Text } from '../../api/http';
import type { StoreClient } from '../../store/thread/client';
import type { Intake } from '../intake';
import { apiKeyOf } from '../keys';
import { fail, FORMATS, formatOfUrl, Open311Error, send, sendErrors, splitFormat, type Format } from './answer';
import { discovery } from './discovery';
import { postRequest } from './post';
import { getRequests, ListGate, oneRequest } from './requests';
import { definitionOf, services } from './services';
import { isOurJurisdiction, Open311TownReader, type Open311Town } from './town';

export const OPEN311_PREFIX = '/open311/v2';
export const MAX_FORM_BYTES = 64 * 1024;
const FORM_TYPE = 'application/x-www-form-urlencoded';
const RETRY_AFTER_S = 1;

export interface Open311Options {
  /** The jurisdiction_id this endpoint answers for; derived from the town's names when absent (./town.ts). */
  jurisdictionId?: string | undefined;
}

/** Resources by their name without the format, for telling a missing format from an unknown path. */
const RESOURCES = /^\/(?:discovery|services|requests|services\/[^/]+|requests\/[^/]+)$/;

export function open311Routes(scope: FastifyInstance, intake: Intake, store: StoreClient, options: Open311Options = {}): void {
  const towns = new Open311TownReader(store, options.jurisdictionId);
  const lists = new ListGate();
  scope.addContentTypeParser(FORM_TYPE, { parseAs: 'buffer', bodyLimit: MAX_FORM_BYTES }, (_request, body, done) => {
    try {
      done(null, utf8Text(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  /** The town in force, once the query's jurisdiction_id (if any) is found to be this hub's. */
  const townFor = async (jurisdiction: string | undefined): Promise<Open311Town> => {
    const town = await towns.read();
    if (!isOurJurisdiction(jurisdiction, town)) fail(404, `jurisdiction_id ${jurisdiction!.slice(0, 100)} is unknown here; this endpoint serves ${town.jurisdictionId}.`);
    return town;
  };
  const queryOf = (request: FastifyRequest) => strictQuery(request.url);

  for (const format of FORMATS) {
    scope.get(`/discovery.${format}`, async (request, reply) => {
      const town = await townFor(queryOf(request).jurisdiction_id);
      return send(reply, 200, 'discovery', format, discovery(town, `${request.protocol}://${request.host}${OPEN311_PREFIX}`));
    });
    scope.get(`/services.${format}`, async (request, reply) => {
      await townFor(queryOf(request).jurisdiction_id);
      return send(reply, 200, 'services', format, services());
    });
    scope.get(`/requests.${format}`, async (request, reply) => {
      const query = queryOf(request);
      const town = await townFor(query.jurisdiction_id);
      const parsed = RequestsQuerySchema.safeParse(query);
      if (!parsed.success) return fail(400, describeIssues(parsed.error));
      return send(reply, 200, 'serviceRequests', format, await getRequests(store, town, parsed.data, lists));
    });
    scope.post(`/requests.${format}`, { bodyLimit: MAX_FORM_BYTES }, async (request, reply) => {
      if (typeof request.body !== 'string') fail(415, `Send the request as ${FORM_TYPE}, as the GeoReport v2 spec says.`);
      const town = await towns.read();
      // The spec sends api_key in the form; a key in the headers, as the channel feeds send it, does too.
      const resolveKey = (key: string | null) => intake.keys.resolve(key ?? apiKeyOf(request.headers));
      return send(reply, 201, 'serviceRequests', format, await postRequest({ intake, town, resolveKey }, request.body as string));
    });
  }
  scope.get('/services/:file', async (request, reply) => {
    const [code, format] = formatted('/services/', (request.params as { file: string }).file);
    await townFor(queryOf(request).jurisdiction_id);
    return send(reply, 200, 'serviceDefinition', format, definitionOf(code));
  });
  scope.get('/requests/:file', async (request, reply) => {
    const [id, format] = formatted('/requests/', (request.params as { file: string }).file);
    const town = await townFor(queryOf(request).jurisdiction_id);
    return send(reply, 200, 'serviceRequests', format, [await oneRequest(store, town, id)]);
  });

  // Every other path and method under the prefix, as a route of its own: the hub's static files
  // answer any path left unrouted, so a not-found handler here would never be asked.
  scope.all('/*', async (request, reply) => unrouted(request, reply));
  scope.setNotFoundHandler((request, reply) => unrouted(request, reply));
  scope.setErrorHandler((error, request, reply) => answerError(error, request, reply));
}

/** A resource without its format (400, in XML), a method the resource does not take (405), or nothing here (404). */
function unrouted(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0]!.slice(OPEN311_PREFIX.length);
  const named = splitFormat(path);
  const format = formatOfUrl(request.url);
  if (!named && RESOURCES.test(path)) return sendErrors(reply, 'xml', 400, formatRequired(`${OPEN311_PREFIX}${path}`));
  if (named && RESOURCES.test(named[0])) return sendErrors(reply, format, 405, `${request.method} is not allowed on ${OPEN311_PREFIX}${path.slice(0, 200)}.`);
  return sendErrors(reply, format, 404, `No Open311 resource ${OPEN311_PREFIX}${path.slice(0, 200)}.`);
}

const formatRequired = (path: string) => `A format is required: ${path.slice(0, 200)}.xml or ${path.slice(0, 200)}.json.`;

/** `{name}.{format}` of a services/ or requests/ path; a missing format is the client's to add. */
function formatted(base: string, file: string): [string, Format] {
  return splitFormat(file) ?? fail(400, formatRequired(`${OPEN311_PREFIX}${base}${file}`));
}

function answerError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const format = formatOfUrl(request.url);
  if (error instanceof Open311Error) {
    if (error.status === 429) reply.header('retry-after', String(RETRY_AFTER_S));
    return sendErrors(reply, format, error.status, error.description);
  }
  const failure = error instanceof DutyFailure ? error : failureOfFastify(error as FastifyError);
  if (failure) {
    const status = httpStatusOf(failure.error.code);
    if (status === 429) reply.header('retry-after', String(RETRY_AFTER_S));
    return sendErrors(reply, format, status, failure.error.message);
  }
  console.error('DutyDeck hub: Open311 failed on', request.method, request.url.split('?')[0], error);
  return sendErrors(reply, format, 500, 'The hub failed to answer; the error was logged.');
}
