import { describe, expect, it, vi } from 'vitest';
import { createMapFeed } from './mapFeed';

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
});
