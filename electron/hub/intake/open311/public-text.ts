// Text as Open311 shows it to anyone who asks: GET services and requests need no key, so a
// description, an address or a status note must carry no way to reach a person. maskText
// (shared/privacy.ts), which the duty room's reads use, keeps part of a number (138****5678)
// and an address's domain (z***@example.cn), and knows only Chinese number shapes; here every
// e-mail address, ID number and phone-like run of digits, in any country's grouping, goes
// whole, and so does the reporter's name wherever it was typed.
import { maskText, replaceEmails } from '../../../../shared/privacy';

const HIDDEN = '***';

/** Every local@domain.tld replaced whole. */
const hideEmails = (text: string) => replaceEmails(text, () => HIDDEN);

// An 18-character resident ID; then any run of 7 or more digits, grouped as people write
// phone numbers (+44 20 7946 0958, (415) 555-1234, 0571-88123456, 138 1234 5678). Each step
// of the run takes one digit after at most two separators, and digits and separators never
// overlap, so a run is matched one way only: linear, whatever the text.
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[0-9Xx](?![0-9A-Za-z])/g;
const PHONE_LIKE = /(?<!\d)\+?\(?\d(?:[ ().-]{0,2}\d){6,}(?!\d)/g;
/** A date (and its hour) is a run of digits people write, and not a number to call. */
const DATE_RUN = /^\d{4}([-./])\d{1,2}\1\d{1,2}(?: \d{1,2})?$/;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The forms a name is typed in: as given, without its spaces, and each part of two letters or more. */
function nameForms(names: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const name of names) {
    const whole = asciiForms(name).trim();
    if (!whole) continue;
    forms.add(whole);
    forms.add(whole.replace(/\s+/g, ''));
    for (const part of whole.split(/\s+/)) if ([...part].length >= 2) forms.add(part);
  }
  // Longest first, so "John Smith" goes before "John" can leave "*** Smith".
  return [...forms].filter((f) => [...f].length >= 2).sort((a, b) => b.length - a.length);
}

/**
 * Full-width digits, letters and ＠＋－． as their ASCII forms, so ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｎ
 * or １３８１２３４５６７８ is found like any other; Chinese punctuation stays as written.
 */
const asciiForms = (text: string) => text.replace(/[\uFF10-\uFF19\uFF20-\uFF3A\uFF41-\uFF5A\uFF0B\uFF0D\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** A text fit for a public answer; `names`: the reporter's name as the hub holds it. */
export function publicText(text: string, names: readonly string[] = []): string {
  // Addresses first: a name inside one (zhou@…) would otherwise leave "***@…", no longer an address to find.
  let out = hideEmails(asciiForms(text));
  out = out.replace(ID_NUMBER, HIDDEN);
  out = out.replace(PHONE_LIKE, (run) => (DATE_RUN.test(run) ? run : HIDDEN));
  const forms = nameForms(names);
  if (forms.length) {
    // A Latin name is a word of its own (Ann, not the "ann" in "annual"); a Chinese one has no word edges to look for.
    const pattern = forms.map((f) => (/^[A-Za-z]/.test(f) ? `(?<![A-Za-z])${escapeRegExp(f)}(?![A-Za-z])` : escapeRegExp(f))).join('|');
    out = out.replace(new RegExp(pattern, 'gi'), HIDDEN);
  }
  // Whatever the duty room's own masking would still catch.
  return maskText(out);
}
