import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { UnitTracker } from './tracker';

const seed = [
  { id: 'T1', location: { lon: 120.07, lat: 30.33 }, status: 'available' as const },
  { id: 'T2', location: { lon: 120.08, lat: 30.33 }, status: 'available' as const },
  { id: 'W1', location: { lon: 120.09, lat: 30.34 }, status: 'offline' as const },
];
let seq = 0;
const entry = (type: string, payload: unknown) => ({ seq: ++seq, time: '2026-11-22T02:00:00Z', actor: 'u', role: 'operator', type, payload, prevHash: '', hash: '' }) as JournalEntry;

describe('unit tracker', () => {
  it('a new client gets every unit at its base; the first tick after that only what changed', () => {
    const tracker = new UnitTracker(seed);
    expect(tracker.snapshot()).toEqual([
      { id: 'T1', lon: 120.07, lat: 30.33, status: 'available' },
      { id: 'T2', lon: 120.08, lat: 30.33, status: 'available' },
      { id: 'W1', lon: 120.09, lat: 30.34, status: 'offline' },
    ]);
    tracker.tick();
    expect(tracker.tick()).toEqual([]);
    tracker.move('T1', { lon: 120.07, lat: 30.331 });
    expect(tracker.tick()).toEqual([{ id: 'T1', lon: 120.07, lat: 30.331, status: 'available', heading: 0 }]);
    expect(tracker.tick()).toEqual([]);
  });

  it('a unit moved to where it already is is not sent again', () => {
    const tracker = new UnitTracker(seed);
    tracker.tick();
    tracker.move('T2', { lon: 120.08, lat: 30.33 });
    expect(tracker.tick()).toEqual([]);
  });

  it('follows the journal: dispatched, on the way, on scene, free again once resolved', () => {
    const tracker = new UnitTracker(seed);
    tracker.tick();
    const status = () => tracker.status('T1');
    tracker.apply([entry('incident.dispatched', { incidentId: 'I1', units: [{ unitId: 'T1', unitName: 'T1' }] })]);
    expect(status()).toBe('dispatched');
    expect(tracker.tick().map((u) => [u.id, u.status])).toEqual([['T1', 'dispatched']]);
    tracker.apply([entry('unit.accepted', { incidentId: 'I1', unitId: 'T1' })]);
    expect(status()).toBe('enRoute');
    tracker.apply([entry('unit.arrived', { incidentId: 'I1', unitId: 'T1' })]);
    expect(status()).toBe('onScene');
    // A second job waits while it is on the first; resolving the first leaves it dispatched.
    tracker.apply([entry('incident.dispatched', { incidentId: 'I2', units: [{ unitId: 'T1', unitName: 'T1' }] }), entry('incident.resolved', { incidentId: 'I1', summary: 'done' })]);
    expect(status()).toBe('dispatched');
    tracker.apply([entry('incident.returned', { incidentId: 'I2', unitId: 'T1', reason: 'not ours' })]);
    expect(status()).toBe('available');
    expect(tracker.status('W1')).toBe('offline');
  });

  it('a hub started mid-shift takes statuses from the open incidents', () => {
    const tracker = new UnitTracker(seed, [{ id: 'I9', assignments: [{ unitId: 'T2', status: 'onScene' }, { unitId: 'T1', status: 'returned' }] }]);
    expect(tracker.status('T2')).toBe('onScene');
    expect(tracker.status('T1')).toBe('available');
  });

  it('heading points the way the unit went', () => {
    const tracker = new UnitTracker(seed);
    tracker.move('T1', { lon: 120.071, lat: 30.33 });
    expect(tracker.snapshot()[0]!.heading).toBeCloseTo(90, 0);
  });
});
