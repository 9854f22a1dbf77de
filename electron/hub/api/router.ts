// Registers one fastify route per entry of the shared API map. Each entry's schemas validate
// its query and body before the handler runs, its roles are checked here, and an answer that
// carries personal data is masked for the caller's role on its way out.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DutyFailure } from '../../../shared/errors';
import { personalViewOf } from '../../../shared/permissions';
import { maskPersonal } from '../../../shared/privacy';
import { API, API_PREFIX, MAX_BODY_BYTES, type Endpoint, type EndpointName } from '../../../shared/protocol/api';
import { parseWith } from '../../../shared/protocol/validate';
import { bearerToken } from './auth';
import { clientAddress, sendJson, strictQuery } from './http';
import type { Handlers, RouteContext } from './routes';
import { JsonText } from './route-context';
import type { Sessions } from './sessions';

/** Per address, per minute: enough for a room's seats behind one NAT, too few to guess passwords. */
export const SIGN_IN_PER_MINUTE = 30;

/** `/incidents/:id` → a RegExp, for telling "wrong method" from "no such endpoint". */
const PATTERNS = (Object.keys(API) as EndpointName[]).map((name) => {
  const endpoint = API[name] as Endpoint;
  const source = endpoint.path.replace(/:[A-Za-z]+/g, '[^/]+');
  return { method: endpoint.method, pattern: new RegExp(`^${API_PREFIX}${source}$`) };
});

/** The methods another endpoint answers on this path: a 405 then, not a 404. */
export function otherMethods(pathname: string): string[] {
  return PATTERNS.filter((p) => p.pattern.test(pathname)).map((p) => p.method);
}

/** A replica's "taken into the outbox, not yet applied" answer goes out as 202 Accepted. */
function isPendingAnswer(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { pending?: unknown }).pending === true;
}

export interface ApiOptions {
  signInPerMinute?: number;
}

export function registerApi(app: FastifyInstance, handlers: Handlers, sessions: Sessions, options: ApiOptions = {}): void {
  for (const name of Object.keys(API) as EndpointName[]) {
    const endpoint = API[name] as Endpoint;
    const handler = handlers[name] as (ctx: RouteContext<EndpointName>) => Promise<unknown>;
    app.route({
      method: endpoint.method,
      url: `${API_PREFIX}${endpoint.path}`,
      bodyLimit: MAX_BODY_BYTES,
      ...(name === 'login' || name === 'pair' ? { config: { rateLimit: { max: options.signInPerMinute ?? SIGN_IN_PER_MINUTE, timeWindow: 60_000 } } } : {}),
      handler: async (request: FastifyRequest, reply: FastifyReply) => {
        const token = bearerToken(request.headers.authorization);
        const user = endpoint.auth ? await sessions.userOf(token, { enrolment: endpoint.enrolment === true }) : null;
        if (user && endpoint.roles && !endpoint.roles.includes(user.role)) {
          throw new DutyFailure('forbidden', `The role ${user.role} may not call ${endpoint.method} ${endpoint.path}.`);
        }
        const rawQuery = strictQuery(request.url);
        let query: unknown = {};
        if (endpoint.query) {
          const parsed = parseWith(endpoint.query, rawQuery, 'query');
          if (!parsed.ok) throw new DutyFailure(parsed.error.code, parsed.error.message, parsed.error.path);
          query = parsed.value;
        } else if (Object.keys(rawQuery).length) {
          throw new DutyFailure('invalid', `${endpoint.path} takes no query parameters.`, 'query');
        }
        let body: unknown = undefined;
        if (endpoint.body) {
          const parsed = parseWith(endpoint.body, request.body);
          if (!parsed.ok) throw new DutyFailure(parsed.error.code, parsed.error.message, parsed.error.path);
          body = parsed.value;
        }
        const params = request.params as Record<string, string>;
        const result = await handler({ client: { address: clientAddress(request) }, params, query, body, user, token } as RouteContext<EndpointName>);
        if (endpoint.personal && result instanceof JsonText) throw new Error(`${endpoint.path} is masked by role; its handler must answer objects, not text.`);
        const answer = endpoint.personal && user ? maskPersonal(result, personalViewOf(user.role)) : result;
        return sendJson(reply, name === 'login' || name === 'pair' ? 201 : isPendingAnswer(result) ? 202 : 200, answer);
      },
    });
  }
}
