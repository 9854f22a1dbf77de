import { beforeAll, describe, expect, it } from 'vitest';
import { fromWgs84, type Datum } from '../../../shared/geo/datum';
import type { Polygon, Town } from '../../../shared/town';
import { Store } from '../store/store';
import { testStores } from '../store/store.fixture';
import { readTownFiles } from './folder';
import { generateTown } from './generate';
import { serializeTown, townContentHash, type TownFile, type TownFiles } from './serialize';

// A smaller town than the demo's keeps these tests quick; the format is the same.
let town: Town;
let files: TownFiles;
const system = { userId: 'system', role: 'system' } as const;

beforeAll(() => {
  town = generateTown(1, { addresses: 3000, enterprises: 400, sites: 20 });
  files = serializeTown(town);
});

const openStore = testStores('town', { closeAfter: 'all' });

/** The files with one line of one file replaced. */
function withLine(file: Exclude<TownFile, 'town.json'>, line: number, edit: (text: string) => string): TownFiles {
  const lines = files[file].split('\n');
  lines[line - 1] = edit(lines[line - 1]!);
  return { ...files, [file]: lines.join('\n') };
}

function issuesOf(input: Partial<Record<TownFile, string>>, datum: Datum = 'wgs84') {
  const result = readTownFiles(input, datum);
  if (result.ok) throw new Error('expected the import to be refused');
  return result.issues;
}

const mapTown = (t: Town, f: (lon: number, lat: number) => [number, number]): Town => {
  const p = (x: { lon: number; lat: number }) => {
    const [lon, lat] = f(x.lon, x.lat);
    return { lon, lat };
  };
  const poly = (polygon: Polygon): Polygon => polygon.map((ring) => ring.map(([x, y]) => f(x, y)));
  return {
    regions: t.regions.map((r) => ({ ...r, polygon: poly(r.polygon) })),
    addresses: t.addresses.map((a) => ({ ...a, location: p(a.location) })),
    places: t.places.map((x) => ({ ...x, location: p(x.location) })),
    officers: t.officers.map((o) => ({ ...o, home: p(o.home) })),
    teams: t.teams.map((x) => ({ ...x, base: p(x.base) })),
    cameras: t.cameras.map((c) => ({ ...c, location: p(c.location) })),
    basemap: {
      boundary: poly(t.basemap.boundary),
      roads: t.basemap.roads.map((r) => ({ ...r, path: r.path.map(([x, y]) => f(x, y)) })),
      water: t.basemap.water.map((w) => ({ ...w, path: w.path.map(([x, y]) => f(x, y)) })),
      blocks: t.basemap.blocks.map((b) => ({ polygon: poly(b.polygon) })),
      landmarks: t.basemap.landmarks.map((l) => ({ ...l, location: p(l.location) })),
    },
  };
};

