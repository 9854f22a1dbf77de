import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { ApiClient } from '../../app/api';
import { journalEntriesApplied } from '../../app/journalActions';
import { createAppStore } from '../../app/store';
import { memorySessionStore } from '../session/sessionStore';
import { warningHour } from './WarningList';
import { warningChangeOf, warningsLoaded, warningsReducer, type OpenWarning } from './warningsSlice';
import { acknowledgeWarning } from './warningsThunks';

const raised = { id: 'G1@2026-11-22T04:00:00.000Z', gridId: 'G1', name: '兰里社区第1网格', hourStart: '2026-11-22T04:00:00.000Z', observed: 9, expected: 0.4, upperBound: 4, p: 0.00001, explanation: 'G1: 9 incidents' };
const entry = (seq: number, type: string, payload: unknown) => ({ seq, time: '2026-11-22T04:20:00.000Z', actor: 'system', role: 'system', type, payload, prevHash: '', hash: '' }) as JournalEntry;
const open = (over: Partial<OpenWarning> = {}): OpenWarning => ({ ...raised, state: 'open', raisedAt: '2026-11-22T04:20:00.000Z', seq: 10, ...over });

describe('early warnings in the queue', () => {
  it('come from warning.raised entries and leave with warning.acknowledged; other entries mean nothing', () => {
    expect(warningChangeOf(entry(10, 'warning.raised', raised))).toEqual({ kind: 'raised', warning: open() });
    expect(warningChangeOf(entry(11, 'warning.acknowledged', { warningId: raised.id, note: null }))).toEqual({ kind: 'acknowledged', warningId: raised.id });
    expect(warningChangeOf(entry(12, 'warning.raised', { id: 'broken' }))).toBeNull();
    expect(warningChangeOf(entry(13, 'incident.reported', {}))).toBeNull();
  });

  it('keep a warning heard on the stream that a slower, older list did not have yet', () => {
    let state = warningsReducer(undefined, journalEntriesApplied([entry(30, 'warning.raised', { ...raised, id: 'G2@x', hourStart: '2026-11-22T05:00:00.000Z' })], 0));
    state = warningsReducer(state, warningsLoaded([open()]));
    expect(state.items.map((w) => w.id)).toEqual(['G2@x', raised.id]);
    // A newer list without it: acknowledged meanwhile.
    state = warningsReducer(state, warningsLoaded([open({ id: 'G3@y', seq: 40 })]));
    expect(state.items.map((w) => w.id)).toEqual(['G3@y']);
  });

  it('acknowledge through the journal; someone faster counts as done', async () => {
    const answers: Array<() => unknown> = [() => ({ ok: true, seq: 12 }), () => { throw { code: 'conflict', message: 'already acknowledged' }; }];
    const bodies: unknown[] = [];
    const api = { call: (async (_name: string, options: { body?: unknown }) => { bodies.push(options.body); return answers.shift()!(); }) as unknown as ApiClient['call'] } as ApiClient;
    const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
    store.dispatch(journalEntriesApplied([entry(10, 'warning.raised', raised), entry(11, 'warning.raised', { ...raised, id: 'G9@z', gridId: 'G9' })], 0));
    expect(store.getState().warnings.items).toHaveLength(2);
    await store.dispatch(acknowledgeWarning(raised.id, () => 'k1'));
    expect(bodies[0]).toEqual({ type: 'warning.acknowledge', payload: { warningId: raised.id }, idempotencyKey: 'k1' });
    await store.dispatch(acknowledgeWarning('G9@z', () => 'k2'));
    expect(store.getState().warnings.items).toEqual([]);
    expect(store.getState().warnings.error).toBeNull();
  });

  it('name the hour in town time', () => {
    expect(warningHour('2026-11-22T04:00:00.000Z')).toBe('11-22 12:00');
  });
});
