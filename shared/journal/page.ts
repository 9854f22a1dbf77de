// A page of the journal as a replica receives it (GET /replica/journal), parsed from its text
// and checked field by field by hand: it accepts what JournalPageSchema accepts (page.test.ts
// holds it to that), at a fraction of a zod object per entry, which was a tenth of a
// replica's catch-up. Payloads are not looked at here: each goes through the journal
// catalog (parseEntryPayload) before it is stored.
import { ROLES } from '../domain';
import { DutyFailure } from '../errors';
import type { JournalEntry } from './catalog';

export interface JournalPage {
  entries: JournalEntry[];
  /** The seq of the newest entry in the primary's journal. */
  last: number;
}

const ENTRY_ROLES = new Set<string>([...ROLES, 'system']);
const STRING_FIELDS = ['time', 'actor', 'type', 'prevHash', 'hash'] as const;

const refuse = (path: string, what: string): never => {
  throw new DutyFailure('invalid', `${path}: ${what}`, path);
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses and checks a page's text. Throws DutyFailure ('invalid', naming the path) for text
 * that is not JSON or a page that does not fit. Entries are rebuilt with exactly the entry's
 * fields, as the schema's parse would strip others.
 */
export function parseJournalPage(text: string): JournalPage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return refuse('page', `not JSON (${(error as Error).message})`);
  }
  if (!isRecord(json)) return refuse('page', 'expected an object');
  const { entries, last } = json;
  if (typeof last !== 'number' || !Number.isSafeInteger(last) || last < 0) return refuse('last', 'expected a whole number ≥ 0');
  if (!Array.isArray(entries)) return refuse('entries', 'expected an array');
  const checked = new Array<JournalEntry>(entries.length);
  for (let i = 0; i < entries.length; i++) {
    const entry: unknown = entries[i];
    if (!isRecord(entry)) return refuse(`entries.${i}`, 'expected an object');
    const { seq, role } = entry;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq) || seq < 1) return refuse(`entries.${i}.seq`, 'expected a whole number ≥ 1');
    for (const field of STRING_FIELDS) if (typeof entry[field] !== 'string') refuse(`entries.${i}.${field}`, 'expected a string');
    if (typeof role !== 'string' || !ENTRY_ROLES.has(role)) return refuse(`entries.${i}.role`, `expected one of ${[...ENTRY_ROLES].join(', ')}`);
    // zod's unknown() takes an absent payload as undefined; the catalog then refuses it.
    checked[i] = { seq, time: entry.time, actor: entry.actor, role, type: entry.type, payload: entry.payload, prevHash: entry.prevHash, hash: entry.hash } as JournalEntry;
  }
  return { entries: checked, last };
}
