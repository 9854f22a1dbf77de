// CAP 1.2 alerts from XML text, checked against the spec's required elements. The text is
// read by ./xml, a one-pass reader whose time is linear in the input: no DTD (so no
// external entities and no entity expansion), a size cap, a nesting cap and an element cap.
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
import { readXml, type XmlNode } from './xml';

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
  onset: string | null;
  expires: string | null;
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

/** A CAP alert of 512 KiB has no business holding more elements than this. */
const MAX_ELEMENTS = 20_000;

type Node = XmlNode;

function textOf(value: unknown): string | null {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Node)['#text'] === 'string') return (value as Node)['#text'] as string;
  return null;
}

function required(node: Node, name: string, path: string): string {
  if (Array.isArray(node[name])) invalid(`<${name}> appears more than once; CAP 1.2 allows one`, `${path}.${name}`);
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
  // An area may be its description alone (the spec's A.1): ./alert.ts places it by geocoding the words.
  return { areaDesc: required(node, 'areaDesc', path), polygons, circles, geocodes };
}

const CAP_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d$/;

/** An optional CAP date-time element (2002-05-24T16:49:00-07:00), refused when malformed. */
function capTime(node: Node, name: string, path: string): string | null {
  const value = optional(node, name);
  if (value !== null && (!CAP_TIME.test(value) || Number.isNaN(Date.parse(value)))) invalid(`<${name}> "${value.slice(0, 40)}" is not a CAP date-time (2002-05-24T16:49:00-07:00)`, `${path}.${name}`);
  return value;
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
    onset: capTime(node, 'onset', path),
    expires: capTime(node, 'expires', path),
    areas,
  };
}

export function parseCap(xml: string): CapAlert {
  // Characters, not UTF-8 bytes: a GB18030 alert within the body limit grows when decoded.
  if (xml.length > MAX_CAP_BYTES) invalid(`the alert is larger than ${MAX_CAP_BYTES} bytes`);
  const doc = readXml(xml, { maxDepth: MAX_DEPTH, maxElements: MAX_ELEMENTS, repeated: REPEATED });
  if (doc.rootName !== 'alert' || !doc.root || typeof doc.root !== 'object' || Array.isArray(doc.root)) return invalid('the root element must be <alert>');
  if (doc.rootNamespace !== CAP_NAMESPACE) invalid(`<alert> must be in the namespace ${CAP_NAMESPACE}`, 'alert');
  const alert = doc.root;
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
  if (!CAP_TIME.test(sent) || Number.isNaN(Date.parse(sent))) invalid(`<sent> "${sent}" is not a CAP date-time (2002-05-24T16:49:00-07:00)`, 'alert.sent');
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
