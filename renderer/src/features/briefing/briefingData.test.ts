import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import { DEFAULT_SLA } from '../../../../shared/sla';
import { countDay, daysEnding, overdueIncidents, townDay, trendOf } from './briefingData';

function incident(id: string, createdAt: string, extra: Partial<Incident> = {}): Incident {
  return {
    id,
    state: 'reported',
    title: id,
    category: 'sanitation',
    priority: 'P3',
    location: null,
    address: null,
    channels: ['hotline12345'],
    reportCount: 1,
    createdAt,
    updatedAt: createdAt,
    lastSeq: 1,
    lastAction: 'incident.reported',
    ...extra,
  };
}

describe('briefing data', () => {
  it('counts town days in China Standard Time', () => {
    expect(townDay(Date.parse('2025-03-01T16:30:00Z'))).toBe('2025-03-02');
    expect(daysEnding('2025-03-02', 3)).toEqual(['2025-02-28', '2025-03-01', '2025-03-02']);
    const counts = countDay(
      [
        incident('A', '2025-02-28T16:10:00Z'),
        incident('B', '2025-03-01T15:59:00Z', { channels: ['gridApp', 'hotline12345'], category: 'fire' }),
        incident('C', '2025-03-01T16:00:00Z'),
        incident('D', '2025-03-01T10:00:00Z', { state: 'merged' }),
      ],
      '2025-03-01',
    );
    expect(counts.total).toBe(2);
    expect(counts.byChannel).toEqual([
      { key: 'hotline12345', count: 2 },
      { key: 'gridApp', count: 1 },
    ]);
  });

  it('finds open incidents past the dispatch or resolve clock', () => {
    const now = Date.parse('2025-03-10T00:00:00Z');
    const late = overdueIncidents(
      [
        incident('undispatched', '2025-03-09T22:00:00Z'), // P3 dispatch 60 min: 60 min late
        incident('dispatched', '2025-03-09T22:00:00Z', { state: 'dispatched' }), // within 3 days
        incident('old', '2025-03-01T00:00:00Z', { state: 'onScene' }), // resolve 3 days: 6 days late
      ],
      DEFAULT_SLA,
      now,
    );
    expect(late.map((o) => [o.incident.id, o.clock, o.lateMinutes])).toEqual([
      ['old', 'resolve', 6 * 24 * 60],
      ['undispatched', 'dispatch', 60],
    ]);
  });

  it('lines a region up by day', () => {
    const items = [
      { regionId: 'R', date: '2025-03-02', v: 2 },
      { regionId: 'R', date: '2025-03-01', v: 1 },
      { regionId: 'S', date: '2025-03-01', v: 9 },
    ];
    expect(trendOf(items, 'R', ['2025-02-28', '2025-03-01', '2025-03-02'], (i) => i.v)).toEqual([null, 1, 2]);
  });
});
