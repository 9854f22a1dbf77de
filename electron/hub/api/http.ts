// Reading and answering HTTP bodies. Limits are checked while reading, so an oversized
// body is refused before it is buffered whole.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DutyFailure, httpStatusOf, type DutyError } from '../../../shared/errors';
import { MAX_BODY_BYTES } from '../../../shared/protocol/api';

export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

/**
 * A request body as UTF-8 text, refused unless its media type is one of `types`. The limit
 * is checked while reading, so an oversized body is refused before it is buffered whole.
 */
export function readTextBody(request: IncomingMessage, types: readonly string[], limit: number): Promise<string> {
  if (!types.includes(mediaType(request))) {
    request.resume();
    return Promise.reject(new DutyFailure('unsupportedMediaType', `Send the body as ${types.join(' or ')}.`));
  }
  if (Number(request.headers['content-length'] ?? 0) > limit) {
    request.resume();
    return Promise.reject(new DutyFailure('bodyTooLarge', `The body is larger than ${limit} bytes.`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    request.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new DutyFailure('bodyTooLarge', `The body is larger than ${limit} bytes.`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
    request.on('end', () => {
      if (failed) return;
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new DutyFailure('invalid', 'The body is not valid UTF-8.'));
      }
    });
  });
}

export async function readJsonBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const text = await readTextBody(request, ['application/json'], limit);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new DutyFailure('malformedJson', `The body is not valid JSON: ${(error as Error).message}`);
  }
}

const COMMON_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
};

export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...COMMON_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

export function sendError(response: ServerResponse, error: DutyError, headers: Record<string, string> = {}): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  // A body that was refused mid-stream is not read further; close rather than drain it.
  if (error.code === 'bodyTooLarge') response.setHeader('connection', 'close');
  sendJson(response, httpStatusOf(error.code), { error });
}