describe('town import', () => {
  it('round-trips: town → folder → import → export gives the same files', () => {
    const read = readTownFiles(files, 'wgs84');
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.contentHash).toBe(townContentHash(town));
    const store = openStore();
    const outcome = store.write.importTown(read.town, 'test', 'wgs84', system);
    expect(outcome).toMatchObject({ changed: true, counts: { regions: 174, addresses: 3000, places: 420 } });
    expect(outcome.entry).toMatchObject({ type: 'town.imported', payload: { source: 'test', datum: 'wgs84', contentHash: read.contentHash } });
    expect(serializeTown(store.town.export()!)).toEqual(files);
    expect(store.town.regions('grid')).toHaveLength(125);
    expect(store.town.places()[0]).toEqual({ id: 'P00001', kind: 'enterprise', name: town.places[0]!.name, lon: town.places[0]!.location.lon, lat: town.places[0]!.location.lat, safetyCode: town.places[0]!.safetyCode, gridId: town.places[0]!.gridId });
    expect(store.journal.verify()).toBeNull();
  });

  it('is idempotent: the same content again changes nothing and journals nothing', () => {
    const store = openStore();
    store.write.importTown(town, 'first', 'wgs84', system);
    const seq = store.journal.seq();
    const again = store.write.importTown(structuredClone(town), 'second', 'wgs84', system);
    expect(again).toMatchObject({ changed: false, entry: null });
    expect(store.journal.seq()).toBe(seq);
    expect(store.town.meta()?.source).toBe('first');
  });

  it('changes nothing when writing the rows fails part way', () => {
    const store = openStore();
    store.write.importTown(town, 'good', 'wgs84', system);
    const seq = store.journal.seq();
    const broken = { ...town, addresses: [...town.addresses, town.addresses[0]!] };
    expect(() => store.write.importTown(broken, 'broken', 'wgs84', system)).toThrow();
    expect(store.journal.seq()).toBe(seq);
    expect(store.town.meta()?.source).toBe('good');
    expect(store.town.export()!.addresses).toHaveLength(3000);
  });

  it('converts GCJ-02 and BD-09 input to WGS-84', () => {
    for (const datum of ['gcj02', 'bd09'] as const) {
      const shifted = mapTown(town, (lon, lat) => {
        const [x, y] = fromWgs84(datum, lon, lat);
        return [Math.round(x * 1e8) / 1e8, Math.round(y * 1e8) / 1e8];
      });
      // The shift is hundreds of metres: read as WGS-84 it would be a different place.
      expect(Math.abs(shifted.addresses[0]!.location.lon - town.addresses[0]!.location.lon)).toBeGreaterThan(0.003);
      const read = readTownFiles(serializeTown(shifted), datum);
      if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
      read.town.addresses.forEach((a, i) => {
        expect(Math.abs(a.location.lon - town.addresses[i]!.location.lon)).toBeLessThan(1e-6);
        expect(Math.abs(a.location.lat - town.addresses[i]!.location.lat)).toBeLessThan(1e-6);
      });
    }
  });

  it('assigns the grid by lookup when the gridId column is empty', () => {
    const text = files['addresses.csv'].split('\n').map((line, i) => (i === 0 || line === '' ? line : line.replace(/,G\d{3}$/, ','))).join('\n');
    const read = readTownFiles({ ...files, 'addresses.csv': text }, 'wgs84');
    if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
    expect(read.town.addresses.map((a) => a.gridId)).toEqual(town.addresses.map((a) => a.gridId));
  });

  it('reads, stores and writes back the time zone a town.json names', () => {
    // A town that names neither its zone nor its admin names has no town.json, and keeps the hash it had.
    const { admin: _, ...bare } = town;
    const bareFiles = serializeTown(bare);
    expect(bareFiles['town.json']).toBeUndefined();
    const read = readTownFiles({ ...bareFiles, 'town.json': '{"timeZone":"Europe/Berlin"}\n' }, 'wgs84');
    if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
    expect(read.town.timeZone).toBe('Europe/Berlin');
    // The zone is part of the town's content.
    expect(read.contentHash).not.toBe(townContentHash(bare));
    const store = openStore();
    store.write.importTown(read.town, 'berlin', 'wgs84', system);
    expect(store.town.meta()?.timeZone).toBe('Europe/Berlin');
    expect(serializeTown(store.town.export()!)['town.json']).toBe('{"timeZone":"Europe/Berlin"}\n');
    const plain = openStore();
    plain.write.importTown(bare, 'plain', 'wgs84', system);
    expect(plain.town.meta()?.timeZone).toBeNull();
    expect(plain.town.meta()?.admin).toBeNull();
    expect(plain.town.export()!.timeZone).toBeUndefined();
    expect(plain.town.export()!.admin).toBeUndefined();
  });

  it('reads, stores and writes back the administrative names a town.json gives, short forms as written', () => {
    const text = JSON.stringify({ admin: { province: '江苏省', city: '南京市', district: '江宁区', town: { name: '秣陵街道', aliases: ['秣陵镇'] }, communities: ['殷巷社区'] } });
    const { admin: _, ...bare } = town;
    const read = readTownFiles({ ...serializeTown(bare), 'town.json': text }, 'wgs84');
    if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
    const want = { province: { name: '江苏省', aliases: [] }, city: { name: '南京市', aliases: [] }, district: { name: '江宁区', aliases: [] }, town: { name: '秣陵街道', aliases: ['秣陵镇'] }, communities: [{ name: '殷巷社区', aliases: [] }] };
    expect(read.town.admin).toEqual(want);
    const store = openStore();
    store.write.importTown(read.town, 'nanjing', 'wgs84', system);
    expect(store.town.meta()?.admin).toEqual(want);
    const again = readTownFiles(serializeTown(store.town.export()!), 'wgs84');
    expect(again.ok && again.contentHash).toBe(read.contentHash);
  });

  it('gives a town imported before migration 12 no administrative names, and keeps the town', () => {
    const store = openStore();
    store.write.importTown(town, 'demo', 'wgs84', system);
    const file = store.db.name;
    store.db.exec('ALTER TABLE town_meta DROP COLUMN admin; DROP INDEX reports_alert_expires; ALTER TABLE reports DROP COLUMN facts; DROP INDEX journal_alerts_set_aside');
    store.db.pragma('user_version = 11');
    store.close();
    const reopened = new Store(file);
    expect(reopened.town.meta()?.admin).toBeNull();
    expect(reopened.town.meta()?.counts.addresses).toBe(town.addresses.length);
    reopened.close();
  });

  it('reads a team kind spelt jointEnforcement, as folders and databases written before say, as team', () => {
    expect(files['teams.csv']).toMatch(/,team,/);
    const old = files['teams.csv'].replace(/,team,/g, ',jointEnforcement,');
    const read = readTownFiles({ ...files, 'teams.csv': old }, 'wgs84');
    if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
    expect(read.town.teams).toEqual(town.teams);
    // A database whose town was imported then: its rows read as team, and an export writes team.
    const store = openStore();
    store.write.importTown(read.town, 'old', 'wgs84', system);
    store.db.prepare("UPDATE teams SET kind = 'jointEnforcement' WHERE kind = 'team'").run();
    expect(store.town.units().teams).toEqual(town.teams);
    expect(serializeTown(store.town.export()!)['teams.csv']).toBe(files['teams.csv']);
    expect(store.duty.units().filter((u) => u.kind === 'team')).toHaveLength(town.teams.filter((t) => t.kind === 'team').length);
  });

  it('keeps names with commas, quotes and line breaks intact', () => {
    const odd = structuredClone(town);
    odd.places[0]!.name = '三墩"鑫达",五金\n加工厂';
    const read = readTownFiles(serializeTown(odd), 'wgs84');
    expect(read.ok && read.town.places[0]!.name).toBe('三墩"鑫达",五金\n加工厂');
  });
});

