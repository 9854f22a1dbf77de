// What the read models read besides their own tables: the clock, the projections' lookups
// (incidents, config, handover sheets, the analysis) and the town the engine decides with.
import type { RoadGraph } from '../../../../shared/geo/roads';
import type { Projections } from '../write/projections';
import type { Db } from '../sqlite';
import type { TownLookup } from './town-lookup';

/** The town in force: swapped after an import, so the read models and the write path share one. */
export interface TownInUse {
  lookup: TownLookup;
  /** Built once per imported town, so recommendations rank units by road distance. */
  roads: RoadGraph | null;
  /** The town's administrative names as addresses start with them (shared/geo/address.ts adminPrefixes). */
  addressPrefixes: readonly string[];
}

export interface ReadContext {
  readonly db: Db;
  readonly clock: () => Date;
  readonly projections: Pick<Projections, 'incident' | 'config' | 'handover' | 'analysis'>;
  readonly town: TownInUse;
}
