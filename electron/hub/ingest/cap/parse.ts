// CAP 1.2 alerts from XML text, checked against the spec's required elements. Hostile XML
// is refused before parsing: no DTD (so no external entities and no entity expansion), a
// size cap and a nesting cap. Only XML's five predefined entities and character references
// are decoded, by hand, in element text.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { DutyFailure } from '../../../../shared/errors';
import {
  CAP_CATEGORIES,
  CAP_CERTAINTY,
  CAP_MSG_TYPES,
  CAP_NAMESPACE,
  CAP_SCOPES,
  CAP_SEVERITY,
  CAP_STATUS,
  CAP_URGENCY,
  type CapCertainty,
  type CapSeverity,
  type CapUrgency,
} from '../../../../shared/intake/cap';

export const MAX_CAP_BYTES = 512 * 1024;
/** alert > info > area > geocode > value is five deep; anything past this is not CAP. */
const MAX_DEPTH = 12;

export interface CapArea {
  areaDesc: string;
  /** Rings of [lat, lon] pairs as CAP writes them (WGS-84). */
  polygons: Array<Array<[number, number]>>;
  circles: Array<{ lat: number; lon: number; radiusKm: number }>;
  geocodes: Array<{ valueName: string; value: string }>;
}

export interface CapInfo {
  language: string;
  categories: string[];
  event: string;
  urgency: CapUrgency;
  severity: CapSeverity;
  certainty: CapCertainty;
  headline: string | null;
  description: string | null;
  instruction: string | null;
  senderName: string | null;
  web: string | null;
  areas: CapArea[];
}

export interface CapAlert {
  identifier: string;
  sender: string;
  sent: string;
  status: (typeof CAP_STATUS)[number];
  msgType: (typeof CAP_MSG_TYPES)[number];
  scope: (typeof CAP_SCOPES)[number];
  note: string | null;
  /** Each reference is "sender,identifier,sent". */
  references: Array<{ sender: string; identifier: string; sent: string }>;
  infos: CapInfo[];
}

const invalid = (message: string, path?: string): never => {
  throw new DutyFailure('invalid', `CAP: ${message}`, path);
};

const REPEATED = new Set(['info', 'area', 'polygon', 'circle', 'geocode', 'category', 'responseType', 'parameter', 'eventCode', 'resource']);

const parser = new XMLParser({
  ignoreAttributes: false,
  removeNSPrefix: true,
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
  isArray: (name) => REPEATED.has(name),
});

/** The five predefined entities and numeric references; anything else stays as written. */
function decode(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (whole, name: string) => {
    if (name === 'lt') return '<';
    if (name === 'gt') return '>';
    if (name === 'amp') return '&';
    if (name === 'quot') return '"';
    if (name === 'apos') return "'";
    const code = name.startsWith('#x') ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff) ? String.fromCodePoint(code) : whole;
  });
}

type Node = Record<string, unknown>;

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return decode(value);
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string') return decode((value as Node)['#text'] as string);
  return null;
}

function required(node: Node, name: string, path: string): string {
  const value = textOf(node[name]);
  if (!value) invalid(`<${name}> is required`, `${path}.${name}`);
  return value!;
}

function optional(node: Node, name: string): string | null {
  return textOf(node[name]) || null;
}

function oneOf<T extends string>(node: Node, name: string, allowed: readonly T[], path: string): T {
  const value = required(node, name, path);
  if (!(allowed as readonly string[]).includes(value)) invalid(`<${name}> is "${value}"; CAP 1.2 allows ${allowed.join(', ')}`, `${path}.${name}`);
  return value as T;
}

const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/** "lat,lon" with both in range. */
function point(text: string, path: string): [number, number] {
  const [lat, lon, ...rest] = text.split(',').map((s) => Number(s.trim()));
  if (rest.length || lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    invalid(`"${text.slice(0, 40)}" is not a WGS-84 "lat,lon" point`, path);
  }
  return [lat!, lon!];
}

