// Matches a request to an entry of the API map and validates its query and body with the
// entry's schemas before the handler runs.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DutyFailure } from '../../../shared/errors';
import { API, API_PREFIX, type EndpointName } from '../../../shared/protocol/api';
import { parseWith } from '../../../shared/protocol/validate';
import { bearerToken } from './auth';
import { readJsonBody, sendError, sendJson } from './http';
import type { Handlers, RouteContext } from './routes';
import type { Sessions } from './sessions';

interface Route {
  name: EndpointName;
  method: string;
  pattern: RegExp;
  paramNames: string[];
}

const ROUTES: Route[] = (Object.keys(API) as EndpointName[]).map((name) => {
  const paramNames: string[] = [];
  const source = API[name].path.replace(/:([A-Za-z]+)/g, (_, param: string) => {
    paramNames.push(param);
    return '([^/]+)';
  });
  return { name, method: API[name].method, pattern: new RegExp(`^${API_PREFIX}${source}$`), paramNames };
});

function match(method: string, pathname: string): { route: Route; params: Record<string, string> } | 'wrongMethod' | null {
  let pathMatched = false;
  for (const route of ROUTES) {
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    pathMatched = true;
    if (route.method !== method) continue;
    const params = Object.fromEntries(route.paramNames.map((name, i) => [name, decodeURIComponent(found[i + 1] ?? '')]));
    return { route, params };
  }
  return pathMatched ? 'wrongMethod' : null;
}

function queryObject(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in query) throw new DutyFailure('invalid', `query: ${key} is given more than once`, `query.${key}`);
    query[key] = value;
  }
  return query;
}

/** A replica's "taken into the outbox, not yet applied" answer goes out as 202 Accepted. */
function isPendingAnswer(result: unknown): boolean {
  return typeof result === 'object' && result !== null && (result as { pending?: unknown }).pending === true;
}

export function createApiRouter(handlers: Handlers, sessions: Sessions) {
  return async function route(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    try {
      const found = match(request.method ?? 'GET', url.pathname);
      if (found === 'wrongMethod') throw new DutyFailure('methodNotAllowed', `${request.method} is not allowed on ${url.pathname}.`);
      if (!found) throw new DutyFailure('notFound', `No API endpoint ${url.pathname}.`);
      const endpoint = API[found.route.name] as (typeof API)[EndpointName] & { query?: never; body?: never };
      const token = bearerToken(request.headers.authorization);
      const user = endpoint.auth ? await sessions.userOf(token) : null;
      let query: unknown = {};
      if ('query' in endpoint && endpoint.query) {
        const parsed = parseWith(endpoint.query, queryObject(url), 'query');
        if (!parsed.ok) throw new DutyFailure(parsed.error.code, parsed.error.message, parsed.error.path);
        query = parsed.value;
      } else if (url.search) {
        throw new DutyFailure('invalid', `${url.pathname} takes no query parameters.`, 'query');
      }
      let body: unknown = undefined;
      if ('body' in endpoint && endpoint.body) {
        const parsed = parseWith(endpoint.body, await readJsonBody(request));
        if (!parsed.ok) throw new DutyFailure(parsed.error.code, parsed.error.message, parsed.error.path);
        body = parsed.value;
      }
      const handler = handlers[found.route.name] as (ctx: RouteContext<EndpointName>) => Promise<unknown>;
      const result = await handler({ request, params: found.params, query, body, user, token } as RouteContext<EndpointName>);
      sendJson(response, found.route.name === 'login' ? 201 : isPendingAnswer(result) ? 202 : 200, result);
    } catch (error) {
      if (error instanceof DutyFailure) {
        sendError(response, error.error, error.error.code === 'unauthenticated' || error.error.code === 'badCredentials' ? { 'www-authenticate': 'Bearer' } : {});
        return;
      }
      console.error('DutyDeck hub: unexpected error on', request.method, url.pathname, error);
      sendError(response, { code: 'internal', message: 'The hub failed to answer; the error was logged.' });
    }
  };
}
