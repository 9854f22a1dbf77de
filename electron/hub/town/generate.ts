// The demo town: a Sandun-like town of ~38 km² generated from a seed. Same seed, same town,
// byte for byte; nothing here reads the clock or Math.random.
import { RegionIndex } from '../../../shared/geo/region-index';
import type {
  Address,
  BaseMap,
  Camera,
  Department,
  Inspection,
  Officer,
  Place,
  Region,
  RegionLevel,
  SafetyCode,
  Team,
  Town,
} from '../../../shared/town';
import { CornerIndex, Q, splitInto, Warp, type Rect, type Split } from './layout';
import {
  CANALS,
  COMMUNITIES,
  DEMO_ADMIN,
  EMERGENCY_AREAS,
  enterpriseName,
  INDUSTRIES,
  LANDMARKS,
  MAIN_ROADS,
  mobilePhone,
  personName,
  RISK_PREVENTION_AREAS,
  RIVER,
  roadName,
  siteName,
} from './names';
import { Random } from './random';

export const DEMO_CENTER = { lon: 120.08, lat: 30.33 };
export const DEMO_AREA_KM2 = 38;
export const DEMO_CLIPS = 4;
export const demoStreamUrl = (n: number) => `/media/demo/clip-${n}/index.m3u8`;

export interface DemoTownOptions {
  /** Standard addresses to generate (the address database). */
  addresses?: number;
  enterprises?: number;
  sites?: number;
}

interface Cell {
  id: string;
  rect: Rect;
  level: RegionLevel;
  parent: Cell | null;
  children: Cell[];
  name: string;
}

/** A road as laid out: its split line, so addresses and cameras can be placed beside it. */
interface LaidRoad {
  name: string;
  kind: 'main' | 'branch';
  split: Split;
}

const ENFORCEMENT_DEPARTMENTS: readonly Department[] = ['police', 'trafficPolice', 'cityManagement', 'marketSupervision', 'emergencyManagement'];
const DEPARTMENT_SHORT: Record<Department, string> = {
  police: '警务',
  trafficPolice: '交警',
  cityManagement: '城管',
  marketSupervision: '市场监管',
  emergencyManagement: '应急',
  gridService: '网格',
  streetOffice: '镇街',
};
const COMMANDER_DEPARTMENTS: readonly Department[] = [
  'police',
  'trafficPolice',
  'cityManagement',
  'marketSupervision',
  'emergencyManagement',
  'gridService',
  'streetOffice',
  'streetOffice',
];

/** Every coordinate is kept to 1e-7° (~1 cm), so that a town written out reads back identical. */
const round7 = (x: number) => Math.round(x * 1e7) / 1e7;
const REFERENCE_DAY = Date.UTC(2026, 0, 1);
const isoDay = (daysBefore: number) => new Date(REFERENCE_DAY - daysBefore * 86_400_000).toISOString().slice(0, 10);

