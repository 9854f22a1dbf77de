// A small XML writer for Open311's answers. GeoReport v2 names the same fields in XML and
// JSON, so an answer is written once as JSON-shaped data and turned into elements here: an
// object's members become child elements of the same names, a list becomes one element per
// item under the name the spec gives it (services → service, attributes → attribute…), and
// null an empty element. Text is escaped, and characters XML 1.0 cannot hold at all (most
// control characters, lone surrogates) are dropped, so the document is always well-formed.

export type XmlData = string | number | boolean | null | readonly XmlData[] | { readonly [name: string]: XmlData };

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** The text without what XML 1.0's Char production leaves out: C0 controls but tab, LF and CR; U+FFFE, U+FFFF; unpaired surrogates. */
function xmlChars(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    } else if (!((c < 0x20 && c !== 9 && c !== 10 && c !== 13) || (c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff)) continue;
    out += text.slice(from, i);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

export function escapeXml(text: string): string {
  return xmlChars(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

const checkedName = (name: string): string => {
  if (!NAME.test(name) || /^xml/i.test(name)) throw new Error(`Not an XML element name: ${JSON.stringify(name)}`);
  return name;
};

function element(name: string, value: XmlData, itemNames: Readonly<Record<string, string>>, out: string[]): void {
  const tag = checkedName(name);
  if (value === null) {
    out.push(`<${tag}></${tag}>`);
    return;
  }
  if (Array.isArray(value)) {
    const item = itemNames[name];
    if (!item) throw new Error(`No element name for the items of ${name}`);
    out.push(`<${tag}>`);
    for (const v of value as readonly XmlData[]) element(item, v, itemNames, out);
    out.push(`</${tag}>`);
    return;
  }
  if (typeof value === 'object') {
    out.push(`<${tag}>`);
    for (const [child, v] of Object.entries(value)) element(child, v, itemNames, out);
    out.push(`</${tag}>`);
    return;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${name} is not a finite number`);
  out.push(`<${tag}>${escapeXml(String(value))}</${tag}>`);
}

/**
 * A whole document: the declaration the spec asks for, then `root` holding `data`.
 * `itemNames` names the element of each list's items by the list's own name.
 */
export function writeXml(root: string, data: XmlData, itemNames: Readonly<Record<string, string>>): string {
  const out: string[] = ['<?xml version="1.0" encoding="utf-8"?>'];
  element(root, data, itemNames, out);
  return out.join('');
}
