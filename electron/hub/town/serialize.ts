// The town folder's files as text (FORMAT.md). One writer for export and for hashing, so
// the content hash of a town is the hash of exactly what `town --out` writes.
import { createHash } from 'node:crypto';
import { ADDRESS_COLUMNS, CAMERA_COLUMNS, OFFICER_COLUMNS, PLACE_COLUMNS, TEAM_COLUMNS } from '../../../shared/town-schemas';
import type { Town, TownCounts } from '../../../shared/town';
import { writeCsv } from './csv';

export const TOWN_FILES = ['regions.geojson', 'addresses.csv', 'places.csv', 'officers.csv', 'teams.csv', 'cameras.csv', 'basemap.geojson', 'town.json'] as const;
export type TownFile = (typeof TOWN_FILES)[number];
/** town.json is written only for a town that names its time zone or its administrative names, so older towns keep their bytes and hash. */
export type TownFiles = Record<Exclude<TownFile, 'town.json'>, string> & { 'town.json'?: string };

/** One feature per line: diffs stay readable and error reports can name a line. */
function featureCollection(features: unknown[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;
}

export function serializeTown(town: Town): TownFiles {
  const { basemap } = town;
  const files: TownFiles = {
    'regions.geojson': featureCollection(
      town.regions.map((r) => ({
        type: 'Feature',
        properties: { id: r.id, name: r.name, level: r.level, parentId: r.parentId, regionHead: r.regionHead },
        geometry: { type: 'Polygon', coordinates: r.polygon },
      })),
    ),
    'addresses.csv': writeCsv(
      ADDRESS_COLUMNS,
      town.addresses.map((a) => [a.id, a.text, a.road, a.number, a.building, a.unit, a.location.lon, a.location.lat, a.gridId]),
    ),
    'places.csv': writeCsv(
      PLACE_COLUMNS,
      town.places.map((p) => [
        p.id,
        p.kind,
        p.name,
        p.industry,
        p.size,
        p.contactName,
        p.contactPhone,
        p.addressId,
        p.location.lon,
        p.location.lat,
        p.gridId,
        p.safetyCode,
        p.inspections.map((i) => `${i.date}:${i.result}`).join(';'),
      ]),
    ),
    'officers.csv': writeCsv(
      OFFICER_COLUMNS,
      town.officers.map((o) => [o.id, o.name, o.kind, o.department, o.teamId, o.gridId, o.phone, o.home.lon, o.home.lat, o.rosterSlot]),
    ),
    'teams.csv': writeCsv(
      TEAM_COLUMNS,
      town.teams.map((t) => [t.id, t.name, t.kind, t.department, t.regionId, t.base.lon, t.base.lat]),
    ),
    'cameras.csv': writeCsv(
      CAMERA_COLUMNS,
      town.cameras.map((c) => [c.id, c.name, c.kind, c.heading, c.gridId, c.streamUrl, c.location.lon, c.location.lat]),
    ),
    'basemap.geojson': featureCollection([
      { type: 'Feature', properties: { layer: 'boundary' }, geometry: { type: 'Polygon', coordinates: basemap.boundary } },
      ...basemap.roads.map((r) => ({ type: 'Feature', properties: { layer: 'road', name: r.name, kind: r.kind }, geometry: { type: 'LineString', coordinates: r.path } })),
      ...basemap.water.map((w) => ({
        type: 'Feature',
        properties: { layer: 'water', name: w.name, kind: w.kind, width: w.width },
        geometry: { type: 'LineString', coordinates: w.path },
      })),
      ...basemap.blocks.map((b) => ({ type: 'Feature', properties: { layer: 'block' }, geometry: { type: 'Polygon', coordinates: b.polygon } })),
      ...basemap.landmarks.map((l) => ({ type: 'Feature', properties: { layer: 'landmark', name: l.name }, geometry: { type: 'Point', coordinates: [l.location.lon, l.location.lat] } })),
    ]),
  };
  if (town.timeZone !== undefined || town.admin !== undefined) files['town.json'] = `${JSON.stringify({ timeZone: town.timeZone, admin: town.admin })}\n`;
  return files;
}

/** SHA-256 over every file present, in a fixed order: same content, same hash, whatever its source. */
export function townContentHash(town: Town, files: TownFiles = serializeTown(town)): string {
  const hash = createHash('sha256');
  for (const name of TOWN_FILES) {
    const text = files[name];
    if (text !== undefined) hash.update(`${name}\n${text.length}\n`).update(text);
  }
  return hash.digest('hex');
}

export function townCounts(town: Town): TownCounts {
  return {
    regions: town.regions.length,
    addresses: town.addresses.length,
    places: town.places.length,
    officers: town.officers.length,
    teams: town.teams.length,
    cameras: town.cameras.length,
  };
}