export function generateTown(seed: number, options: DemoTownOptions = {}): Town {
  const targetAddresses = options.addresses ?? 60_000;
  const enterpriseCount = options.enterprises ?? 11_000;
  const siteCount = options.sites ?? 120;
  const root = new Random(seed);
  const center = { lon: DEMO_CENTER.lon + root.range(-0.004, 0.004), lat: DEMO_CENTER.lat + root.range(-0.004, 0.004) };
  const warp = new Warp(root.fork('shape'), center, DEMO_AREA_KM2);

  // ---- regions: 1 ⊃ 6 ⊃ 12 ⊃ 30 ⊃ 125, each a rect of the parameter square ----
  const layoutRng = root.fork('layout');
  const splits: Split[] = [];
  const command: Cell = { id: 'CMD', rect: { u0: 0, v0: 0, u1: Q, v1: Q }, level: 'command', parent: null, children: [], name: '三墩镇指挥圈' };
  const area = (r: Rect) => (r.u1 - r.u0) * (r.v1 - r.v0);
  const childCounts = (parents: Cell[], total: number): number[] => {
    // The largest parents take the extra children, so cells stay of similar size.
    const base = Math.floor(total / parents.length);
    const extra = total - base * parents.length;
    const order = parents.map((p, i) => ({ i, a: area(p.rect) })).sort((x, y) => y.a - x.a || x.i - y.i);
    const counts = parents.map(() => base);
    for (let k = 0; k < extra; k++) counts[order[k]!.i]!++;
    return counts;
  };
  const levels: Array<{ level: RegionLevel; total: number; id: (i: number) => string; depth: number }> = [
    { level: 'riskPrevention', total: 6, id: (i) => `RP${i + 1}`, depth: 1 },
    { level: 'emergency', total: 12, id: (i) => `EM${String(i + 1).padStart(2, '0')}`, depth: 2 },
    { level: 'jointEnforcement', total: 30, id: (i) => `JE${String(i + 1).padStart(2, '0')}`, depth: 3 },
    { level: 'grid', total: 125, id: (i) => `G${String(i + 1).padStart(3, '0')}`, depth: 4 },
  ];
  const byLevel = new Map<RegionLevel, Cell[]>([['command', [command]]]);
  let parents = [command];
  for (const { level, total, id, depth } of levels) {
    const counts = childCounts(parents, total);
    const cells: Cell[] = [];
    parents.forEach((parent, p) => {
      for (const rect of splitInto(parent.rect, counts[p]!, layoutRng, warp, depth, splits)) {
        const cell: Cell = { id: id(cells.length), rect, level, parent, children: [], name: '' };
        parent.children.push(cell);
        cells.push(cell);
      }
    });
    byLevel.set(level, cells);
    parents = cells;
  }
  const grids = byLevel.get('grid')!;
  const jointRegions = byLevel.get('jointEnforcement')!;
  byLevel.get('riskPrevention')!.forEach((c, i) => (c.name = `${RISK_PREVENTION_AREAS[i]}风险防控圈`));
  byLevel.get('emergency')!.forEach((c, i) => (c.name = `${EMERGENCY_AREAS[i]}应急圈`));
  const communityOf = new Map<Cell, string>();
  jointRegions.forEach((c, i) => {
    c.name = `${COMMUNITIES[i]}联勤圈`;
    c.children.forEach((g, k) => {
      g.name = `${COMMUNITIES[i]}社区第${k + 1}网格`;
      communityOf.set(g, COMMUNITIES[i]!);
    });
  });
  const corners = new CornerIndex(grids.map((g) => g.rect));

  // ---- people first: grid workers head their grids ----
  const peopleRng = root.fork('people');
  const officers: Officer[] = [];
  const teams: Team[] = [];
  const officerId = () => `O${String(officers.length + 1).padStart(4, '0')}`;
  const pointIn = (rng: Random, r: Rect, margin = 0.15): [number, number] => {
    const du = (r.u1 - r.u0) * margin;
    const dv = (r.v1 - r.v0) * margin;
    return warp.lonLat(rng.range(r.u0 + du, r.u1 - du), rng.range(r.v0 + dv, r.v1 - dv));
  };
  const workersPerGrid = childCountsFlat(grids.length, 200, peopleRng);
  const gridHead = new Map<Cell, string>();
  grids.forEach((grid, i) => {
    for (let k = 0; k < workersPerGrid[i]!; k++) {
      const [lon, lat] = pointIn(peopleRng, grid.rect);
      const name = personName(peopleRng);
      if (k === 0) gridHead.set(grid, name);
      officers.push({ id: officerId(), name, kind: 'gridWorker', department: 'gridService', teamId: null, gridId: grid.id, phone: mobilePhone(peopleRng), home: { lon, lat }, rosterSlot: null });
    }
  });
  const regions: Region[] = [];
  for (const level of ['command', 'riskPrevention', 'emergency', 'jointEnforcement', 'grid'] as const) {
    for (const cell of byLevel.get(level)!) {
      regions.push({
        id: cell.id,
        name: cell.name,
        level,
        parentId: cell.parent?.id ?? null,
        polygon: [corners.ring(cell.rect, warp)],
        regionHead: gridHead.get(cell) ?? personName(peopleRng),
      });
    }
  }
  const index = new RegionIndex(regions);
  const gridOf = (lon: number, lat: number): string => {
    const grid = index.gridAt(lon, lat);
    if (!grid) throw new Error(`demo town: ${lon},${lat} is outside every grid`);
    return grid.id;
  };

  // Joint-enforcement teams: two per joint-enforcement region, departments in rotation (12 teams of 5 each).
  jointRegions.forEach((region, j) => {
    for (let t = 0; t < 2; t++) {
      const department = ENFORCEMENT_DEPARTMENTS[(2 * j + t) % ENFORCEMENT_DEPARTMENTS.length]!;
      const baseGrid = peopleRng.pick(region.children);
      const [lon, lat] = pointIn(peopleRng, baseGrid.rect, 0.3);
      const team: Team = {
        id: `T${String(teams.length + 1).padStart(2, '0')}`,
        name: `${COMMUNITIES[j]}联勤${DEPARTMENT_SHORT[department]}组`,
        department,
        regionId: region.id,
        kind: 'team',
        base: { lon, lat },
      };
      teams.push(team);
      for (let k = 0; k < 5; k++) {
        const grid = peopleRng.pick(region.children);
        const [hLon, hLat] = pointIn(peopleRng, grid.rect);
        officers.push({ id: officerId(), name: personName(peopleRng), kind: 'enforcement', department, teamId: team.id, gridId: grid.id, phone: mobilePhone(peopleRng), home: { lon: hLon, lat: hLat }, rosterSlot: null });
      }
    }
  });
  // Emergency stations: one per emergency region, four officers each.
  const stations: Team[] = [];
  byLevel.get('emergency')!.forEach((region, i) => {
    const grid = peopleRng.pick(grids.filter((g) => g.parent?.parent === region));
    const [lon, lat] = pointIn(peopleRng, grid.rect, 0.3);
    const station: Team = { id: `S${String(i + 1).padStart(2, '0')}`, name: `${EMERGENCY_AREAS[i]}应急管理站`, department: 'emergencyManagement', regionId: region.id, kind: 'station', base: { lon, lat } };
    stations.push(station);
    teams.push(station);
    for (let k = 0; k < 4; k++) {
      officers.push({ id: officerId(), name: personName(peopleRng), kind: 'emergency', department: 'emergencyManagement', teamId: station.id, gridId: grid.id, phone: mobilePhone(peopleRng), home: { lon, lat }, rosterSlot: null });
    }
  });

  // ---- the base map: landmarks, roads, water, blocks ----
  const mapRng = root.fork('basemap');
  const landmarks: BaseMap['landmarks'] = LANDMARKS.map((name, i) => {
    // The government sits at the centre; the rest spread over the town.
    const [lon, lat] = i === 0 ? warp.lonLat(Q * 0.5 + mapRng.range(-60, 60), Q * 0.5 + mapRng.range(-60, 60)) : warp.lonLat(mapRng.range(0.08, 0.92) * Q, mapRng.range(0.08, 0.92) * Q);
    return { name, location: { lon, lat } };
  });
  const government = landmarks[0]!.location;
  const governmentGrid = gridOf(government.lon, government.lat);

  const blockSplits: Split[] = [];
  const blocks: BaseMap['blocks'] = [];
  const unit = warp.kmPerUnit;
  const inset = { u: 0.012 / unit.u, v: 0.012 / unit.v }; // 12 m of street either side
  for (const grid of grids) {
    const n = mapRng.int(3, 6);
    for (const r of splitInto(grid.rect, n, mapRng, warp, 5, blockSplits, 0.15)) {
      const shrunk = { u0: r.u0 + inset.u, v0: r.v0 + inset.v, u1: r.u1 - inset.u, v1: r.v1 - inset.v };
      blocks.push({ polygon: [corners.ring(shrunk, warp, false)] });
    }
  }
  const lengthKm = (s: Split) => (s.to - s.from) * (s.axis === 'u' ? unit.v : unit.u);
  const taken = new Set<string>(MAIN_ROADS);
  const ranked = [...splits].sort((a, b) => lengthKm(b) - lengthKm(a) || a.depth - b.depth);
  const laid: LaidRoad[] = ranked.map((split, i) =>
    i < MAIN_ROADS.length ? { name: MAIN_ROADS[i]!, kind: 'main', split } : { name: roadName(mapRng, 'branch', taken), kind: 'branch', split },
  );
  for (const split of blockSplits) laid.push({ name: roadName(mapRng, 'lane', taken), kind: 'branch', split });
  const roads: BaseMap['roads'] = laid.map((r) => ({ name: r.name, kind: r.kind, path: corners.path(r.split, warp) }));

  const waterCurve = (along: 'u' | 'v', base: number, amplitude: number, from: number, to: number): Array<[number, number]> => {
    const phase = mapRng.range(0, Math.PI * 2);
    const waves = mapRng.range(0.6, 1.4);
    const path: Array<[number, number]> = [];
    for (let i = 0; i <= 60; i++) {
      const t = from + ((to - from) * i) / 60;
      const off = base + amplitude * Math.sin(2 * Math.PI * waves * t + phase);
      path.push(along === 'u' ? warp.lonLat(t * Q, off * Q) : warp.lonLat(off * Q, t * Q));
    }
    return path;
  };
  const water: BaseMap['water'] = [{ name: RIVER, kind: 'river', width: 60, path: waterCurve('u', mapRng.range(0.35, 0.6), 0.05, 0, 1) }];
  CANALS.slice(0, 4).forEach((name, i) => {
    const start = mapRng.range(0, 0.3);
    water.push({ name, kind: 'canal', width: 18, path: waterCurve(i % 2 ? 'u' : 'v', mapRng.range(0.15, 0.85), 0.03, start, start + mapRng.range(0.5, 0.7)) });
  });

  // ---- the address database: numbers along both sides of every road, compounds behind ----
  const addressRng = root.fork('addresses');
  interface Anchor {
    road: LaidRoad;
    number: number;
    /** Parameter point of the number plate, and the unit vector pointing away from the road. */
    u: number;
    v: number;
    du: number;
    dv: number;
    buildings: number;
    units: number;
    limit: number;
  }
  const anchors: Anchor[] = [];
  const clampQ = (x: number) => Math.min(Q - 1, Math.max(1, x));
  for (const road of laid) {
    const s = road.split;
    const alongKm = s.axis === 'u' ? unit.v : unit.u;
    const acrossKm = s.axis === 'u' ? unit.u : unit.v;
    const spacing = addressRng.range(0.045, 0.065) / alongKm;
    const start = 0.03 / alongKm;
    for (const side of [-1, 1]) {
      let number = side < 0 ? 1 : 2;
      for (let t = s.from + start; t < s.to - start; t += spacing * addressRng.range(0.8, 1.2)) {
        const offset = (side * addressRng.range(0.028, 0.04)) / acrossKm;
        const [u, v] = s.axis === 'u' ? [clampQ(s.at + offset), t] : [t, clampQ(s.at + offset)];
        anchors.push({ road, number, u, v, du: s.axis === 'u' ? side : 0, dv: s.axis === 'u' ? 0 : side, buildings: 0, units: 0, limit: 0 });
        number += 2;
      }
    }
  }
  if (anchors.length > targetAddresses) anchors.length = targetAddresses;
  let total = anchors.length;
  for (const anchor of addressRng.shuffle([...anchors])) {
    if (total >= targetAddresses) break;
    anchor.buildings = addressRng.int(2, 16);
    anchor.units = addressRng.int(1, 4);
    anchor.limit = Math.min(anchor.buildings * anchor.units, targetAddresses - total);
    total += anchor.limit;
  }
  const addresses: Address[] = [];
  const anchorAddress = new Map<Anchor, Address>();
  const addressId = () => `A${String(addresses.length + 1).padStart(6, '0')}`;
  for (const anchor of anchors) {
    const [lon, lat] = warp.lonLat(anchor.u, anchor.v);
    const plate: Address = { id: addressId(), text: `${anchor.road.name} ${anchor.number} 号`, road: anchor.road.name, number: anchor.number, building: null, unit: null, location: { lon, lat }, gridId: gridOf(lon, lat) };
    addresses.push(plate);
    anchorAddress.set(anchor, plate);
    let left = anchor.limit;
    const depth = addressRng.range(0.05, 0.09);
    const perRow = Math.ceil(Math.sqrt(anchor.buildings));
    for (let b = 0; b < anchor.buildings && left > 0; b++) {
      const row = Math.floor(b / perRow);
      const col = (b % perRow) - (perRow - 1) / 2;
      for (let k = 0; k < anchor.units && left > 0; k++, left--) {
        const across = depth + row * 0.028; // km back from the road
        const along = col * 0.03 + k * 0.007;
        const u = clampQ(anchor.u + (anchor.du * across + anchor.dv * along) / unit.u);
        const v = clampQ(anchor.v + (anchor.dv * across + anchor.du * along) / unit.v);
        const [bLon, bLat] = warp.lonLat(u, v);
        addresses.push({
          id: addressId(),
          text: `${anchor.road.name} ${anchor.number} 号 ${b + 1} 幢 ${k + 1} 单元`,
          road: anchor.road.name,
          number: anchor.number,
          building: b + 1,
          unit: k + 1,
          location: { lon: bLon, lat: bLat },
          gridId: gridOf(bLon, bLat),
        });
      }
    }
  }

  // ---- places: enterprises at street numbers, weighted by each grid's character ----
  const placeRng = root.fork('places');
  const character = new Map<string, 'industrial' | 'commercial' | 'residential'>();
  for (const grid of grids) character.set(grid.id, placeRng.pick(['industrial', 'industrial', 'commercial', 'commercial', 'commercial', 'residential', 'residential', 'residential', 'residential', 'residential'] as const));
  const places: Place[] = [];
  const placeId = () => `P${String(places.length + 1).padStart(5, '0')}`;
  const plates = anchors.map((a) => anchorAddress.get(a)!);
  const industryShares = INDUSTRIES.map((i) => i.share);
  const plateWeightsBy = (zone: 'industrial' | 'commercial' | 'any') =>
    cumulative(plates.map((p) => {
      const c = character.get(p.gridId);
      if (zone === 'industrial') return c === 'industrial' ? 8 : c === 'commercial' ? 1 : 0.3;
      if (zone === 'commercial') return c === 'commercial' ? 6 : c === 'residential' ? 2 : 1;
      return c === 'industrial' ? 3 : 2;
    }));
  const zoneWeights = { industrial: plateWeightsBy('industrial'), commercial: plateWeightsBy('commercial'), any: plateWeightsBy('any') };
  for (let i = 0; i < enterpriseCount; i++) {
    const industry = INDUSTRIES[placeRng.weighted(industryShares)]!;
    const plate = plates[pickCumulative(zoneWeights[industry.zone], placeRng)]!;
    const size = (['micro', 'small', 'medium', 'large'] as const)[placeRng.weighted([58, 29, 10, 3])]!;
    const safetyCode = safetyCodeFor(placeRng, industry.risk * (size === 'large' ? 1.2 : 1));
    places.push({
      id: placeId(),
      kind: 'enterprise',
      name: enterpriseName(placeRng, industry),
      industry: industry.name,
      size,
      contactName: personName(placeRng),
      contactPhone: mobilePhone(placeRng),
      addressId: plate.id,
      location: plate.location,
      gridId: plate.gridId,
      safetyCode,
      inspections: inspectionsFor(placeRng, safetyCode),
    });
  }
  for (let i = 0; i < siteCount; i++) {
    const grid = placeRng.pick(grids);
    const [lon, lat] = pointIn(placeRng, grid.rect, 0.2);
    const safetyCode = safetyCodeFor(placeRng, 2.2);
    places.push({
      id: placeId(),
      kind: 'site',
      name: siteName(placeRng, communityOf.get(grid)!, i + 1),
      industry: '建筑施工',
      size: (['small', 'medium', 'large'] as const)[placeRng.weighted([3, 5, 2])]!,
      contactName: personName(placeRng),
      contactPhone: mobilePhone(placeRng),
      addressId: null,
      location: { lon, lat },
      gridId: gridOf(lon, lat),
      safetyCode,
      inspections: inspectionsFor(placeRng, safetyCode, 8),
    });
  }

  // ---- commanders on the roster, and the seat operators, at the government ----
  COMMANDER_DEPARTMENTS.forEach((department, i) => {
    officers.push({ id: officerId(), name: personName(peopleRng), kind: 'commander', department, teamId: null, gridId: governmentGrid, phone: mobilePhone(peopleRng), home: government, rosterSlot: i + 1 });
  });
  for (let i = 0; i < 12; i++) {
    officers.push({ id: officerId(), name: personName(peopleRng), kind: 'operator', department: 'streetOffice', teamId: null, gridId: governmentGrid, phone: mobilePhone(peopleRng), home: government, rosterSlot: null });
  }

  // ---- cameras: intersections, high points, sites, drone docks ----
  const cameraRng = root.fork('cameras');
  const cameras: Camera[] = [];
  const addCamera = (camera: Omit<Camera, 'id' | 'streamUrl' | 'gridId'>) => {
    const n = cameras.length;
    cameras.push({ id: `CAM${String(n + 1).padStart(4, '0')}`, ...camera, gridId: gridOf(camera.location.lon, camera.location.lat), streamUrl: demoStreamUrl((n % DEMO_CLIPS) + 1) });
  };
  const headingOf = (a: [number, number], b: [number, number]) => {
    const dx = (b[0] - a[0]) * Math.cos((a[1] * Math.PI) / 180);
    const dy = b[1] - a[1];
    return Math.round(((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360);
  };
  // Street cameras where a road ends on another: that is an intersection.
  const regionRoads = laid.filter((r) => r.split.depth <= 4);
  const crossing = (s: Split, at: number): LaidRoad | undefined =>
    regionRoads.find((o) => o.split.axis !== s.axis && o.split.at === at && s.at > o.split.from && s.at < o.split.to);
  for (const road of regionRoads) {
    for (const end of [road.split.from, road.split.to]) {
      if (cameras.length >= 248) break;
      const other = crossing(road.split, end);
      const inward = end === road.split.from ? 1 : -1;
      const back = 0.02 / (road.split.axis === 'u' ? unit.v : unit.u);
      const [u, v] = road.split.axis === 'u' ? [road.split.at, clampQ(end + inward * back)] : [clampQ(end + inward * back), road.split.at];
      const here = warp.lonLat(u, v);
      const toward = road.split.axis === 'u' ? warp.lonLat(road.split.at, end) : warp.lonLat(end, road.split.at);
      addCamera({
        name: other ? `${road.name}与${other.name}交叉口` : `${road.name}${end === road.split.from ? '起点' : '终点'}路段`,
        kind: 'street',
        location: { lon: here[0], lat: here[1] },
        heading: headingOf(here, toward),
      });
    }
  }
  while (cameras.length < 248) {
    const road = cameraRng.pick(laid);
    const s = road.split;
    const t = cameraRng.range(s.from + (s.to - s.from) * 0.2, s.to - (s.to - s.from) * 0.2);
    const here = s.axis === 'u' ? warp.lonLat(s.at, t) : warp.lonLat(t, s.at);
    const ahead = s.axis === 'u' ? warp.lonLat(s.at, t + 20) : warp.lonLat(t + 20, s.at);
    addCamera({ name: `${road.name}路段${cameras.length + 1}`, kind: 'street', location: { lon: here[0], lat: here[1] }, heading: headingOf(here, ahead) });
  }
  for (let i = 0; i < 20; i++) {
    const grid = cameraRng.pick(grids);
    const [lon, lat] = i < 8 ? [landmarks[i + 1]!.location.lon, landmarks[i + 1]!.location.lat] : pointIn(cameraRng, grid.rect, 0.3);
    addCamera({ name: i < 8 ? `${landmarks[i + 1]!.name}高点` : `${communityOf.get(grid)}社区高点${i - 7}`, kind: 'highPoint', location: { lon, lat }, heading: null });
  }
  for (const site of places.filter((p) => p.kind === 'site')) {
    const grid = index.gridAt(site.location.lon, site.location.lat)!;
    // A mast a little inside the site, looking across it.
    const lon = round7(site.location.lon + cameraRng.range(-0.0002, 0.0002));
    const lat = round7(site.location.lat + cameraRng.range(-0.0002, 0.0002));
    const inside = index.gridAt(lon, lat)?.id === grid.id ? { lon, lat } : site.location;
    addCamera({ name: `${site.name}塔吊监控`, kind: 'site', location: inside, heading: cameraRng.int(0, 359) });
  }
  for (const station of stations) addCamera({ name: `${station.name}无人机机场`, kind: 'droneDock', location: station.base, heading: null });

  return {
    regions,
    addresses,
    places,
    officers,
    teams,
    cameras,
    basemap: { boundary: regions[0]!.polygon, roads, water, blocks, landmarks },
    admin: DEMO_ADMIN,
  };
}

/** `total` spread over `n` slots as evenly as possible, the extras in random slots. */
function childCountsFlat(n: number, total: number, rng: Random): number[] {
  const counts = Array.from({ length: n }, () => Math.floor(total / n));
  const order = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  for (let k = 0; k < total - Math.floor(total / n) * n; k++) counts[order[k]!]!++;
  return counts;
}

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  weights.forEach((w, i) => (out[i] = sum += w));
  return out;
}

function pickCumulative(cum: Float64Array, rng: Random): number {
  const r = rng.next() * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Mostly green and blue; riskier trades lean yellow, orange and the odd red. */
function safetyCodeFor(rng: Random, risk: number): SafetyCode {
  const weights = [62 / risk, 24, 9 * risk, 3.5 * risk * risk, 0.8 * risk * risk];
  return (['green', 'blue', 'yellow', 'orange', 'red'] as const)[rng.weighted(weights)]!;
}

function inspectionsFor(rng: Random, code: SafetyCode, max = 5): Inspection[] {
  const count = rng.int(code === 'green' ? 0 : 1, max);
  const days = Array.from({ length: count }, () => rng.int(1, 730)).sort((a, b) => b - a);
  const bad = { green: 0.03, blue: 0.1, yellow: 0.35, orange: 0.6, red: 0.8 }[code];
  return days.map((d, i) => {
    // The newest inspection explains the colour: red and orange places failed recently.
    const latest = i === days.length - 1;
    const result: Inspection['result'] = latest && (code === 'red' || code === 'orange') ? (code === 'red' ? 'fail' : 'rectify') : rng.chance(bad) ? (rng.chance(0.4) ? 'fail' : 'rectify') : 'pass';
    return { date: isoDay(d), result };
  });
}
