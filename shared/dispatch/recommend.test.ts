import { describe, expect, it } from 'vitest';
import type { Unit } from '../units';
import { leadFor } from './lead';
import { recommendUnits } from './recommend';

const chain = [
  { id: 'G1', level: 'grid' },
  { id: 'J1', level: 'jointEnforcement' },
  { id: 'E1', level: 'emergency' },
  { id: 'C', level: 'command' },
];

const unit = (id: string, over: Partial<Unit>): Unit => ({
  id,
  name: id,
  kind: 'team',
  department: 'cityManagement',
  gridId: 'G1',
  regionIds: ['G1', 'J1', 'E1', 'C'],
  location: { lon: 120.07, lat: 30.33 },
  status: 'available',
  openAssignments: 0,
  ...over,
});

const input = { location: { lon: 120.07, lat: 30.33 }, regionChain: chain, lead: 'cityManagement' as const, coHandlers: [], exclude: new Set<string>() };

describe('dispatch recommendation', () => {
  it('puts the near, free unit of the lead department first and says why', () => {
    const ranked = recommendUnits(
      [
        unit('far', { location: { lon: 120.11, lat: 30.36 }, regionIds: ['G9', 'J9', 'E9', 'C'] }),
        unit('near', {}),
        unit('busy', { status: 'busy', openAssignments: 2 }),
        unit('police', { department: 'police' }),
        unit('offline', { status: 'offline' }),
      ],
      input,
    );
    // A free unit a quarter of an hour away comes before one on the spot that is busy twice over.
    expect(ranked.map((r) => r.unitId)).toEqual(['near', 'police', 'far', 'busy']);
    expect(ranked[0]!.reasons).toEqual({ distanceMeters: 0, etaMinutes: 0, status: 'available', openAssignments: 0, region: 'grid', departmentMatch: true });
    expect(ranked[2]!.reasons.region).toBe('town');
    expect(ranked[2]!.reasons.distanceMeters).toBeGreaterThan(4_000);
  });

  it('does not recommend a unit already on the incident', () => {
    expect(recommendUnits([unit('a', {}), unit('b', {})], { ...input, exclude: new Set(['a']) }).map((r) => r.unitId)).toEqual(['b']);
  });

  it('names a lead department for every category', () => {
    expect(leadFor('foodSafety')).toBe('marketSupervision');
    expect(leadFor('unknown-category')).toBe('streetOffice');
  });
});
