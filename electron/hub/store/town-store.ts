// The town's reference data in SQLite. An import replaces every row and journals one
// `town.imported` entry in the same transaction: either the new town and its entry land
// together, or nothing changes. Importing the same content again (same hash) is a no-op.
import type { EntryPayload, JournalEntry } from '../../../shared/journal/catalog';
import type { Datum } from '../../../shared/geo/datum';
import { RegionIndex } from '../../../shared/geo/region-index';
import { teamKindOf, type Address, type BaseMap, type Camera, type Officer, type Place, type Region, type RegionLevel, type Team, type Town, type TownCounts } from '../../../shared/town';
import type { Actor } from '../engine/actor';
import { townContentHash, townCounts } from '../town/serialize';
import type { Db } from './sqlite';
import type { Journal } from './journal';
import type { Projections } from './projections';
import { InMemoryTown, type TownLookup, type UnitBase } from './town-lookup';
import { TOWN_TABLES } from './migrations/002-town';

export interface TownMeta {
  source: string;
  datum: Datum;
  contentHash: string;
  counts: TownCounts;
  importedSeq: number;
  importedAt: string;
  /** The IANA time zone the town's town.json names; null when it names none. */
  timeZone: string | null;
}

/** The payload of a `town.imported` entry (shared/journal/catalog.ts). */
export type TownImported = EntryPayload<'town.imported'>;

export interface TownImportOutcome {
  /** False when this exact town was in force already: nothing was written. */
  changed: boolean;
  contentHash: string;
  counts: TownCounts;
  entry: JournalEntry | null;
}

/** An address as the simulator places reports: its text, road and number, and position. */
export interface AddressSummary {
  text: string;
  road: string;
  number: number;
  lon: number;
  lat: number;
}

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
interface AddressRow {
  id: string;
  text: string;
  road: string;
  number: number;
  building: number | null;
  unit: number | null;
  lon: number;
  lat: number;
  grid_id: string;
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
interface MetaRow {
  source: string;
  datum: Datum;
  content_hash: string;
  counts: string;
  imported_seq: number;
  imported_at: string;
  time_zone: string | null;
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


export class TownStore {
  private readonly s;

