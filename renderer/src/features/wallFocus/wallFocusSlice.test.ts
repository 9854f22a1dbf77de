import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { journalEntriesApplied } from '../../app/journalActions';
import { wallFocusChanged, wallFocusOf, wallFocusReducer } from './wallFocusSlice';

const entry = (seq: number, type: string, payload: unknown) => ({
  seq,
  time: '2025-03-01T08:00:00.000Z',
  actor: 'commander1',
  role: 'commander',
  type,
  payload,
  prevHash: '',
  hash: '',
}) as JournalEntry;

describe('wall focus', () => {
  it('follows the commander’s wall.focused entries, clearing included', () => {
    expect(wallFocusOf(entry(7, 'wall.focused', { incidentId: 'A' }))).toEqual({ incidentId: 'A', seq: 7, at: '2025-03-01T08:00:00.000Z' });
    expect(wallFocusOf(entry(8, 'wall.focused', { incidentId: null }))?.incidentId).toBeNull();
    expect(wallFocusOf(entry(9, 'incident.triaged', { incidentId: 'A' }))).toBeNull();
  });

  it('keeps the newer focus when an older answer arrives late', () => {
    let state = wallFocusReducer(undefined, wallFocusChanged({ incidentId: 'B', seq: 12, at: null }));
    state = wallFocusReducer(state, wallFocusChanged({ incidentId: 'A', seq: 7, at: null }));
    expect(state.incidentId).toBe('B');
  });

  it('takes the last focus of a batch from the stream, and no older one than it holds', () => {
    let state = wallFocusReducer(undefined, journalEntriesApplied([entry(3, 'wall.focused', { incidentId: 'A' }), entry(4, 'incident.triaged', { incidentId: 'A' }), entry(5, 'wall.focused', { incidentId: 'B' })], 0));
    expect(state).toEqual({ incidentId: 'B', seq: 5, at: '2025-03-01T08:00:00.000Z', flight: null });
    state = wallFocusReducer(state, wallFocusChanged({ incidentId: 'C', seq: 9, at: null }));
    state = wallFocusReducer(state, journalEntriesApplied([entry(6, 'wall.focused', { incidentId: null })], 0));
    expect(state.incidentId).toBe('C');
  });
});
