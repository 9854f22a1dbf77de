// Handlers for the town's read endpoints (shared/protocol/town.ts). The region index is
// built once from the store's regions and rebuilt only when a new town is imported.
import { RegionIndex } from '../../../shared/geo/region-index';
import { maskPhone } from '../../../shared/privacy';
import { DEFAULT_TOWN_TIME_ZONE } from '../../../shared/time';
import type { ResponseOf } from '../../../shared/protocol/api';
import type { TownEndpointName } from '../../../shared/protocol/town';
import type { Region } from '../../../shared/town';
import type { StoreClient } from '../store/client';
import type { RouteContext } from './route-context';
import { personalViewOf } from '../../../shared/permissions';

type TownHandlers = { [N in TownEndpointName]: (ctx: RouteContext<N>) => Promise<ResponseOf<N>> };

const ref = (r: Region) => ({ id: r.id, name: r.name, level: r.level, regionHead: r.regionHead });

export function townHandlers(store: StoreClient): TownHandlers {
  let index: Promise<RegionIndex> | undefined;
  store.onAppended((entries) => {
    if (entries.some((e) => e.type === 'town.imported')) index = undefined;
  });
  const regionIndex = () => (index ??= store.townRegions().then((regions) => new RegionIndex(regions)));

  return {
    town: async () => {
      const meta = await store.townMeta();
      const timeZone = meta?.timeZone ?? DEFAULT_TOWN_TIME_ZONE;
      return meta
        ? { imported: true, source: meta.source, datum: meta.datum, contentHash: meta.contentHash, importedAt: meta.importedAt, counts: meta.counts, timeZone }
        : { imported: false, source: null, datum: null, contentHash: null, importedAt: null, counts: null, timeZone };
    },
    townRegions: async ({ query }) => ({ items: await store.townRegions(query.level) }),
    townBasemap: async () => (await store.townBasemap()) ?? { boundary: [], roads: [], water: [], blocks: [], landmarks: [] },
    townCameras: async () => ({ items: await store.townCameras() }),
    townPlaces: async () => ({ items: await store.townPlaces() }),
    townUnits: async ({ user }) => {
      const { officers, teams } = await store.townUnits();
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
