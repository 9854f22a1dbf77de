// The typed HTTP client. Every call is derived from the shared API map, so a renamed field
// or endpoint breaks this file's compile instead of a duty shift.
import type { z } from 'zod';
import { API, API_PREFIX, endpointPath, type Api, type BodyOf, type EndpointName, type QueryOf, type ResponseOf } from '../../../shared/protocol/api';
import { ErrorBodySchema } from '../../../shared/protocol/schemas';
import { ERROR_CODES, dutyError, type DutyError, type ErrorCode } from '../../../shared/errors';
import { withoutTrailingSlashes } from '../../../shared/trim';

/** Thrown by `call`; `error` is plain data, safe to put in the store. */
export class ApiError extends Error {
  readonly error: DutyError;
  readonly status: number;
  constructor(error: DutyError, status: number) {
    super(error.message);
    this.name = 'ApiError';
    this.error = error;
    this.status = status;
  }
}

type HasKey<E, K extends string> = E extends { [P in K]: z.ZodType } ? true : false;
type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type CallOptions<N extends EndpointName> = {
  token?: string | null;
  signal?: AbortSignal;
} & ([PathParams<Api[N]['path']>] extends [never] ? { params?: never } : { params: Record<PathParams<Api[N]['path']>, string> }) &
  (HasKey<Api[N], 'query'> extends true ? { query?: QueryOf<N> } : { query?: never }) &
  (HasKey<Api[N], 'body'> extends true ? { body: BodyOf<N> } : { body?: never });

export interface ApiClient {
  call<N extends EndpointName>(name: N, options?: CallOptions<N>): Promise<ResponseOf<N>>;
}

function asErrorCode(code: string, status: number): ErrorCode {
  if ((ERROR_CODES as readonly string[]).includes(code)) return code as ErrorCode;
  return status >= 500 ? 'internal' : 'invalid';
}

function fallbackCode(status: number): ErrorCode {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  if (status === 502 || status === 503 || status === 504) return 'unavailable';
  return status >= 500 ? 'internal' : 'invalid';
}

function queryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function createApiClient(hubUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args)): ApiClient {
  const base = withoutTrailingSlashes(hubUrl) + API_PREFIX;
  return {
    async call<N extends EndpointName>(name: N, options?: CallOptions<N>): Promise<ResponseOf<N>> {
      const endpoint: Api[EndpointName] = API[name];
      const opts = (options ?? {}) as {
        token?: string | null;
        signal?: AbortSignal;
        params?: Record<string, string>;
        query?: Record<string, unknown>;
        body?: unknown;
      };
      const url = base + endpointPath(endpoint.path, opts.params) + queryString(opts.query);
      const headers: Record<string, string> = { accept: 'application/json' };
      if (endpoint.auth && opts.token) headers.authorization = `Bearer ${opts.token}`;
      const init: RequestInit = { method: endpoint.method, headers };
      if (opts.signal) init.signal = opts.signal;
      if (opts.body !== undefined) {
        headers['content-type'] = 'application/json';
        init.body = JSON.stringify(opts.body);
      }

      let response: Response;
      try {
        response = await fetchImpl(url, init);
      } catch (cause) {
        if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
        // fetch rejects only when no answer came back at all: the hub is down or unreachable.
        throw new ApiError(dutyError('unavailable', `cannot reach the hub at ${hubUrl}`), 0);
      }

      const json = await readJson(response);
      if (!response.ok) {
        const parsed = ErrorBodySchema.safeParse(json);
        if (parsed.success) {
          const { code, message, path } = parsed.data.error;
          throw new ApiError(dutyError(asErrorCode(code, response.status), message, path), response.status);
        }
        throw new ApiError(dutyError(fallbackCode(response.status), `HTTP ${response.status}`), response.status);
      }

      const parsed = endpoint.response.safeParse(json);
      if (!parsed.success) {
        // A hub of another version: say so rather than render half a row.
        throw new ApiError(dutyError('internal', `unexpected response from ${name}: ${parsed.error.issues[0]?.message ?? ''}`), response.status);
      }
      return parsed.data as ResponseOf<N>;
    },
  };
}

/** Any thrown value as a DutyError, for the store and the screen. */
export function toDutyError(cause: unknown): DutyError {
  if (cause instanceof ApiError) return cause.error;
  if (typeof cause === 'object' && cause !== null && 'code' in cause && 'message' in cause) {
    const { code, message, path } = cause as { code: unknown; message: unknown; path?: unknown };
    if (typeof code === 'string' && typeof message === 'string') {
      return dutyError(asErrorCode(code, 500), message, typeof path === 'string' ? path : undefined);
    }
  }
  return dutyError('internal', cause instanceof Error ? cause.message : String(cause));
}
