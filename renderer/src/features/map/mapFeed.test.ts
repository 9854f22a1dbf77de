import { describe, expect, it, vi } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { createMapFeed, RISK_CHANGED } from './mapFeed';

const entry = (seq: number, type: string): JournalEntry => ({ seq, time: '2025-05-01T00:00:00Z', actor: 'system', role: 'system', type, payload: {}, prevHash: '', hash: '' }) as JournalEntry;

describe('the map feed', () => {
  it('passes positions on and remembers each unit’s newest one', () => {
    const feed = createMapFeed();
    const heard = vi.fn();
    const stop = feed.onPositions(heard);
    feed.positions({ at: '2025-05-01T00:00:00Z', units: [{ id: 'U1', lon: 120, lat: 30, status: 'available' }, { id: 'U2', lon: 121, lat: 31, status: 'offline' }] });
    feed.positions({ at: '2025-05-01T00:00:01Z', units: [{ id: 'U1', lon: 120.001, lat: 30, status: 'enRoute' }] });
    expect(heard).toHaveBeenCalledTimes(2);
    expect(feed.latest().get('U1')).toMatchObject({ lon: 120.001, status: 'enRoute' });
    expect(feed.latest().get('U2')).toMatchObject({ lon: 121 });
    stop();
    feed.positions({ at: '2025-05-01T00:00:02Z', units: [] });
    expect(heard).toHaveBeenCalledTimes(2);
  });

  it('hands the risk map the batch\u2019s risk.changed entries, once per batch that holds one', () => {
    const feed = createMapFeed();
    const changed = vi.fn();
    feed.onRiskChanged(changed);
    feed.entries([entry(1, 'incident.reported')]);
    expect(changed).not.toHaveBeenCalled();
    feed.entries([entry(2, RISK_CHANGED), entry(3, 'incident.reported'), entry(4, RISK_CHANGED)]);
    expect(changed).toHaveBeenCalledTimes(1);
    expect(changed.mock.calls[0]![0].map((e: { seq: number }) => e.seq)).toEqual([2, 4]);
  });
});
