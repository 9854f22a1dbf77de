// A small XML reader for CAP, written as one forward pass over the text so the time it
// takes is linear in the input whatever an attacker sends: every step either consumes
// characters or fails, no pattern is ever retried from an earlier position, and nothing
// is expanded. It reads the subset of XML 1.0 a CAP alert uses — elements, attributes,
// text, CDATA, comments, processing instructions — and refuses a DTD outright: CAP has
// none, so one could only be an entity attack (XXE, billion laughs). Only the five
// predefined entities and character references are decoded.
//
// The result has the shape the CAP reader walks: an element is its trimmed text when it
// has neither attributes nor children, otherwise an object of children by local name
// (namespace prefixes dropped), attributes as '@_name' and text as '#text'. Names listed
// in `repeated` are always arrays; any other name that appears twice becomes an array too.
import { DutyFailure } from '../../../../shared/errors';

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

export interface XmlDocument {
  /** The root element's local name. */
  rootName: string;
  /** The namespace the root's prefix (or the default namespace) is bound to, '' when none. */
  rootNamespace: string;
  root: XmlValue;
}

export interface XmlLimits {
  maxDepth: number;
  maxElements: number;
  repeated: ReadonlySet<string>;
}

const fail = (message: string, at: number): never => {
  throw new DutyFailure('invalid', `CAP: not well-formed XML: ${message} (at character ${at})`);
};

// Name characters: ASCII letters, digits and . - _ : plus anything beyond ASCII, as XML
// allows; a reader for CAP needs no finer cut than that.
const isNameStart = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 58 || c > 127;
const isNameChar = (c: number) => isNameStart(c) || (c >= 48 && c <= 57) || c === 45 || c === 46;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces references in `raw` (which starts at `offset` in the document). */
function decode(raw: string, offset: number): string {
  let amp = raw.indexOf('&');
  if (amp < 0) return raw;
  let out = '';
  let from = 0;
  while (amp >= 0) {
    const semi = raw.indexOf(';', amp);
    // A reference is at most "&#x10FFFF;" long; looking no further keeps this linear.
    if (semi < 0 || semi - amp > 10) fail('"&" that does not start an entity or character reference', offset + amp);
    const name = raw.slice(amp + 1, semi);
    let text = PREDEFINED[name];
    if (text === undefined) {
      const hex = name.startsWith('#x');
      const digits = name.slice(hex ? 2 : 1);
      const valid = name.startsWith('#') && digits.length > 0 && (hex ? /^[0-9a-fA-F]+$/ : /^[0-9]+$/).test(digits);
      const code = valid ? parseInt(digits, hex ? 16 : 10) : NaN;
      if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) fail(`"&${name};" is not a predefined entity or a character reference`, offset + amp);
      text = String.fromCodePoint(code);
    }
    out += raw.slice(from, amp) + text;
    from = semi + 1;
    amp = raw.indexOf('&', from);
  }
  return out + raw.slice(from);
}

interface Open {
  qname: string;
  children: XmlNode;
  attributes: number;
  childCount: number;
  text: string;
  namespaces: Map<string, string> | null;
}

function add(parent: XmlNode, name: string, value: XmlValue, repeated: ReadonlySet<string>): void {
  const existing = parent[name];
  if (existing === undefined) parent[name] = repeated.has(name) ? [value] : value;
  else if (Array.isArray(existing)) existing.push(value);
  else parent[name] = [existing, value];
}

const localName = (qname: string) => qname.slice(qname.indexOf(':') + 1);

