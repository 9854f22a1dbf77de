// How Open311 answers: in the format the path's extension asks for (.xml, the spec's required
// format, or .json), under the root and item names the spec gives each answer, and every
// refusal as its errors list [{code, description}] with a matching HTTP status.
import type { FastifyReply } from 'fastify';
import { writeXml, type XmlData } from './xml';

export type Format = 'xml' | 'json';
export const FORMATS: readonly Format[] = ['xml', 'json'];

/** The answers the spec defines, by their XML root and the name of their items. */
export const DOCUMENTS = {
  services: { root: 'services', item: 'service' },
  serviceRequests: { root: 'service_requests', item: 'request' },
  errors: { root: 'errors', item: 'error' },
  serviceDefinition: { root: 'service_definition', item: null },
  discovery: { root: 'discovery', item: null },
} as const;
export type DocumentKind = keyof typeof DOCUMENTS;

/** Lists inside an answer, by their name: the element each item is written as. */
const NESTED_ITEMS: Readonly<Record<string, string>> = { attributes: 'attribute', values: 'value', endpoints: 'endpoint', formats: 'format' };

const HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };

export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly description: string,
  ) {
    super(description);
  }
}

export const fail = (status: number, description: string): never => {
  throw new Open311Error(status, description);
};

/** `name.xml` / `name.json` → [name, format]; anything else has no format. */
export function splitFormat(file: string): [string, Format] | null {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return null;
  const ext = file.slice(dot + 1);
  return ext === 'xml' || ext === 'json' ? [file.slice(0, dot), ext] : null;
}

/** The format a refusal is written in: the path's, or XML (the spec's required one) when it names none. */
export function formatOfUrl(url: string): Format {
  const path = url.split('?')[0]!;
  return path.endsWith('.json') ? 'json' : 'xml';
}

export function render(kind: DocumentKind, format: Format, data: XmlData): { type: string; body: string } {
  if (format === 'json') return { type: 'application/json; charset=utf-8', body: JSON.stringify(data) };
  const { root, item } = DOCUMENTS[kind];
  return { type: 'text/xml; charset=utf-8', body: writeXml(root, data, item ? { [root]: item, ...NESTED_ITEMS } : NESTED_ITEMS) };
}

export function send(reply: FastifyReply, status: number, kind: DocumentKind, format: Format, data: XmlData): FastifyReply {
  const { type, body } = render(kind, format, data);
  return reply.code(status).headers(HEADERS).type(type).send(body);
}

export function sendErrors(reply: FastifyReply, format: Format, status: number, description: string): FastifyReply {
  return send(reply, status, 'errors', format, [{ code: status, description }]);
}
