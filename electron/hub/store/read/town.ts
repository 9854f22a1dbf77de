// Read model: the town's reference data as imported (regions, addresses, places, units,
// cameras, the base map and its meta), and the town as the engine needs it (townLookup).
import type { Datum } from '../../../../shared/geo/datum';
import { RegionIndex } from '../../../../shared/geo/region-index';
import { addressOf, teamKindOf, type Address, type AddressColumns, type BaseMap, type Camera, type Officer, type Place, type Region, type RegionLevel, type Team, type Town, type TownAdmin, type TownCounts } from '../../../../shared/town';
import { TownAdminSchema } from '../../../../shared/town-schemas';
import type { Db } from '../sqlite';
import { InMemoryTown, type TownLookup, type UnitBase } from './town-lookup';

export type TownReadModel = ReturnType<typeof townReadModel>;

export interface TownMeta {
  source: string;
  datum: Datum;
  contentHash: string;
  counts: TownCounts;
  importedSeq: number;
  importedAt: string;
  /** The IANA time zone the town's town.json names; null when it names none. */
  timeZone: string | null;
  /** The administrative names the town's town.json gives; null when it gives none. */
  admin: TownAdmin | null;
}

/** An address as the simulator places reports: its text, road and number, and position. */
/** Every address row in the shape the town's files and the geocoder share (AddressColumns), in import order. */
export const SELECT_ADDRESS_COLUMNS = 'SELECT id, text, road, number, building, unit, lon, lat, grid_id AS gridId FROM addresses ORDER BY rowid';

export type AddressSummary = Pick<AddressColumns, 'text' | 'road' | 'number' | 'lon' | 'lat'>;

/** What the map needs of every place: 11,000 of them go to each window at once. */
export interface PlaceSummary {
  id: string;
  kind: Place['kind'];
  name: string;
  lon: number;
  lat: number;
  safetyCode: Place['safetyCode'];
  gridId: string;
}

interface RegionRow {
  id: string;
  name: string;
  level: RegionLevel;
  parent_id: string | null;
  region_head: string | null;
  polygon: string;
}
interface PlaceRow {
  id: string;
  kind: Place['kind'];
  name: string;
  industry: string;
  size: Place['size'];
  contact_name: string;
  contact_phone: string;
  address_id: string | null;
  lon: number;
  lat: number;
  grid_id: string;
  safety_code: Place['safetyCode'];
  inspections: string;
}
interface OfficerRow {
  id: string;
  name: string;
  kind: Officer['kind'];
  department: Officer['department'];
  team_id: string | null;
  grid_id: string;
  phone: string;
  lon: number;
  lat: number;
  roster_slot: number | null;
}
interface TeamRow {
  id: string;
  name: string;
  /** A TeamKind, or `jointEnforcement` in a town imported before the one vocabulary. */
  kind: string;
  department: Team['department'];
  region_id: string;
  lon: number;
  lat: number;
}
interface CameraRow {
  id: string;
  name: string;
  kind: Camera['kind'];
  heading: number | null;
  grid_id: string;
  stream_url: string;
  lon: number;
  lat: number;
}
export interface MetaRow {
  source: string;
  datum: Datum;
  content_hash: string;
  counts: string;
  imported_seq: number;
  imported_at: string;
  time_zone: string | null;
  admin: string | null;
}

const toRegion = (r: RegionRow): Region => ({ id: r.id, name: r.name, level: r.level, parentId: r.parent_id, regionHead: r.region_head, polygon: JSON.parse(r.polygon) as Region['polygon'] });
const toOfficer = (r: OfficerRow): Officer => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  department: r.department,
  teamId: r.team_id,
  gridId: r.grid_id,
  phone: r.phone,
  home: { lon: r.lon, lat: r.lat },
  rosterSlot: r.roster_slot,
});
const toTeam = (r: TeamRow): Team => ({ id: r.id, name: r.name, kind: teamKindOf(r.kind) ?? 'team', department: r.department, regionId: r.region_id, base: { lon: r.lon, lat: r.lat } });
const toCamera = (r: CameraRow): Camera => ({ id: r.id, name: r.name, kind: r.kind, location: { lon: r.lon, lat: r.lat }, heading: r.heading, gridId: r.grid_id, streamUrl: r.stream_url });