function area(node: Node, path: string): CapArea {
  const polygons = list(node.polygon).map((p, i) => {
    const pairs = (textOf(p) ?? '').split(/\s+/).filter(Boolean);
    if (pairs.length < 4) invalid('a <polygon> has at least four points, the first and last the same', `${path}.polygon.${i}`);
    if (pairs.length > 5000) invalid('a <polygon> has at most 5000 points here', `${path}.polygon.${i}`);
    const ring = pairs.map((pair) => point(pair, `${path}.polygon.${i}`));
    const [first, last] = [ring[0]!, ring[ring.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) invalid('a <polygon> must end at its first point', `${path}.polygon.${i}`);
    return ring;
  });
  const circles = list(node.circle).map((c, i) => {
    const [centre, radius, ...rest] = (textOf(c) ?? '').trim().split(/\s+/);
    const radiusKm = Number(radius);
    if (!centre || rest.length || !Number.isFinite(radiusKm) || radiusKm < 0) invalid('a <circle> is "lat,lon radius-km"', `${path}.circle.${i}`);
    const [lat, lon] = point(centre!, `${path}.circle.${i}`);
    return { lat, lon, radiusKm };
  });
  const geocodes = list(node.geocode).map((g, i) => {
    if (!g || typeof g !== 'object') invalid('a <geocode> has <valueName> and <value>', `${path}.geocode.${i}`);
    return { valueName: required(g as Node, 'valueName', `${path}.geocode.${i}`), value: required(g as Node, 'value', `${path}.geocode.${i}`) };
  });
  if (!polygons.length && !circles.length && !geocodes.length) invalid('an <area> needs a <polygon>, <circle> or <geocode> to be located', path);
  return { areaDesc: required(node, 'areaDesc', path), polygons, circles, geocodes };
}

function info(node: Node, path: string): CapInfo {
  const categories = list(node.category).map((c, i) => {
    const value = textOf(c) ?? '';
    if (!(CAP_CATEGORIES as readonly string[]).includes(value)) invalid(`<category> "${value}" is not a CAP 1.2 category`, `${path}.category.${i}`);
    return value;
  });
  if (!categories.length) invalid('<category> is required', `${path}.category`);
  const areas = list(node.area).map((a, i) => (a && typeof a === 'object' ? area(a as Node, `${path}.area.${i}`) : invalid('<area> is empty', `${path}.area.${i}`)));
  if (!areas.length) invalid('an <info> needs an <area> for the duty room to locate it', `${path}.area`);
  return {
    language: optional(node, 'language') ?? 'en-US',
    categories,
    event: required(node, 'event', path),
    urgency: oneOf(node, 'urgency', CAP_URGENCY, path),
    severity: oneOf(node, 'severity', CAP_SEVERITY, path),
    certainty: oneOf(node, 'certainty', CAP_CERTAINTY, path),
    headline: optional(node, 'headline'),
    description: optional(node, 'description'),
    instruction: optional(node, 'instruction'),
    senderName: optional(node, 'senderName'),
    web: optional(node, 'web'),
    areas,
  };
}

/** Nesting depth of the elements, counted cheaply before any parser sees the text. */
function depthOf(xml: string): number {
  let depth = 0;
  let deepest = 0;
  const tags = /<(\/?)([A-Za-z_][^\s/>]*)[^>]*?(\/?)>/g;
  for (let m = tags.exec(xml); m; m = tags.exec(xml)) {
    if (m[1]) depth--;
    else if (!m[3]) deepest = Math.max(deepest, ++depth);
    if (deepest > MAX_DEPTH) return deepest;
  }
  return deepest;
}

export function parseCap(xml: string): CapAlert {
  if (Buffer.byteLength(xml) > MAX_CAP_BYTES) invalid(`the alert is larger than ${MAX_CAP_BYTES} bytes`);
  // CAP has no DTD; one here could only be an entity attack (XXE, billion laughs).
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) invalid('a DOCTYPE or ENTITY declaration is not allowed');
  if (depthOf(xml) > MAX_DEPTH) invalid(`elements nest deeper than ${MAX_DEPTH} levels`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) invalid(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let doc: Node;
  try {
    doc = parser.parse(xml) as Node;
  } catch (error) {
    return invalid(`not readable as XML: ${(error as Error).message}`);
  }
  const root = doc.alert;
  if (!root || typeof root !== 'object' || Array.isArray(root)) return invalid('the root element must be <alert>');
  const alert = root as Node;
  // The parser drops namespace declarations with their prefixes, so the root's own tag is read.
  const rootTag = /<(?:[A-Za-z_][\w.-]*:)?alert\b[^>]*>/.exec(xml)?.[0] ?? '';
  if (!new RegExp(`xmlns(?::[A-Za-z_][\\w.-]*)?\\s*=\\s*["']${CAP_NAMESPACE.replace(/[.]/g, '\\.')}["']`).test(rootTag)) {
    invalid(`<alert> must be in the namespace ${CAP_NAMESPACE}`, 'alert');
  }
  const msgType = oneOf(alert, 'msgType', CAP_MSG_TYPES, 'alert');
  const references = (optional(alert, 'references') ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((ref, i) => {
      const [sender, identifier, sent, ...rest] = ref.split(',');
      if (!sender || !identifier || !sent || rest.length) invalid(`reference "${ref.slice(0, 60)}" is not "sender,identifier,sent"`, `alert.references.${i}`);
      return { sender: sender!, identifier: identifier!, sent: sent! };
    });
  if ((msgType === 'Update' || msgType === 'Cancel') && !references.length) invalid(`an ${msgType} names the alert it acts on in <references>`, 'alert.references');
  const sent = required(alert, 'sent', 'alert');
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/.test(sent) || Number.isNaN(Date.parse(sent))) invalid(`<sent> "${sent}" is not a CAP date-time (2002-05-24T16:49:00-07:00)`, 'alert.sent');
  const infos = list(alert.info).map((node, i) => (node && typeof node === 'object' ? info(node as Node, `alert.info.${i}`) : invalid('<info> is empty', `alert.info.${i}`)));
  if (!infos.length && msgType !== 'Cancel') invalid('an alert needs an <info> block', 'alert.info');
  const identifier = required(alert, 'identifier', 'alert');
  const sender = required(alert, 'sender', 'alert');
  if (/[\s,<&]/.test(identifier) || /[\s,<&]/.test(sender)) invalid('identifier and sender may not contain spaces, commas, < or &', 'alert.identifier');
  return {
    identifier,
    sender,
    sent,
    status: oneOf(alert, 'status', CAP_STATUS, 'alert'),
    msgType,
    scope: oneOf(alert, 'scope', CAP_SCOPES, 'alert'),
    note: optional(alert, 'note'),
    references,
    infos,
  };
}

/** The reference other alerts use for this one. */
export const capReference = (a: { sender: string; identifier: string; sent: string }) => `${a.sender},${a.identifier},${a.sent}`;
