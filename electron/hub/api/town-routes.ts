// Handlers for the town's read endpoints (shared/protocol/town.ts). The region index is
// built once from the store's regions and rebuilt only when a new town is imported.
import { RegionIndex } from '../../../shared/geo/region-index';
import { maskPhone } from '../../../shared/privacy';
import { DEFAULT_TOWN_TIME_ZONE } from '../../../shared/time';
import type { ResponseOf } from '../../../shared/protocol/api';
import type { TownEndpointName } from '../../../shared/protocol/town';
import type { Region } from '../../../shared/town';
import type { StoreClient } from '../store/thread/client';
import type { RouteContext } from './route-context';
import { personalViewOf } from '../../../shared/permissions';

type TownHandlers = { [N in TownEndpointName]: (ctx: RouteContext<N>) => Promise<ResponseOf<N>> };

const ref = (r: Region) => ({ id: r.id, name: r.name, level: r.level, regionHead: r.regionHead });

export function townHandlers(store: StoreClient): TownHandlers {
  let index: Promise<RegionIndex> | undefined;
  store.onAppended((entries) => {
    if (entries.some((e) => e.type === 'town.imported')) index = undefined;
  });
  const regionIndex = () => (index ??= store.town.regions().then((regions) => new RegionIndex(regions)));

  return {
    town: async () => {
      const meta = await store.town.meta();
      const timeZone = meta?.timeZone ?? DEFAULT_TOWN_TIME_ZONE;
      return meta
        ? { imported: true, source: meta.source, datum: meta.datum, contentHash: meta.contentHash, importedAt: meta.importedAt, counts: meta.counts, timeZone }
        : { imported: false, source: null, datum: null, contentHash: null, importedAt: null, counts: null, timeZone };
    },
    townRegions: async ({ query }) => ({ items: await store.town.regions(query.level) }),
    townBasemap: async () => (await store.town.basemap()) ?? { boundary: [], roads: [], water: [], blocks: [], landmarks: [] },
    townCameras: async () => ({ items: await store.town.cameras() }),
    townPlaces: async () => ({ items: await store.town.places() }),
    townUnits: async ({ user }) => {
      const { officers, teams } = await store.town.units();
      // Officers' phones are the room's to call; a screen visitors see shows them masked.
      const masked = user && personalViewOf(user.role) === 'hidden' ? officers.map((o) => ({ ...o, phone: maskPhone(o.phone) ?? '' })) : officers;
      return { officers: masked, teams: teams.filter((t) => t.kind !== 'station'), stations: teams.filter((t) => t.kind === 'station') };
    },
    townLocate: async ({ query }) => {
      const found = (await regionIndex()).locate(query.lon, query.lat);
      return found ? { grid: ref(found.grid), ancestors: found.ancestors.map(ref) } : { grid: null, ancestors: [] };
    },
  };
}
