// What must hold of any town before a duty room relies on it: the regions nest exactly,
// the grids cover the town, and every address, place, person and camera is in the grid it
// names. Rows without a grid get one by lookup here.
import { interiorPoint, pointInPolygon, polygonAreaKm2 } from '../../../shared/geo/polygon';
import { RegionIndex } from '../../../shared/geo/region-index';
import type { LonLat } from '../../../shared/domain';
import { REGION_LEVELS, type Region, type Town } from '../../../shared/town';
import type { ParsedTown, TownIssues } from './parse';

/** Children must cover their parent's area to within this share (gaps or overlaps beyond it are errors). */
const AREA_TOLERANCE = 0.005;

export function checkTown(town: Town, issues: TownIssues, lines?: ParsedTown['lines'], unassigned?: Set<object>): void {
  const line = (kind: keyof ParsedTown['lines'], id: string) => lines?.[kind].get(id) ?? 0;
  const byId = new Map(town.regions.map((r) => [r.id, r]));
  const commands = town.regions.filter((r) => r.level === 'command');
  if (commands.length !== 1) issues.add('regions.geojson', 0, 'properties.level', `there must be exactly one command region; found ${commands.length}`);

  const children = new Map<string, Region[]>();
  for (const region of town.regions) {
    const at = line('regions', region.id);
    const depth = REGION_LEVELS.indexOf(region.level);
    if (region.level === 'command') {
      if (region.parentId !== null) issues.add('regions.geojson', at, 'properties.parentId', 'the command region has no parent: leave parentId null');
      continue;
    }
    if (region.parentId === null) {
      issues.add('regions.geojson', at, 'properties.parentId', `a ${region.level} region needs the ${REGION_LEVELS[depth - 1]} region it belongs to`);
      continue;
    }
    const parent = byId.get(region.parentId);
    if (!parent) {
      issues.add('regions.geojson', at, 'properties.parentId', `names ${region.parentId}, which is not a region in this file`);
      continue;
    }
    if (parent.level !== REGION_LEVELS[depth - 1]) {
      issues.add('regions.geojson', at, 'properties.parentId', `a ${region.level} region must belong to a ${REGION_LEVELS[depth - 1]} region; ${parent.id} is ${parent.level}`);
      continue;
    }
    const [x, y] = interiorPoint(region.polygon);
    if (!pointInPolygon(x, y, parent.polygon)) {
      issues.add('regions.geojson', at, 'geometry', `lies outside its parent ${parent.id} (${parent.name})`);
      continue;
    }
    const list = children.get(parent.id) ?? [];
    list.push(region);
    children.set(parent.id, list);
  }
  for (const region of town.regions) {
    if (region.level === 'grid') continue;
    const kids = children.get(region.id) ?? [];
    const at = line('regions', region.id);
    if (!kids.length) {
      issues.add('regions.geojson', at, 'properties.id', `${region.id} (${region.level}) has no ${REGION_LEVELS[REGION_LEVELS.indexOf(region.level) + 1]} regions inside it`);
      continue;
    }
    const own = polygonAreaKm2(region.polygon);
    const sum = kids.reduce((s, k) => s + polygonAreaKm2(k.polygon), 0);
    if (Math.abs(sum - own) > own * AREA_TOLERANCE) {
      issues.add('regions.geojson', at, 'geometry', `its ${kids.length} child regions cover ${sum.toFixed(3)} km² of its ${own.toFixed(3)} km²: they must tile it without gaps or overlaps`);
    }
  }
  if (issues.any) return;

  const index = new RegionIndex(town.regions);
  const inGrid = (file: string, kind: keyof ParsedTown['lines'], row: { id: string; gridId: string }, where: LonLat, what: string) => {
    if (unassigned?.has(row)) {
      const grid = index.gridAt(where.lon, where.lat);
      if (grid) row.gridId = grid.id;
      else issues.add(file, line(kind, row.id), 'lon', `${what} at ${where.lon},${where.lat} is outside every grid: check the coordinates and the datum`);
      return;
    }
    const grid = byId.get(row.gridId);
    if (!grid || grid.level !== 'grid') {
      issues.add(file, line(kind, row.id), 'gridId', `${row.gridId} is not a grid in regions.geojson`);
      return;
    }
    if (!pointInPolygon(where.lon, where.lat, grid.polygon)) {
      const actual = index.gridAt(where.lon, where.lat);
      issues.add(file, line(kind, row.id), 'gridId', `${what} at ${where.lon},${where.lat} is not inside grid ${grid.id}${actual ? ` but inside ${actual.id}` : ', nor inside any grid'}`);
    }
  };
  for (const a of town.addresses) inGrid('addresses.csv', 'addresses', a, a.location, 'the address');
  const addressIds = new Set(town.addresses.map((a) => a.id));
  for (const p of town.places) {
    inGrid('places.csv', 'places', p, p.location, 'the place');
    if (p.addressId !== null && !addressIds.has(p.addressId)) issues.add('places.csv', line('places', p.id), 'addressId', `${p.addressId} is not in addresses.csv`);
  }
  const teams = new Map(town.teams.map((t) => [t.id, t]));
  for (const t of town.teams) {
    const region = byId.get(t.regionId);
    const wanted = t.kind === 'station' ? 'emergency' : 'jointEnforcement';
    if (!region || region.level !== wanted) issues.add('teams.csv', line('teams', t.id), 'regionId', `a ${t.kind} team belongs to a ${wanted} region; ${t.regionId} is ${region ? region.level : 'not a region'}`);
  }
  for (const o of town.officers) {
    inGrid('officers.csv', 'officers', o, o.home, 'the officer');
    if (o.teamId !== null && !teams.has(o.teamId)) issues.add('officers.csv', line('officers', o.id), 'teamId', `${o.teamId} is not in teams.csv`);
  }
  for (const c of town.cameras) inGrid('cameras.csv', 'cameras', c, c.location, 'the camera');
}