export function townReadModel(db: Db) {
  const s = {
    meta: db.prepare<[], MetaRow>('SELECT * FROM town_meta WHERE id = 1'),
    regions: db.prepare<[], RegionRow>('SELECT * FROM regions ORDER BY rowid'),
    regionsAt: db.prepare<[string], RegionRow>('SELECT * FROM regions WHERE level = ? ORDER BY rowid'),
    addresses: db.prepare<[], AddressColumns>(SELECT_ADDRESS_COLUMNS),
    places: db.prepare<[], PlaceRow>('SELECT * FROM places ORDER BY rowid'),
    addressSummaries: db.prepare<[], AddressSummary>('SELECT text, road, number, lon, lat FROM addresses ORDER BY rowid'),
    placeSummaries: db.prepare<[], PlaceSummary>('SELECT id, kind, name, lon, lat, safety_code AS safetyCode, grid_id AS gridId FROM places ORDER BY rowid'),
    officers: db.prepare<[], OfficerRow>('SELECT * FROM officers ORDER BY rowid'),
    teams: db.prepare<[], TeamRow>('SELECT * FROM teams ORDER BY rowid'),
    cameras: db.prepare<[], CameraRow>('SELECT * FROM cameras ORDER BY rowid'),
    basemap: db.prepare<[], { json: string }>('SELECT json FROM basemap WHERE id = 1'),
  };

  const meta = (): TownMeta | null => {
    const row = s.meta.get();
    if (!row) return null;
    return {
      source: row.source,
      datum: row.datum,
      contentHash: row.content_hash,
      counts: JSON.parse(row.counts) as TownCounts,
      importedSeq: row.imported_seq,
      importedAt: row.imported_at,
      timeZone: row.time_zone,
      admin: row.admin === null ? null : TownAdminSchema.parse(JSON.parse(row.admin)),
    };
  };
  const regions = (level?: RegionLevel): Region[] => (level ? s.regionsAt.all(level) : s.regions.all()).map(toRegion);
  const basemap = (): BaseMap | null => {
    const row = s.basemap.get();
    return row ? (JSON.parse(row.json) as BaseMap) : null;
  };
  const cameras = (): Camera[] => s.cameras.all().map(toCamera);
  const units = (): { officers: Officer[]; teams: Team[] } => ({ officers: s.officers.all().map(toOfficer), teams: s.teams.all().map(toTeam) });

  return {
    /** Null until a town is imported. */
    meta,
    regions,
    basemap,
    cameras,

    /** The address database in brief (text, road, number, position), e.g. for the simulator. */
    addresses(): AddressSummary[] {
      return s.addressSummaries.all();
    },

    places(): PlaceSummary[] {
      return s.placeSummaries.all();
    },

    units,

    /** The whole town as imported, for `dutydeck export` and round-trip checks; null before an import. */
    export(): Town | null {
      const map = basemap();
      if (!map) return null;
      const addresses: Address[] = s.addresses.all().map(addressOf);
      const places: Place[] = s.places.all().map((r) => ({
        id: r.id,
        kind: r.kind,
        name: r.name,
        industry: r.industry,
        size: r.size,
        contactName: r.contact_name,
        contactPhone: r.contact_phone,
        addressId: r.address_id,
        location: { lon: r.lon, lat: r.lat },
        gridId: r.grid_id,
        safetyCode: r.safety_code,
        inspections: JSON.parse(r.inspections) as Place['inspections'],
      }));
      const { officers, teams } = units();
      const town: Town = { regions: regions(), addresses, places, officers, teams, cameras: cameras(), basemap: map };
      const { timeZone = null, admin = null } = meta() ?? {};
      if (timeZone !== null) town.timeZone = timeZone;
      if (admin !== null) town.admin = admin;
      return town;
    },
  };
}

/**
 * The engine's view of the town: grid lookup, region chains, and what can be dispatched
 * (teams, stations, grid workers). Null until a town is imported.
 */
export function townLookup(town: Pick<TownReadModel, 'regions' | 'units'>): TownLookup | null {
  const regions = town.regions();
  if (!regions.length) return null;
  const index = new RegionIndex(regions);
  const chainOf = (gridId: string) => {
    const found = index.region(gridId);
    const ids = [gridId];
    let parent = found?.parentId ? index.region(found.parentId) : undefined;
    while (parent && ids.length < 8) {
      ids.push(parent.id);
      parent = parent.parentId ? index.region(parent.parentId) : undefined;
    }
    return ids;
  };
  const { officers, teams } = town.units();
  const units: UnitBase[] = [];
  for (const t of teams) {
    const gridId = index.gridAt(t.base.lon, t.base.lat)?.id;
    if (!gridId) continue;
    units.push({ id: t.id, name: t.name, kind: t.kind, department: t.department, gridId, regionIds: chainOf(gridId), location: t.base });
  }
  for (const o of officers) {
    if (o.kind !== 'gridWorker') continue;
    units.push({ id: o.id, name: `网格员 ${o.name}`, kind: 'gridWorker', department: o.department, gridId: o.gridId, regionIds: chainOf(o.gridId), location: o.home });
  }
  return new InMemoryTown(regions, units, (lon, lat) => index.gridAt(lon, lat)?.id ?? null);
}