describe('town import refuses broken files, saying where and why', () => {
  it('administrative names with digits, or members town.json does not have', () => {
    expect(issuesOf({ ...files, 'town.json': '{"admin":{"city":"南京 市","communities":["1号社区"]}}' })).toEqual([
      { file: 'town.json', line: 1, field: 'admin.city', reason: 'must be a name without spaces or digits' },
      { file: 'town.json', line: 1, field: 'admin.communities.0', reason: 'must be a name without spaces or digits' },
    ]);
    expect(issuesOf({ ...files, 'town.json': '{"admin":{"county":"江宁区"}}' })[0]).toMatchObject({ file: 'town.json', field: 'admin' });
  });

  it('a time zone Intl does not know', () => {
    expect(issuesOf({ ...files, 'town.json': '{"timeZone":"UTC+8"}' })).toEqual([{ file: 'town.json', line: 1, field: 'timeZone', reason: 'must be an IANA time zone name, e.g. Asia/Shanghai' }]);
  });

  it('a longitude out of range', () => {
    const input = withLine('addresses.csv', 5, (line) => line.replace(/,120\.\d+,/, ',999.5,'));
    expect(issuesOf(input)).toEqual([{ file: 'addresses.csv', line: 5, field: 'lon', reason: 'must be between -180 and 180' }]);
  });

  it('a longitude that is not a number', () => {
    const input = withLine('cameras.csv', 3, (line) => line.replace(/,120\.\d+,/, ',东经120度,'));
    expect(issuesOf(input)).toEqual([{ file: 'cameras.csv', line: 3, field: 'lon', reason: 'must be a longitude in decimal degrees' }]);
  });

  it('a parent that does not exist', () => {
    const input = withLine('regions.geojson', 10, (line) => line.replace(/"parentId":"[^"]+"/, '"parentId":"NOPE"'));
    const [issue] = issuesOf(input);
    expect(issue).toMatchObject({ file: 'regions.geojson', line: 10, field: 'properties.parentId' });
    expect(issue!.reason).toMatch(/NOPE.*not a region/);
  });

  it('a grid under the wrong level', () => {
    const gridLine = files['regions.geojson'].split('\n').findIndex((l) => l.includes('"level":"grid"')) + 1;
    const input = withLine('regions.geojson', gridLine, (line) => line.replace(/"parentId":"[^"]+"/, '"parentId":"EM01"'));
    const [issue] = issuesOf(input);
    expect(issue).toMatchObject({ file: 'regions.geojson', line: gridLine, field: 'properties.parentId' });
    expect(issue!.reason).toMatch(/must belong to a jointEnforcement region; EM01 is emergency/);
  });

  it('an unknown level', () => {
    const input = withLine('regions.geojson', 3, (line) => line.replace('"level":"riskPrevention"', '"level":"district"'));
    expect(issuesOf(input)[0]).toMatchObject({ file: 'regions.geojson', line: 3, field: 'properties.level' });
  });

  it('a missing column', () => {
    const input = withLine('places.csv', 1, (line) => line.replace(',lat,', ','));
    expect(issuesOf(input)).toEqual([{ file: 'places.csv', line: 1, field: 'lat', reason: expect.stringMatching(/column is missing/) }]);
  });

  it('a duplicate id', () => {
    const lines = files['officers.csv'].split('\n');
    const input = { ...files, 'officers.csv': [...lines.slice(0, -1), lines[2], ''].join('\n') };
    expect(issuesOf(input)).toEqual([{ file: 'officers.csv', line: lines.length, field: 'id', reason: `${lines[2]!.split(',')[0]} is a duplicate: line 3 has it already` }]);
  });

  it('an address outside the grid it names', () => {
    const input = withLine('addresses.csv', 2, (line) => line.replace(/,G\d{3}$/, ',G125'));
    const [issue] = issuesOf(input);
    expect(issue).toMatchObject({ file: 'addresses.csv', line: 2, field: 'gridId' });
    expect(issue!.reason).toMatch(/not inside grid G125 but inside G\d{3}/);
  });

  it('a missing file, and every problem at once', () => {
    const { 'places.csv': _gone, ...rest } = withLine('addresses.csv', 4, (line) => line.replace(/,120\.\d+,/, ',x,'));
    const issues = issuesOf(rest);
    expect(issues).toContainEqual({ file: 'places.csv', line: 0, field: '', reason: 'is missing from the folder' });
    expect(issues).toContainEqual(expect.objectContaining({ file: 'addresses.csv', line: 4, field: 'lon' }));
  });

  it('nothing is written when a file is refused', () => {
    const store = openStore();
    const input = withLine('addresses.csv', 5, (line) => line.replace(/,120\.\d+,/, ',999.5,'));
    const read = readTownFiles(input, 'wgs84');
    expect(read.ok).toBe(false);
    expect(store.town.meta()).toBeNull();
    expect(store.journal.seq()).toBe(0);
  });
});
