import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import { approvalsOf, askOf, unitsToApprove, waitingParts, type QueueIncident } from './approvals';

const NOW = Date.parse('2026-11-22T03:00:00Z');

function incident(id: string, state: Incident['state'], priority: Incident['priority'], updatedAt = '2026-11-22T02:50:00Z', extra: Partial<QueueIncident> = {}): QueueIncident {
  return {
    id,
    state,
    title: `事件 ${id}`,
    category: 'fire',
    priority,
    location: null,
    address: '三墩',
    channels: ['fire119'],
    reportCount: 1,
    createdAt: '2026-11-22T02:00:00Z',
    updatedAt,
    lastSeq: 1,
    lastAction: 'x',
    ...extra,
  };
}

function recs(...units: Array<[string, 'available' | 'busy' | 'offline']>) {
  return {
    lead: 'police' as const,
    units: units.map(([unitId, status], i) => ({
      unitId,
      unitName: unitId,
      score: 1 - i / 10,
      reasons: { distanceMeters: 100, etaMinutes: 1, status, openAssignments: 0, region: 'grid' as const, departmentMatch: true },
    })),
  };
}

describe('what waits for the commander', () => {
  it('asks for dispatch approval of a serious triage and acceptance of a serious resolution, nothing else', () => {
    expect(askOf({ priority: 'P1', state: 'triaged' })).toBe('dispatch');
    expect(askOf({ priority: 'P2', state: 'resolved' })).toBe('closure');
    expect(askOf({ priority: 'P3', state: 'triaged' })).toBeNull();
    expect(askOf({ priority: 'P4', state: 'resolved' })).toBeNull();
    expect(askOf({ priority: null, state: 'reported' })).toBeNull();
    expect(askOf({ priority: 'P1', state: 'dispatched' })).toBeNull();
    expect(askOf({ priority: 'P1', state: 'returned' })).toBeNull();
  });

  it('lists P1 before P2, the longest waiting first, timed from when it started waiting', () => {
    const items = approvalsOf(
      [
        incident('a', 'triaged', 'P2', '2026-11-22T02:30:00Z'),
        incident('b', 'resolved', 'P1', '2026-11-22T02:55:00Z', { resolvedAt: '2026-11-22T02:40:00Z' }),
        incident('c', 'triaged', 'P3'),
        incident('d', 'triaged', 'P1', '2026-11-22T02:58:00Z', { triagedAt: '2026-11-22T02:20:00Z' }),
        incident('e', 'dispatched', 'P1'),
      ],
      NOW,
    );
    expect(items.map((i) => [i.incidentId, i.ask, i.waitingMs / 60_000])).toEqual([
      ['d', 'dispatch', 40],
      ['b', 'closure', 20],
      ['a', 'dispatch', 30],
    ]);
  });

  it('sends the best two recommended units for P1, one otherwise, never an offline one', () => {
    const r = recs(['U1', 'offline'], ['U2', 'available'], ['U3', 'busy'], ['U4', 'available']);
    expect(unitsToApprove('P1', r)).toEqual(['U2', 'U3']);
    expect(unitsToApprove('P2', r)).toEqual(['U2']);
    expect(unitsToApprove('P1', recs())).toEqual([]);
  });

  it('tells the waiting time in hours and minutes', () => {
    expect(waitingParts(59_999)).toEqual({ hours: 0, minutes: 0 });
    expect(waitingParts(65 * 60_000)).toEqual({ hours: 1, minutes: 5 });
  });
});
