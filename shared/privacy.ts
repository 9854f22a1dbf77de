// Personal data on read paths. A caller's phone and ID-card number never leave the hub whole
// by a read: they are masked in every answer and stream message, also where a caller typed
// them into a title or a description. The one way to see a number whole is the journaled
// `personalData.reveal` command. Names are kept for the duty room, hidden from the wall
// (a screen visitors see). Which role reads what is in shared/permissions.ts.

import { isAccessEntry } from './protocol/auth';

/** masked: names shown, numbers masked. hidden: names reduced to a surname, numbers gone. */
export type PersonalView = 'masked' | 'hidden';

/** 138****5678: enough to recognise a caller, not to call them. */
export function maskPhone(phone: string | undefined): string | undefined {
  if (!phone) return phone;
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}

/** 张先生 → 张**: the wall may say a caller called, not who. */
export function maskName(name: string | undefined): string | undefined {
  if (!name) return name;
  const chars = [...name];
  return chars[0] + '*'.repeat(Math.max(1, Math.min(chars.length - 1, 3)));
}

// Each alternative is a fixed run of digits (no nested or unbounded quantifiers), bounded by
// lookarounds so that a longer number is not taken apart: linear in the text's length.
//   1: an 18-character resident ID (330106 19900307 123X)
//   2: a mobile number, optionally grouped 3-4-4 with spaces or hyphens
//   3: a landline with its area code (0571-88123456, 057188123456)
const NUMBERS = /(?<![\dA-Za-z])(?:(\d{6})\d{8}(\d{3}[\dXx])|(1[3-9]\d)[ -]?\d{4}[ -]?(\d{4})|(0\d{2,3})-?\d{3,4}(\d{4}))(?![\dA-Za-z])/g;
/** No text with fewer digits in a row can hold one of the numbers above. */
const MAYBE = /\d{3}/;

const isLocalChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isDomainChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 46 || c === 45;

/**
 * Every local@domain.tld in `text` replaced by what `replace` makes of it. Found by walking
 * out from each "@" rather than by a pattern: an address pattern's unbounded runs are retried
 * from every position of a long run of letters; these walks stop at the previous "@" or the
 * next non-address character, so each character is looked at at most twice.
 */
export function replaceEmails(text: string, replace: (local: string, domain: string) => string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let from = 0;
  while (at >= 0) {
    let start = at;
    while (start > from && isLocalChar(text.charCodeAt(start - 1))) start--;
    let end = at + 1;
    while (end < text.length && isDomainChar(text.charCodeAt(end))) end++;
    const domain = text.slice(at + 1, end);
    if (start < at && domain.includes('.')) {
      out += text.slice(from, start) + replace(text.slice(start, at), domain);
      from = end;
    }
    at = text.indexOf('@', Math.max(end, at + 1));
  }
  return out + text.slice(from);
}

/** zhang.jh@example.cn → z***@example.cn. */
export function maskEmails(text: string): string {
  return replaceEmails(text, (local, domain) => `${local[0]}***@${domain}`);
}

/** A free text with its phone and ID-card numbers and e-mail addresses masked, the rest as typed. */
export function maskText(text: string): string {
  const withoutEmails = maskEmails(text);
  if (!MAYBE.test(withoutEmails)) return withoutEmails;
  return withoutEmails.replace(NUMBERS, (whole, idHead?: string, idTail?: string, mobileHead?: string, mobileTail?: string, areaCode?: string, lineTail?: string) => {
    if (idHead !== undefined) return `${idHead}********${idTail}`;
    if (mobileHead !== undefined) return `${mobileHead}****${mobileTail}`;
    if (areaCode !== undefined) return `${areaCode}-****${lineTail}`;
    return whole;
  });
}

/** Fields that name a person's number wherever they appear in a message. */
const NUMBER_FIELDS = new Set(['phone', 'mobile', 'idNumber', 'idCard', 'email', 'contact_phone', 'email_address']);
/** Fields that name a person: kept for the room, reduced on the wall. */
const NAME_FIELDS = new Set(['name', 'first_name', 'last_name']);

function maskReporter(value: unknown, view: PersonalView): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const reporter = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(reporter)) {
    if (typeof field !== 'string') out[key] = maskPersonal(field, view);
    else if (NUMBER_FIELDS.has(key)) out[key] = view === 'hidden' ? undefined : key === 'email' || key === 'email_address' ? '****' : maskPhone(field);
    else if (NAME_FIELDS.has(key)) out[key] = view === 'hidden' ? maskName(field) : field;
    else out[key] = maskText(field);
  }
  return out;
}

/**
 * A message as a role may read it: every string's numbers masked, every `reporter` masked per
 * the view, every phone/ID/e-mail field masked. Objects are copied only where something
 * changed, so a list of 10,000 records without numbers costs a walk, not a copy.
 */
export function maskPersonal<T>(value: T, view: PersonalView): T {
  return walk(value, view) as T;
}

/**
 * Sign-in entries name accounts and the seats' LAN addresses: the room may see who signed in
 * where; the wall (a screen visitors see) and integrations get neither.
 */
function hideAccess(entry: Record<string, unknown>): Record<string, unknown> {
  const payload = entry.payload as Record<string, unknown> | null;
  if (typeof payload !== 'object' || payload === null) return entry;
  const hidden: Record<string, unknown> = { ...payload };
  if (typeof hidden.username === 'string') hidden.username = maskName(hidden.username);
  if ('address' in hidden) hidden.address = null;
  return { ...entry, payload: hidden };
}

function walk(value: unknown, view: PersonalView): unknown {
  if (typeof value === 'string') return maskText(value);
  if (typeof value !== 'object' || value === null) return value;
  if (view === 'hidden' && !Array.isArray(value)) {
    const type = (value as { type?: unknown }).type;
    if (typeof type === 'string' && isAccessEntry(type) && 'payload' in value) return hideAccess(value as Record<string, unknown>);
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const masked = walk(item, view);
      if (masked !== item) (copy ??= value.slice())[i] = masked;
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | null = null;
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const field = object[key];
    let masked: unknown;
    if (key === 'reporter') masked = maskReporter(field, view);
    else if (NUMBER_FIELDS.has(key) && typeof field === 'string') masked = key === 'email' || key === 'email_address' ? (field ? '****' : field) : maskPhone(field);
    else masked = walk(field, view);
    if (masked !== field) (copy ??= { ...object })[key] = masked;
  }
  return copy ?? value;
}
