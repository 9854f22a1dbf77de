import { describe, expect, it } from 'vitest';
import { sheetSummary, shiftStance, watchListWith, type HandoverSheet, type Shift } from './handover';

function sheet(id: string, outgoingId: string, incomingId: string, signedInAt: string | null = null, extra: Partial<HandoverSheet> = {}): HandoverSheet {
  return {
    id,
    outgoingId,
    incomingId,
    createdAt: '2026-11-22T08:00:00Z',
    notes: '',
    watchList: [],
    openByState: {},
    pendingApprovals: [],
    overdue: [],
    signedOutAt: '2026-11-22T08:00:00Z',
    signedInAt,
    ...extra,
  };
}

const onDuty = (commanderId: string) => ({ commanderId, since: '2026-11-22T00:00:00Z', handoverId: null });

describe('where a commander stands in the shift', () => {
  it('starts a shift nobody holds', () => {
    expect(shiftStance('c1', { onDuty: null, handovers: [] })).toEqual({ kind: 'vacant' });
  });

  it('puts a sheet addressed to me first, even while the outgoing commander is still on duty', () => {
    const waiting = sheet('H2', 'c1', 'c2');
    const shift: Shift = { onDuty: onDuty('c1'), handovers: [waiting, sheet('H1', 'c0', 'c2', '2026-11-21T08:00:00Z')] };
    expect(shiftStance('c2', shift)).toEqual({ kind: 'toSign', sheet: waiting });
    expect(shiftStance('c1', shift)).toEqual({ kind: 'onDuty', since: '2026-11-22T00:00:00Z', handedOver: waiting });
    expect(shiftStance('c3', shift)).toEqual({ kind: 'offDuty', commanderId: 'c1', since: '2026-11-22T00:00:00Z' });
  });

  it('forgets a signed sheet', () => {
    const shift: Shift = { onDuty: onDuty('c2'), handovers: [sheet('H2', 'c1', 'c2', '2026-11-22T08:05:00Z')] };
    expect(shiftStance('c2', shift)).toMatchObject({ kind: 'onDuty', handedOver: null });
    expect(shiftStance('c1', shift)).toMatchObject({ kind: 'offDuty', commanderId: 'c2' });
  });
});

describe('a handover sheet at a glance', () => {
  it('counts open incidents by state in lifecycle order and flags what is both overdue and pending', () => {
    const summary = sheetSummary(
      sheet('H1', 'c1', 'c2', null, {
        openByState: { resolved: 1, reported: 3, triaged: 2, closed: 0 },
        pendingApprovals: ['A', 'B'],
        overdue: ['B', 'C', 'D'],
        watchList: ['A'],
      }),
    );
    expect(summary).toEqual({
      openTotal: 6,
      byState: [
        { state: 'reported', count: 3 },
        { state: 'triaged', count: 2 },
        { state: 'resolved', count: 1 },
      ],
      pendingApprovals: 2,
      overdue: 3,
      watched: 1,
      urgent: ['B'],
    });
  });

  it('keeps each watched incident once', () => {
    expect(watchListWith(['A'], 'B')).toEqual(['A', 'B']);
    expect(watchListWith(['A', 'B'], 'A')).toEqual(['A', 'B']);
    expect(watchListWith(['A'], null)).toEqual(['A']);
  });
});
