// The town's reference data as it changes. An import replaces every row and journals one
// `town.imported` entry in the same transaction: either the new town and its entry land
// together, or nothing changes. Importing the same content again (same hash) is a no-op.
import type { EntryPayload, JournalEntry } from '../../../../shared/journal/catalog';
import type { Datum } from '../../../../shared/geo/datum';
import type { Town, TownCounts } from '../../../../shared/town';
import type { Actor } from '../../engine/actor';
import { townContentHash, townCounts } from '../../town/serialize';
import { TOWN_TABLES } from '../migrations/002-town';
import type { TownMeta } from '../read/town';
import type { Writer } from './writer';

/** The payload of a `town.imported` entry (shared/journal/catalog.ts). */
export type TownImported = EntryPayload<'town.imported'>;

export interface TownImportOutcome {
  /** False when this exact town was in force already: nothing was written. */
  changed: boolean;
  contentHash: string;
  counts: TownCounts;
  entry: JournalEntry | null;
}

const adminJson = (town: Town): string | null => (town.admin ? JSON.stringify(town.admin) : null);

export function townWrites(writer: Writer, meta: () => TownMeta | null) {
  const { db, clock } = writer;
  const s = {
    putMeta: db.prepare(
      `INSERT INTO town_meta (id, source, datum, content_hash, counts, imported_seq, imported_at, time_zone, admin) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET source = excluded.source, datum = excluded.datum, content_hash = excluded.content_hash,
         counts = excluded.counts, imported_seq = excluded.imported_seq, imported_at = excluded.imported_at, time_zone = excluded.time_zone,
         admin = excluded.admin`,
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
  };

  /** The town's rows, replaced whole; inside the caller's transaction. */
  const writeTables = (town: Town): void => {
    for (const table of TOWN_TABLES) db.prepare(`DELETE FROM ${table}`).run();
    for (const r of town.regions) s.putRegion.run(r.id, r.name, r.level, r.parentId, r.regionHead, JSON.stringify(r.polygon));
    for (const a of town.addresses) s.putAddress.run(a.id, a.text, a.road, a.number, a.building, a.unit, a.location.lon, a.location.lat, a.gridId);
    for (const p of town.places) {
      s.putPlace.run(p.id, p.kind, p.name, p.industry, p.size, p.contactName, p.contactPhone, p.addressId, p.location.lon, p.location.lat, p.gridId, p.safetyCode, JSON.stringify(p.inspections));
    }
    for (const t of town.teams) s.putTeam.run(t.id, t.name, t.kind, t.department, t.regionId, t.base.lon, t.base.lat);
    for (const o of town.officers) s.putOfficer.run(o.id, o.name, o.kind, o.department, o.teamId, o.gridId, o.phone, o.home.lon, o.home.lat, o.rosterSlot);
    for (const c of town.cameras) s.putCamera.run(c.id, c.name, c.kind, c.heading, c.gridId, c.streamUrl, c.location.lon, c.location.lat);
    s.putBasemap.run(JSON.stringify(town.basemap));
  };

  return {
    /** Replaces the town, all or nothing; `town` must already have passed checkTown. */
    import(town: Town, source: string, datum: Datum, by: Actor): TownImportOutcome {
      const contentHash = townContentHash(town);
      const counts = townCounts(town);
      if (meta()?.contentHash === contentHash) return { changed: false, contentHash, counts, entry: null };
      return writer.transaction(() => {
        writeTables(town);
        const payload: TownImported = { source, datum, contentHash, counts };
        const time = clock().toISOString();
        const entry = writer.append({ time, actor: by.userId, role: by.role, type: 'town.imported', payload });
        s.putMeta.run(source, datum, contentHash, JSON.stringify(counts), entry.seq, time, town.timeZone ?? null, adminJson(town));
        return { changed: true, contentHash, counts, entry };
      });
    },

    /**
     * A replica's copy of its primary's town: the same rows and meta, no journal entry (the
     * primary's `town.imported` entry arrives through replication). The caller checked the hash.
     */
    replicate(town: Town, copied: TownMeta): void {
      writer.transaction(() => {
        writeTables(town);
        s.putMeta.run(copied.source, copied.datum, copied.contentHash, JSON.stringify(copied.counts), copied.importedSeq, copied.importedAt, town.timeZone ?? null, adminJson(town));
      });
    },
  };
}