export function readXml(xml: string, limits: XmlLimits): XmlDocument {
  const n = xml.length;
  const stack: Open[] = [];
  let i = 0;
  let elements = 0;
  let document: XmlDocument | null = null;

  const name = (): string => {
    const start = i;
    if (i >= n || !isNameStart(xml.charCodeAt(i))) fail('a name was expected', i);
    while (i < n && isNameChar(xml.charCodeAt(i))) i++;
    return xml.slice(start, i);
  };
  const spaces = () => {
    while (i < n && isSpace(xml.charCodeAt(i))) i++;
  };
  /** Skips to just past `end`, which must come. */
  const skipPast = (end: string, what: string) => {
    const at = xml.indexOf(end, i);
    if (at < 0) fail(`${what} is not closed`, i);
    const inner = xml.slice(i, at);
    i = at + end.length;
    return inner;
  };

  if (xml.charCodeAt(0) === 0xfeff) i = 1;
  while (i < n) {
    const lt = xml.indexOf('<', i);
    const textEnd = lt < 0 ? n : lt;
    if (textEnd > i) {
      const raw = xml.slice(i, textEnd);
      const top = stack[stack.length - 1];
      if (top) top.text += decode(raw, i);
      else if (raw.trim()) fail('text outside the root element', i);
      i = textEnd;
      continue;
    }
    // xml[i] is '<'.
    if (xml.startsWith('<?', i)) {
      i += 2;
      skipPast('?>', 'a processing instruction');
    } else if (xml.startsWith('<!--', i)) {
      i += 4;
      skipPast('-->', 'a comment');
    } else if (xml.startsWith('<![CDATA[', i)) {
      const top = stack[stack.length - 1];
      if (!top) fail('CDATA outside the root element', i);
      i += 9;
      top!.text += skipPast(']]>', 'a CDATA section');
    } else if (xml.startsWith('<!', i)) {
      throw new DutyFailure('invalid', 'CAP: a DOCTYPE or ENTITY declaration is not allowed');
    } else if (xml.startsWith('</', i)) {
      i += 2;
      const qname = name();
      spaces();
      if (xml.charCodeAt(i) !== 62) fail(`</${qname}> is not closed with ">"`, i);
      i++;
      const top = stack.pop();
      if (!top || top.qname !== qname) fail(`</${qname}> does not close ${top ? `<${top.qname}>` : 'any element'}`, i);
      close(top!);
    } else {
      i++;
      const qname = name();
      if (stack.length >= limits.maxDepth) throw new DutyFailure('invalid', `CAP: elements nest deeper than ${limits.maxDepth} levels`);
      if (++elements > limits.maxElements) throw new DutyFailure('invalid', `CAP: more than ${limits.maxElements} elements`);
      if (document && !stack.length) fail('a second root element', i);
      const open: Open = { qname, children: {}, attributes: 0, childCount: 0, text: '', namespaces: null };
      const seen = new Set<string>();
      for (;;) {
        const before = i;
        spaces();
        const c = xml.charCodeAt(i);
        if (c === 62 || c === 47) break;
        if (i === before) fail(`<${qname}> needs a space before an attribute, or ">"`, i);
        const attribute = name();
        spaces();
        if (xml.charCodeAt(i) !== 61) fail(`attribute ${attribute} of <${qname}> has no "="`, i);
        i++;
        spaces();
        const quote = xml.charCodeAt(i);
        if (quote !== 34 && quote !== 39) fail(`attribute ${attribute} of <${qname}> is not quoted`, i);
        i++;
        const end = xml.indexOf(quote === 34 ? '"' : "'", i);
        if (end < 0) fail(`attribute ${attribute} of <${qname}> is not closed`, i);
        const raw = xml.slice(i, end);
        if (raw.includes('<')) fail(`"<" in attribute ${attribute} of <${qname}>`, i);
        const value = decode(raw, i);
        i = end + 1;
        if (seen.has(attribute)) fail(`attribute ${attribute} appears twice in <${qname}>`, i);
        seen.add(attribute);
        if (attribute === 'xmlns' || attribute.startsWith('xmlns:')) {
          (open.namespaces ??= new Map()).set(attribute === 'xmlns' ? '' : attribute.slice(6), value);
        } else {
          add(open.children, `@_${localName(attribute)}`, value, limits.repeated);
          open.attributes++;
        }
      }
      if (i >= n) fail(`<${qname}> is not closed`, i);
      const parent = stack[stack.length - 1];
      if (parent) parent.childCount++;
      if (!parent && !document) {
        const colon = qname.indexOf(':');
        const prefix = colon < 0 ? '' : qname.slice(0, colon);
        document = { rootName: localName(qname), rootNamespace: open.namespaces?.get(prefix) ?? '', root: '' };
      }
      if (xml.charCodeAt(i) === 47) {
        if (xml.charCodeAt(i + 1) !== 62) fail(`"/" not followed by ">" in <${qname}>`, i);
        i += 2;
        close(open);
      } else {
        i++;
        stack.push(open);
      }
    }
  }
  if (stack.length) fail(`<${stack[stack.length - 1]!.qname}> is not closed`, n);
  if (!document) fail('no root element', n);
  return document!;

  function close(element: Open): void {
    const text = element.text.trim();
    let value: XmlValue;
    if (!element.attributes && !element.childCount) value = text;
    else {
      value = element.children;
      if (text) value['#text'] = text;
    }
    const parent = stack[stack.length - 1];
    if (parent) add(parent.children, localName(element.qname), value, limits.repeated);
    else document!.root = value;
  }
}
