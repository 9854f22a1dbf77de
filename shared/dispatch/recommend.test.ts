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
    // The lead department first; within it a free unit a quarter of an hour away comes before
    // one on the spot that is busy twice over; another department last, however near.
    expect(ranked.map((r) => r.unitId)).toEqual(['near', 'far', 'busy', 'police']);
    expect(ranked[0]!.reasons).toEqual({ distanceMeters: 0, etaMinutes: 0, status: 'available', openAssignments: 0, region: 'grid', departmentMatch: true, departmentFit: 'lead', department: 'cityManagement' });
    expect(ranked[3]!.reasons).toMatchObject({ departmentMatch: false, departmentFit: 'other', department: 'police' });
    // The mismatch costs in the score shown, not only in the order.
    expect(ranked[3]!.score).toBeLessThan(ranked[0]!.score / 2);
    expect(ranked[1]!.reasons.region).toBe('town');
    expect(ranked[1]!.reasons.distanceMeters).toBeGreaterThan(4_000);
  });

  it('ranks the lead department, then the co-handlers; grid workers lead only what the grid service handles', () => {
    const workers = [1, 2, 3, 4, 5].map((n) => unit(`W${n}`, { kind: 'gridWorker', department: 'gridService' }));
    const team = unit('CM', { location: { lon: 120.09, lat: 30.34 }, regionIds: ['G9', 'J1', 'E1', 'C'] });
    const police = unit('P', { department: 'police', location: { lon: 120.08, lat: 30.335 } });
    // 建议主办 城管: the city management team first though the five grid workers stand on the spot.
    const vending = recommendUnits([...workers, team, police], { ...input, coHandlers: ['police'] });
    expect(vending.map((r) => r.unitId)).toEqual(['CM', 'P', 'W1', 'W2', 'W3', 'W4', 'W5']);
    expect(vending.map((r) => r.reasons.departmentFit)).toEqual(['lead', 'coHandler', 'other', 'other', 'other', 'other', 'other']);
    // A neighbours' dispute the grid service leads: the grid workers first.
    const dispute = recommendUnits([...workers, team], { ...input, lead: 'gridService' });
    expect(dispute[0]!.reasons.departmentFit).toBe('lead');
    expect(dispute.at(-1)!.unitId).toBe('CM');
  });

  it('does not recommend a unit already on the incident', () => {
    expect(recommendUnits([unit('a', {}), unit('b', {})], { ...input, exclude: new Set(['a']) }).map((r) => r.unitId)).toEqual(['b']);
  });

  it('names a lead department for every category', () => {
    expect(leadFor('foodSafety')).toBe('marketSupervision');
    expect(leadFor('unknown-category')).toBe('streetOffice');
  });
});
