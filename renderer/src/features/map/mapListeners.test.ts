import { describe, expect, it } from 'vitest';
import type { EntryPayload, JournalEntry, JournalEntryOf } from '../../../../shared/journal/catalog';
import type { ApiClient } from '../../app/api';
import { journalEntriesApplied } from '../../app/journalActions';
import { createAppStore } from '../../app/store';
import { memorySessionStore } from '../session/sessionStore';
import { createMapFeed } from './mapFeed';
import { mapListeners } from './mapListeners';

const api: ApiClient = { call: (async (name: string) => Promise.reject(new Error(`no ${name} here`))) as ApiClient['call'] };
const reasons: EntryPayload<'risk.changed'>['reasons'] = {
  places: 3,
  placesByCode: { green: 0, blue: 0, yellow: 1, orange: 1, red: 1 },
  redEquivalents: 2,
  incidents30d: 9,
  townMean30d: 2,
  densityRatio: 4.5,
  openOverdue: 1,
  sitesPart: 40,
  densityPart: 40,
  overduePart: 10,
};
const base = { time: '2025-03-01T08:00:00.000Z', actor: 'system', role: 'system', prevHash: '', hash: '' } as const;

describe('the map feed', () => {
  it('gets the risk.changed entries of each batch the store applies, in seq order', () => {
    const feed = createMapFeed();
    const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 }, undefined, [mapListeners(feed)]);
    const heard: number[][] = [];
    feed.onRiskChanged((changes) => heard.push(changes.map((c) => c.seq)));
    const risk = (seq: number): JournalEntryOf<'risk.changed'> => ({ ...base, seq, type: 'risk.changed', payload: { gridId: 'G1', from: null, to: 'red', score: 90, reasons } });
    const focus: JournalEntry = { ...base, seq: 3, type: 'wall.focused', payload: { incidentId: null } };
    store.dispatch(journalEntriesApplied([risk(1), focus, risk(4)], 0));
    store.dispatch(journalEntriesApplied([focus], 0));
    expect(heard).toEqual([[1, 4]]);
  });
});
