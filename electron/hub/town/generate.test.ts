import { beforeAll, describe, expect, it } from 'vitest';
import { interiorPoint, pointInPolygon, polygonAreaKm2, polygonBBox } from '../../../shared/geo/polygon';
import { RegionIndex } from '../../../shared/geo/region-index';
import { REGION_LEVELS, type Region, type Town } from '../../../shared/town';
import { generateTown } from './generate';
import { checkTown } from './invariants';
import { TownIssues } from './parse';
import { Random } from './random';
import { townContentHash } from './serialize';

let town: Town;
let byId: Map<string, Region>;
const levelOf = (level: Region['level']) => town.regions.filter((r) => r.level === level);

beforeAll(() => {
  town = generateTown(1);
  byId = new Map(town.regions.map((r) => [r.id, r]));
});

describe('the demo town', () => {
  it('is a ~38 km² irregular town around 30.33 N 120.08 E', () => {
    const boundary = levelOf('command')[0]!.polygon;
    expect(polygonAreaKm2(boundary)).toBeCloseTo(38, 0);
    const box = polygonBBox(boundary);
    expect((box.minLat + box.maxLat) / 2).toBeCloseTo(30.33, 1);
    expect((box.minLon + box.maxLon) / 2).toBeCloseTo(120.08, 1);
    // Not a rectangle: the boundary fills clearly less than its bounding box.
    const boxArea = polygonAreaKm2([[[box.minLon, box.minLat], [box.maxLon, box.minLat], [box.maxLon, box.maxLat], [box.minLon, box.maxLat], [box.minLon, box.minLat]]]);
    expect(polygonAreaKm2(boundary) / boxArea).toBeLessThan(0.95);
    expect(town.basemap.roads.filter((r) => r.kind === 'main').length).toBeGreaterThanOrEqual(10);
    expect(town.basemap.roads.map((r) => r.name)).toContain('文一西路');
    expect(town.basemap.water.map((w) => w.name)).toContain('西溪河');
    expect(town.basemap.landmarks.map((l) => l.name)).toContain('三墩镇人民政府');
    expect(town.basemap.blocks.length).toBeGreaterThan(300);
  });

  it('has 1 command ⊃ 6 risk-prevention ⊃ 12 emergency ⊃ 30 joint-enforcement ⊃ 125 grids, each with a region head', () => {
    expect(REGION_LEVELS.map((l) => levelOf(l).length)).toEqual([1, 6, 12, 30, 125]);
    for (const region of town.regions) {
      expect(region.regionHead).toMatch(/^\p{Script=Han}{2,3}$/u);
      if (region.level === 'command') continue;
      const parent = byId.get(region.parentId!)!;
      expect(REGION_LEVELS.indexOf(parent.level)).toBe(REGION_LEVELS.indexOf(region.level) - 1);
      const [x, y] = interiorPoint(region.polygon);
      expect(pointInPolygon(x, y, parent.polygon)).toBe(true);
    }
  });

  it('tiles: each level covers the town exactly, no gaps, no overlaps', () => {
    const boundaryArea = polygonAreaKm2(levelOf('command')[0]!.polygon);
    for (const level of REGION_LEVELS) {
      const sum = levelOf(level).reduce((s, r) => s + polygonAreaKm2(r.polygon, 30.33), 0);
      expect(Math.abs(sum - polygonAreaKm2(levelOf('command')[0]!.polygon, 30.33))).toBeLessThan(1e-6 * boundaryArea);
    }
    const boundary = levelOf('command')[0]!.polygon;
    const box = polygonBBox(boundary);
    const rng = new Random(99);
    const grids = levelOf('grid');
    let inside = 0;
    for (let k = 0; k < 4000; k++) {
      const lon = rng.range(box.minLon, box.maxLon);
      const lat = rng.range(box.minLat, box.maxLat);
      const containing = grids.filter((g) => pointInPolygon(lon, lat, g.polygon));
      if (pointInPolygon(lon, lat, boundary)) {
        inside++;
        expect(containing).toHaveLength(1);
        // …and every region above that grid contains the point too.
        let parentId = containing[0]!.parentId;
        while (parentId) {
          const parent = byId.get(parentId)!;
          expect(pointInPolygon(lon, lat, parent.polygon)).toBe(true);
          parentId = parent.parentId;
        }
      } else {
        expect(containing).toHaveLength(0);
      }
    }
    expect(inside).toBeGreaterThan(2500);
  });

  it('has the address database, places, people, units and cameras of a Sandun-sized town', () => {
    expect(town.addresses).toHaveLength(60_000);
    expect(town.addresses[1]!.text).toMatch(/^\S+ \d+ 号 \d+ 幢 \d+ 单元$/);
    const enterprises = town.places.filter((p) => p.kind === 'enterprise');
    const sites = town.places.filter((p) => p.kind === 'site');
    expect(enterprises).toHaveLength(11_000);
    expect(sites).toHaveLength(120);
    const share = (code: string) => enterprises.filter((p) => p.safetyCode === code).length / enterprises.length;
    expect(share('green') + share('blue')).toBeGreaterThan(0.75);
    expect(share('red')).toBeGreaterThan(0);
    expect(share('red')).toBeLessThan(0.03);
    const count = (kind: string) => town.officers.filter((o) => o.kind === kind).length;
    expect(count('gridWorker')).toBe(200);
    expect(count('enforcement')).toBe(300);
    expect(new Set(town.officers.filter((o) => o.kind === 'enforcement').map((o) => o.department))).toEqual(
      new Set(['police', 'trafficPolice', 'cityManagement', 'marketSupervision', 'emergencyManagement']),
    );
    expect(town.officers.filter((o) => o.kind === 'commander').map((o) => o.rosterSlot)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(count('operator')).toBeGreaterThan(0);
    const stations = town.teams.filter((t) => t.kind === 'station');
    expect(stations).toHaveLength(12);
    expect(new Set(stations.map((s) => s.regionId)).size).toBe(12);
    for (const s of stations) expect(byId.get(s.regionId)!.level).toBe('emergency');
    expect(town.cameras).toHaveLength(400);
    expect(new Set(town.cameras.map((c) => c.kind))).toEqual(new Set(['street', 'highPoint', 'site', 'droneDock']));
    for (const c of town.cameras) expect(c.streamUrl).toMatch(/^\/media\/demo\/clip-[1-4]\/index\.m3u8$/);
    for (const grid of levelOf('grid')) expect(town.officers.some((o) => o.kind === 'gridWorker' && o.gridId === grid.id)).toBe(true);
  });

  it('puts every address, place, officer and camera inside the grid it names', () => {
    const inGrid = (gridId: string, lon: number, lat: number) => pointInPolygon(lon, lat, byId.get(gridId)!.polygon);
    for (const a of town.addresses) expect(inGrid(a.gridId, a.location.lon, a.location.lat)).toBe(true);
    for (const p of town.places) expect(inGrid(p.gridId, p.location.lon, p.location.lat)).toBe(true);
    for (const o of town.officers) expect(inGrid(o.gridId, o.home.lon, o.home.lat)).toBe(true);
    for (const c of town.cameras) expect(inGrid(c.gridId, c.location.lon, c.location.lat)).toBe(true);
    const issues = new TownIssues();
    checkTown(town, issues);
    expect(issues.list).toEqual([]);
  });

  it('locates points to the same grid as brute force', () => {
    const index = new RegionIndex(town.regions);
    const grids = levelOf('grid');
    for (const a of town.addresses.slice(0, 3000)) {
      const found = index.locate(a.location.lon, a.location.lat)!;
      expect(found.grid.id).toBe(grids.find((g) => pointInPolygon(a.location.lon, a.location.lat, g.polygon))!.id);
      expect(found.ancestors.map((c) => c.level)).toEqual(['jointEnforcement', 'emergency', 'riskPrevention', 'command']);
    }
  });

  it('is the same town for the same seed and another town for another seed', () => {
    const hash = townContentHash(town);
    expect(townContentHash(generateTown(1))).toBe(hash);
    expect(townContentHash(generateTown(2))).not.toBe(hash);
  });
});
