import { describe, expect, it } from 'vitest';
import { DutyFailure } from '../errors';
import { JournalPageSchema } from '../protocol/schemas';
import { parseJournalPage } from './page';

const entry = (over: Record<string, unknown> = {}) => ({
  seq: 7,
  time: '2026-12-07T08:00:00.000Z',
  actor: 'u-1',
  role: 'operator',
  type: 'wall.focused',
  payload: { incidentId: null },
  prevHash: 'a'.repeat(64),
  hash: 'b'.repeat(64),
  ...over,
});

const page = (entries: unknown[], last: unknown = 7) => JSON.stringify({ entries, last });

const schemaAccepts = (text: string) => {
  try {
    return JournalPageSchema.safeParse(JSON.parse(text)).success;
  } catch {
    return false;
  }
};

const pathOfRefusal = (text: string) => {
  try {
    parseJournalPage(text);
  } catch (error) {
    if (error instanceof DutyFailure) return error.error.path;
    throw error;
  }
  return null;
};

describe('a journal page as a replica receives it', () => {
  it('reads what the primary sends, with exactly the fields of an entry', () => {
    const text = JSON.stringify({ entries: [{ ...entry(), extra: 'dropped' }], last: 9, more: true });
    expect(parseJournalPage(text)).toEqual(JournalPageSchema.parse(JSON.parse(text)));
    expect(parseJournalPage(text).entries[0]).not.toHaveProperty('extra');
  });

  it('refuses what the page schema refuses, naming where', () => {
    const cases: Array<[string, string]> = [
      ['not json', 'page'],
      ['[]', 'page'],
      [page([entry()], -1), 'last'],
      [page([entry()], 1.5), 'last'],
      [page([entry()], '7'), 'last'],
      [JSON.stringify({ entries: {}, last: 1 }), 'entries'],
      [page([null]), 'entries.0'],
      [page([entry(), entry({ seq: 0 })]), 'entries.1.seq'],
      [page([entry({ seq: 2.5 })]), 'entries.0.seq'],
      [page([entry({ seq: '7' })]), 'entries.0.seq'],
      [page([entry({ time: 7 })]), 'entries.0.time'],
      [page([entry({ actor: null })]), 'entries.0.actor'],
      [page([entry({ type: undefined })]), 'entries.0.type'],
      [page([entry({ hash: 1 })]), 'entries.0.hash'],
      [page([entry({ prevHash: [] })]), 'entries.0.prevHash'],
      [page([entry({ role: 'burglar' })]), 'entries.0.role'],
    ];
    for (const [text, path] of cases) {
      expect(schemaAccepts(text), text).toBe(false);
      expect(pathOfRefusal(text), text).toBe(path);
    }
  });

  it('takes the system as an entry role and an empty page', () => {
    expect(parseJournalPage(page([entry({ role: 'system' })])).entries[0]!.role).toBe('system');
    expect(parseJournalPage(page([], 0))).toEqual({ entries: [], last: 0 });
  });
});