  constructor(
    private readonly db: Db,
    private readonly journal: Journal,
    private readonly projections: Projections,
    private readonly clock: () => Date,
  ) {
    this.s = {
      meta: db.prepare<[], MetaRow>('SELECT * FROM town_meta WHERE id = 1'),
      putMeta: db.prepare(
        `INSERT INTO town_meta (id, source, datum, content_hash, counts, imported_seq, imported_at, time_zone) VALUES (1, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(id) DO UPDATE SET source = excluded.source, datum = excluded.datum, content_hash = excluded.content_hash,
           counts = excluded.counts, imported_seq = excluded.imported_seq, imported_at = excluded.imported_at, time_zone = excluded.time_zone`,
      ),
      putRegion: db.prepare('INSERT INTO regions (id, name, level, parent_id, region_head, polygon) VALUES (?, ?, ?, ?, ?, ?)'),
      putAddress: db.prepare('INSERT INTO addresses (id, text, road, number, building, unit, lon, lat, grid_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      putPlace: db.prepare(
        'INSERT INTO places (id, kind, name, industry, size, contact_name, contact_phone, address_id, lon, lat, grid_id, safety_code, inspections) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      putOfficer: db.prepare('INSERT INTO officers (id, name, kind, department, team_id, grid_id, phone, lon, lat, roster_slot) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'),
      putTeam: db.prepare('INSERT INTO teams (id, name, kind, department, region_id, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      putCamera: db.prepare('INSERT INTO cameras (id, name, kind, heading, grid_id, stream_url, lon, lat) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      putBasemap: db.prepare('INSERT INTO basemap (id, json) VALUES (1, ?)'),
      regions: db.prepare<[], RegionRow>('SELECT * FROM regions ORDER BY rowid'),
      regionsAt: db.prepare<[string], RegionRow>('SELECT * FROM regions WHERE level = ? ORDER BY rowid'),
      addresses: db.prepare<[], AddressRow>('SELECT * FROM addresses ORDER BY rowid'),
      places: db.prepare<[], PlaceRow>('SELECT * FROM places ORDER BY rowid'),
      addressSummaries: db.prepare<[], AddressSummary>('SELECT text, road, number, lon, lat FROM addresses ORDER BY rowid'),
      placeSummaries: db.prepare<[], PlaceSummary>('SELECT id, kind, name, lon, lat, safety_code AS safetyCode, grid_id AS gridId FROM places ORDER BY rowid'),
      officers: db.prepare<[], OfficerRow>('SELECT * FROM officers ORDER BY rowid'),
      teams: db.prepare<[], TeamRow>('SELECT * FROM teams ORDER BY rowid'),
      cameras: db.prepare<[], CameraRow>('SELECT * FROM cameras ORDER BY rowid'),
      basemap: db.prepare<[], { json: string }>('SELECT json FROM basemap WHERE id = 1'),
    };
  }

  meta(): TownMeta | null {
    const row = this.s.meta.get();
    if (!row) return null;
    return {
      source: row.source,
      datum: row.datum,
      contentHash: row.content_hash,
      counts: JSON.parse(row.counts) as TownCounts,
      importedSeq: row.imported_seq,
      importedAt: row.imported_at,
      timeZone: row.time_zone,
    };
  }

  /** Replaces the town, all or nothing; `town` must already have passed checkTown. */
  import(town: Town, source: string, datum: Datum, by: Actor): TownImportOutcome {
    const contentHash = townContentHash(town);
    const counts = townCounts(town);
    if (this.meta()?.contentHash === contentHash) return { changed: false, contentHash, counts, entry: null };
    try {
      return this.db.transaction(() => {
        this.writeTables(town);
        const s = this.s;
        const payload: TownImported = { source, datum, contentHash, counts };
        const time = this.clock().toISOString();
        const entry = this.journal.append({ time, actor: by.userId, role: by.role, type: 'town.imported', payload });
        this.projections.apply(entry);
        s.putMeta.run(source, datum, contentHash, JSON.stringify(counts), entry.seq, time, town.timeZone ?? null);
        return { changed: true, contentHash, counts, entry };
      })();
    } finally {
      this.journal.forgetHead();
    }
  }

  /** The town's rows, replaced whole; inside the caller's transaction. */
  private writeTables(town: Town): void {
    for (const table of TOWN_TABLES) this.db.prepare(`DELETE FROM ${table}`).run();
    const s = this.s;
    for (const r of town.regions) s.putRegion.run(r.id, r.name, r.level, r.parentId, r.regionHead, JSON.stringify(r.polygon));
    for (const a of town.addresses) s.putAddress.run(a.id, a.text, a.road, a.number, a.building, a.unit, a.location.lon, a.location.lat, a.gridId);
    for (const p of town.places) {
      s.putPlace.run(p.id, p.kind, p.name, p.industry, p.size, p.contactName, p.contactPhone, p.addressId, p.location.lon, p.location.lat, p.gridId, p.safetyCode, JSON.stringify(p.inspections));
    }
    for (const t of town.teams) s.putTeam.run(t.id, t.name, t.kind, t.department, t.regionId, t.base.lon, t.base.lat);
    for (const o of town.officers) s.putOfficer.run(o.id, o.name, o.kind, o.department, o.teamId, o.gridId, o.phone, o.home.lon, o.home.lat, o.rosterSlot);
    for (const c of town.cameras) s.putCamera.run(c.id, c.name, c.kind, c.heading, c.gridId, c.streamUrl, c.location.lon, c.location.lat);
    s.putBasemap.run(JSON.stringify(town.basemap));
  }

  /**
   * A replica's copy of its primary's town: the same rows and meta, no journal entry (the
   * primary's `town.imported` entry arrives through replication). The caller checked the hash.
   */
  replicate(town: Town, meta: TownMeta): void {
    this.db.transaction(() => {
      this.writeTables(town);
      this.s.putMeta.run(meta.source, meta.datum, meta.contentHash, JSON.stringify(meta.counts), meta.importedSeq, meta.importedAt, town.timeZone ?? null);
    })();
  }

  regions(level?: RegionLevel): Region[] {
    return (level ? this.s.regionsAt.all(level) : this.s.regions.all()).map(toRegion);
  }

  basemap(): BaseMap | null {
    const row = this.s.basemap.get();
    return row ? (JSON.parse(row.json) as BaseMap) : null;
  }

  cameras(): Camera[] {
    return this.s.cameras.all().map(toCamera);
  }

  addressSummaries(): AddressSummary[] {
    return this.s.addressSummaries.all();
  }

  placeSummaries(): PlaceSummary[] {
    return this.s.placeSummaries.all();
  }

  units(): { officers: Officer[]; teams: Team[] } {
    return { officers: this.s.officers.all().map(toOfficer), teams: this.s.teams.all().map(toTeam) };
  }

  /**
   * The engine's view of the town: grid lookup, region chains, and what can be dispatched
   * (teams, stations, grid workers). Null until a town is imported.
   */
  lookup(): TownLookup | null {
    const regions = this.regions();
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
    const { officers, teams } = this.units();
    const units: UnitBase[] = [];
    for (const t of teams) {
      const gridId = index.gridAt(t.base.lon, t.base.lat)?.id;
      if (!gridId) continue;
      units.push({ id: t.id, name: t.name, kind: t.kind === 'station' ? 'station' : 'team', department: t.department, gridId, regionIds: chainOf(gridId), location: t.base });
    }
    for (const o of officers) {
      if (o.kind !== 'gridWorker') continue;
      units.push({ id: o.id, name: `网格员 ${o.name}`, kind: 'gridWorker', department: o.department, gridId: o.gridId, regionIds: chainOf(o.gridId), location: o.home });
    }
    return new InMemoryTown(regions, units, (lon, lat) => index.gridAt(lon, lat)?.id ?? null);
  }

  /** The whole town as imported, for `dutydeck export` and round-trip checks. */
  export(): Town | null {
    const basemap = this.basemap();
    if (!basemap) return null;
    const addresses: Address[] = this.s.addresses.all().map((r) => ({
      id: r.id,
      text: r.text,
      road: r.road,
      number: r.number,
      building: r.building,
      unit: r.unit,
      location: { lon: r.lon, lat: r.lat },
      gridId: r.grid_id,
    }));
    const places: Place[] = this.s.places.all().map((r) => ({
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
    const { officers, teams } = this.units();
    const town: Town = { regions: this.regions(), addresses, places, officers, teams, cameras: this.cameras(), basemap };
    const timeZone = this.meta()?.timeZone ?? null;
    if (timeZone !== null) town.timeZone = timeZone;
    return town;
  }
}
