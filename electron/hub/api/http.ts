// Bodies, queries and error answers on the fastify layer. Every failure a client can cause
// becomes a DutyError with a code (and a path where one helps): never a 500, never a stack.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DutyFailure, httpStatusOf, type DutyError } from '../../../shared/errors';
import { MAX_BODY_BYTES } from '../../../shared/protocol/api';
import { JsonText } from './route-context';

/** Deeper than any message of the protocol (commands nest 4–5 levels); far below what overflows JSON.parse's stack. */
export const MAX_JSON_DEPTH = 32;

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export function sendJson(reply: FastifyReply, status: number, body: unknown): FastifyReply {
  return reply
    .code(status)
    .headers(COMMON_HEADERS)
    .type('application/json; charset=utf-8')
    .send(body instanceof JsonText ? body.text : JSON.stringify(body));
}

export function sendError(reply: FastifyReply, error: DutyError, headers: Record<string, string> = {}): FastifyReply {
  if (error.code === 'unauthenticated' || error.code === 'badCredentials') reply.header('www-authenticate', 'Bearer');
  // A body refused mid-stream is not read further; close rather than drain it.
  if (error.code === 'bodyTooLarge') reply.header('connection', 'close');
  return sendJson(reply.headers(headers), httpStatusOf(error.code), { error });
}

/**
 * Finds how deep a JSON text nests in one pass without parsing it, so a 1 MiB body of
 * `[[[[…` is refused before JSON.parse recurses into it. Brackets inside strings do not count.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes → text, refusing what is not UTF-8 rather than guessing with replacement characters. */
export function utf8Text(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new DutyFailure('invalid', 'The body is not valid UTF-8.', 'body');
  }
}

export function parseJsonText(text: string): unknown {
  if (jsonDepthExceeds(text, MAX_JSON_DEPTH)) throw new DutyFailure('invalid', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels.`, 'body');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DutyFailure('malformedJson', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * The query of a request URL, decoded strictly: a bad %-escape or a key given twice is the
 * client's mistake, answered 400 with the key's path (URLSearchParams would pass both silently).
 */
export function strictQuery(rawUrl: string): Record<string, string> {
  const at = rawUrl.indexOf('?');
  const query: Record<string, string> = {};
  if (at < 0) return query;
  for (const part of rawUrl.slice(at + 1).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const [rawKey, rawValue] = eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, ' '));
      value = decodeURIComponent(rawValue.replace(/\+/g, ' '));
    } catch {
      throw new DutyFailure('invalid', 'The query has a malformed %-escape.', 'query');
    }
    if (Object.hasOwn(query, key)) throw new DutyFailure('invalid', `query: ${key} is given more than once`, `query.${key}`);
    query[key] = value;
  }
  return query;
}

/** What fastify itself refuses (limits, media types, bad URLs) as the protocol's codes. */
export function failureOfFastify(error: FastifyError): DutyFailure | null {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DutyFailure('bodyTooLarge', `The body is larger than the limit of this endpoint (${MAX_BODY_BYTES} bytes for the API).`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DutyFailure('unsupportedMediaType', 'Send the body as application/json (or the media type this endpoint names).');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_TYPE':
      return new DutyFailure('malformedJson', 'The body is empty.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DutyFailure('invalid', 'The Content-Length does not match the body.', 'content-length');
    case 'FST_ERR_BAD_URL':
    case 'FST_ERR_INVALID_URL':
      return new DutyFailure('invalid', 'The request URL is malformed (a bad %-escape?).', 'url');
    default:
      // Errors fastify raises with a 4xx status and no code of ours (a request aborted, a
      // header too long): the client's doing, answered as invalid.
      return error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? new DutyFailure('invalid', error.message.slice(0, 200))
        : null;
  }
}

/** The client's address, for logs, limits and the journal of sign-ins. */
export const clientAddress = (request: FastifyRequest): string => request.ip ?? request.socket?.remoteAddress ?? 'unknown';
