// A CAP alert's bytes as text, in the encoding it says it is in. Chinese feeds still write
// GB2312, GBK or GB18030 and European ones ISO-8859-1; reading those as UTF-8 either fails or
// garbles every name. The HTTP charset wins over the XML declaration (RFC 7303 §3.2), a byte
// order mark over both; with neither, XML's default, UTF-8.
import { DutyFailure } from '../../../../shared/errors';

/** Encodings a duty room's feeds use; anything else is refused by name rather than guessed. */
const KNOWN = new Set(['utf-8', 'utf8', 'utf-16', 'utf-16le', 'utf-16be', 'iso-8859-1', 'latin1', 'windows-1252', 'us-ascii', 'ascii', 'gb2312', 'gbk', 'gb18030', 'big5']);

function charsetOf(contentType: string | undefined): string | null {
  const match = /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType ?? '');
  return match ? match[1]!.toLowerCase() : null;
}

/** The declaration's encoding, read from bytes any ASCII-compatible encoding shares. */
function declaredEncoding(body: Buffer): string | null {
  const head = body.subarray(0, 200).toString('latin1');
  const declaration = /^<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(head);
  return declaration ? declaration[1]!.toLowerCase() : null;
}

function bomEncoding(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

export function capText(body: Buffer, contentType?: string): string {
  const encoding = bomEncoding(body) ?? charsetOf(contentType) ?? declaredEncoding(body) ?? 'utf-8';
  const label = encoding === 'utf-16' ? 'utf-16le' : encoding;
  if (!KNOWN.has(label)) throw new DutyFailure('invalid', `CAP: the alert is in ${encoding}; send it in UTF-8, UTF-16, ISO-8859-1, GB2312, GBK, GB18030 or Big5.`, 'body');
  let text: string;
  try {
    // fatal: a byte that is not of the encoding is refused, not replaced with U+FFFD.
    text = new TextDecoder(label, { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new DutyFailure('invalid', `CAP: the alert is not valid ${encoding}.`, 'body');
  }
  return text;
}
