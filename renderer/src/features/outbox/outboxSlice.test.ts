import { describe, expect, it } from 'vitest';
import { loggedOut } from '../session/sessionSlice';
import { outboxItemDismissed, outboxLoaded, outboxReducer, replicaHealthSeen } from './outboxSlice';

const conflict = {
  id: 7,
  userId: 'u1',
  envelope: { type: 'incident.triage' as const, payload: { incidentId: '20250101-0001' }, idempotencyKey: 'k7' },
  createdAt: '2025-01-01T08:00:00.000Z',
  state: 'conflict' as const,
  error: { code: 'illegalState', message: 'closed' },
};

describe('the outbox a seat on a replica shows', () => {
  it('is empty and silent on a primary', () => {
    expect(outboxReducer(undefined, replicaHealthSeen(null))).toEqual({ replica: null, items: [] });
  });

  it('keeps a conflict until the operator dismisses it', () => {
    let state = outboxReducer(undefined, replicaHealthSeen({ stale: false, lastContact: null, pending: 0, conflicts: 1, syncError: null }));
    state = outboxReducer(state, outboxLoaded([conflict]));
    expect(state.items).toHaveLength(1);
    state = outboxReducer(state, outboxItemDismissed(7));
    expect(state.items).toEqual([]);
    expect(state.replica?.conflicts).toBe(0);
  });

  it('forgets everything on logout', () => {
    const state = outboxReducer(outboxReducer(undefined, outboxLoaded([conflict])), loggedOut());
    expect(state.items).toEqual([]);
  });
});
