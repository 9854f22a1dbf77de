import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
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
});
