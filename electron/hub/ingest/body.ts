// Raw request bodies with a size cap enforced while reading, for the form-encoded (Open311)
// and XML (CAP) intake; JSON goes through the API's readJsonBody.
import type { IncomingMessage } from 'node:http';
import { DutyFailure } from '../../../shared/errors';

export function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

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
      const buffer = Buffer.concat(chunks);
      const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
      try {
        resolve(text.decode(buffer));
      } catch {
        reject(new DutyFailure('invalid', 'The body is not valid UTF-8.'));
      }
    });
  });
}
