// The town as the engine needs it while deciding: which grid a point is in, the regions
// above a grid, and the units based in a region. Held in memory: it changes only on import.
import { regionChainOf, type RegionNode } from '../../../../shared/geo/chain';
import type { Unit } from '../../../../shared/units';

export type UnitBase = Omit<Unit, 'status' | 'openAssignments'>;

export interface TownLookup {
  gridAt(lon: number, lat: number): string | null;
  regionChain(gridId: string): Array<{ id: string; level: string }>;
  unit(id: string): UnitBase | null;
  units(): readonly UnitBase[];
  unitsInRegion(regionId: string): UnitBase[];
}

export class InMemoryTown implements TownLookup {
  private readonly unitById: Map<string, UnitBase>;
  private readonly regionById: Map<string, RegionNode>;

  constructor(
    regions: readonly RegionNode[],
    private readonly unitList: readonly UnitBase[],
    private readonly locate: (lon: number, lat: number) => string | null = () => null,
  ) {
    this.regionById = new Map(regions.map((r) => [r.id, r]));
    this.unitById = new Map(unitList.map((u) => [u.id, u]));
  }

  gridAt(lon: number, lat: number): string | null {
    return this.locate(lon, lat);
  }

  regionChain(gridId: string): Array<{ id: string; level: string }> {
    return regionChainOf(this.regionById, gridId);
  }

  unit(id: string): UnitBase | null {
    return this.unitById.get(id) ?? null;
  }

  units(): readonly UnitBase[] {
    return this.unitList;
  }

  unitsInRegion(regionId: string): UnitBase[] {
    return this.unitList.filter((u) => u.regionIds.includes(regionId));
  }
}

/** A room that has imported no town yet: no grids, no units. */
export const EMPTY_TOWN: TownLookup = new InMemoryTown([], []);
