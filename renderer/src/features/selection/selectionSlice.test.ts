import { describe, expect, it } from 'vitest';
import { loggedOut } from '../session/sessionSlice';
import { incidentSelected, selectionReducer } from './selectionSlice';

describe('selection', () => {
  it('names the incident last picked and forgets it at logout', () => {
    let state = selectionReducer(undefined, incidentSelected('i-1'));
    state = selectionReducer(state, incidentSelected('i-2'));
    expect(state.incidentId).toBe('i-2');
    expect(selectionReducer(state, loggedOut()).incidentId).toBeNull();
  });
});
