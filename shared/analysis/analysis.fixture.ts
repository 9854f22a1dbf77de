// Hand-made fixtures shared by the analysis tests.
import type { IncidentFact, PlaceFact, RegionFact } from './facts';

export const REGIONS: RegionFact[] = [
  { id: 'C', name: '指挥圈', level: 'command', parentId: null },
  { id: 'G1', name: '网格一', level: 'grid', parentId: 'C' },
  { id: 'G2', name: '网格二', level: 'grid', parentId: 'C' },
];

export function fact(partial: Partial<IncidentFact> & Pick<IncidentFact, 'id' | 'createdAt'>): IncidentFact {
  return {
    state: 'closed',
    priority: 'P3',
    category: 'noise',
    gridId: 'G1',
    lon: 120.1,
    lat: 30.3,
    updatedAt: partial.createdAt,
    dispatchedAt: null,
    resolvedAt: null,
    closedAt: null,
    reopenCount: 0,
    rating: null,
    mergedInto: null,
    ...partial,
  };
}

export function place(id: string, gridId: string, safetyCode: PlaceFact['safetyCode'], inspections: string[]): PlaceFact {
  return { id, gridId, safetyCode, inspections };
}
