import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { boardOrder, countdownText, countsByRegion, nextDeadline } from './boardFigures';

const T0 = '2026-11-22T08:00:00.000Z';
const MIN = 60_000;

function record(over: Partial<IncidentRecord>): IncidentRecord {
  return {
    id: 'i-1', state: 'reported', title: 't', category: 'noise', priority: 'P3', location: null, address: null,
    channels: ['phone'], reportCount: 1, createdAt: T0, updatedAt: T0, lastSeq: 1, lastAction: 'incident.reported',
    ownChannels: ['phone'], ownReportCount: 1, lead: null, coHandlers: [], gridId: null, assignments: [], feedback: [],
    mergedInto: null, mergedFrom: [], stateBeforeMerge: null, triagedAt: null, dispatchedAt: null, acceptedAt: null,
    arrivedAt: null, resolvedAt: null, closedAt: null, reopenCount: 0, reason: null, resolution: null, rating: null, escalations: [], suspectedDuplicate: null, alertExpiredAt: null,
    ...over,
  };
}

describe('board figures', () => {
  it('counts down to dispatch before an incident is dispatched', () => {
    expect(nextDeadline(record({ priority: 'P1' }))).toEqual({ clock: 'dispatch', deadline: Date.parse(T0) + 5 * MIN });
  });

  it('counts down to sign-for once dispatched', () => {
    const dispatchedAt = '2026-11-22T08:03:00.000Z';
    expect(nextDeadline(record({ priority: 'P1', state: 'dispatched', dispatchedAt }))).toEqual({
      clock: 'signFor',
      deadline: Date.parse(dispatchedAt) + 5 * MIN,
    });
  });

  it('shows minutes and seconds left, and how far overdue', () => {
    expect(countdownText(12 * MIN + 5_000)).toBe('12:05');
    expect(countdownText(-(3 * MIN + 10_000))).toBe('-3:10');
    expect(countdownText(62 * MIN + 5_000)).toBe('1:02:05');
  });

  it('puts the most urgent first, then the largest', () => {
    const rows = [record({ id: 'a', priority: 'P3', reportCount: 9 }), record({ id: 'b', priority: 'P1' }), record({ id: 'c', priority: 'P3', reportCount: 2 }), record({ id: 'd', priority: null })];
    expect(boardOrder(rows.map((r) => ({ incident: r, next: nextDeadline(r) }))).map((row) => row.incident.id)).toEqual(['b', 'a', 'c', 'd']);
  });

  it('counts open incidents by emergency region through the grid they are in', () => {
    const regions = [
      { id: 'e1', name: '应急一圈', level: 'emergency', parentId: null },
      { id: 'e2', name: '应急二圈', level: 'emergency', parentId: null },
      { id: 'j1', name: '联勤一', level: 'jointEnforcement', parentId: 'e1' },
      { id: 'g1', name: '网格1', level: 'grid', parentId: 'j1' },
      { id: 'g2', name: '网格2', level: 'grid', parentId: 'e2' },
    ];
    const counts = countsByRegion([{ gridId: 'g1' }, { gridId: 'g1' }, { gridId: 'g2' }, { gridId: null }], regions);
    expect(counts).toEqual([
      { id: 'e1', name: '应急一圈', count: 2 },
      { id: 'e2', name: '应急二圈', count: 1 },
    ]);
  });
});
