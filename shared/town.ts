// The town a duty room serves: regions nested by level, the address database, places,
// the people and units that can be dispatched, and cameras. Coordinates are WGS-84.
import type { LonLat } from './domain';

export const REGION_LEVELS = ['command', 'riskPrevention', 'emergency', 'jointEnforcement', 'grid'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** A ring of [lon, lat] positions, closed (first equals last), counter-clockwise. */
export type Ring = Array<[number, number]>;
/** GeoJSON-style polygon: outer ring then holes. */
export type Polygon = Ring[];

export interface Region {
  id: string;
  name: string;
  level: RegionLevel;
  /** null only for the command region. */
  parentId: string | null;
  polygon: Polygon;
  /** The 区域长 commanding it (an officer or user reference, free text in imports). */
  regionHead: string | null;
}

export interface Address {
  id: string;
  /** The standard form: road + number + building/unit, e.g. 振华路 88 号 3 幢 2 单元. */
  text: string;
  road: string;
  number: number;
  building: number | null;
  unit: number | null;
  location: LonLat;
  gridId: string;
}

/**
 * An Address with its location as two columns, as addresses.csv and the hub's tables hold it,
 * and as the geocoder indexes 60,000 of them without an object per point.
 */
export type AddressColumns = Omit<Address, 'location'> & LonLat;

export const addressColumns = ({ location, ...rest }: Address): AddressColumns => ({ ...rest, lon: location.lon, lat: location.lat });

/** addressColumns' inverse. */
export const addressOf = ({ lon, lat, ...rest }: AddressColumns): Address => ({ ...rest, location: { lon, lat } });

export const SAFETY_CODES = ['green', 'blue', 'yellow', 'orange', 'red'] as const;
export type SafetyCode = (typeof SAFETY_CODES)[number];

export const PLACE_KINDS = ['enterprise', 'site'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export interface Inspection {
  date: string; // YYYY-MM-DD
  result: 'pass' | 'rectify' | 'fail';
}

export interface Place {
  id: string;
  kind: PlaceKind;
  name: string;
  industry: string;
  size: 'micro' | 'small' | 'medium' | 'large';
  contactName: string;
  contactPhone: string;
  addressId: string | null;
  location: LonLat;
  gridId: string;
  safetyCode: SafetyCode;
  inspections: Inspection[];
}

export const DEPARTMENTS = ['police', 'trafficPolice', 'cityManagement', 'marketSupervision', 'emergencyManagement', 'gridService', 'streetOffice'] as const;
export type Department = (typeof DEPARTMENTS)[number];

/** Commanders (指挥长) rotate as commander of the day; operators (坐席员) staff the seats. */
export const OFFICER_KINDS = ['gridWorker', 'enforcement', 'emergency', 'commander', 'operator'] as const;
export type OfficerKind = (typeof OFFICER_KINDS)[number];

export interface Officer {
  id: string;
  name: string;
  kind: OfficerKind;
  department: Department;
  /** The joint-enforcement team or emergency station the officer belongs to, if any. */
  teamId: string | null;
  /** A grid worker's own grid; for others, the grid they are based in. */
  gridId: string;
  phone: string;
  home: LonLat;
  /** A commander's place in the rotating roster (1 = first day of the cycle); null for others. */
  rosterSlot: number | null;
}

/**
 * A team's kind, the same words a Unit's kind uses (shared/units.ts): a joint-enforcement team
 * (联合执法组) or an emergency station (应急管理站).
 */
export const TEAM_KINDS = ['team', 'station'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

/**
 * The kind as a town folder or a hub's database holds it. Before teams and units shared one
 * vocabulary a team's kind was spelt `jointEnforcement`; folders and databases written then
 * still say so, and are read as `team`. Null for anything else.
 */
export function teamKindOf(stored: string): TeamKind | null {
  if (stored === 'jointEnforcement') return 'team';
  return (TEAM_KINDS as readonly string[]).includes(stored) ? (stored as TeamKind) : null;
}

export interface Team {
  id: string;
  name: string;
  department: Department;
  /** Teams belong to a joint-enforcement region; stations to an emergency region. */
  regionId: string;
  kind: TeamKind;
  base: LonLat;
}

export const CAMERA_KINDS = ['street', 'highPoint', 'site', 'droneDock'] as const;
export type CameraKind = (typeof CAMERA_KINDS)[number];

export interface Camera {
  id: string;
  name: string;
  kind: CameraKind;
  location: LonLat;
  /** Direction of view in degrees clockwise from north; null for 360° or drones. */
  heading: number | null;
  gridId: string;
  streamUrl: string;
}

/** What the base map draws for the demo town (a real town brings its own tiles). */
export interface BaseMap {
  boundary: Polygon;
  roads: Array<{ name: string; kind: 'main' | 'branch'; path: Array<[number, number]> }>;
  water: Array<{ name: string; kind: 'river' | 'canal'; path: Array<[number, number]>; width: number }>;
  blocks: Array<{ polygon: Polygon }>;
  landmarks: Array<{ name: string; location: LonLat }>;
}

/** Everything a duty room knows about its town: what an import brings and an export writes. */
export interface Town {
  regions: Region[];
  addresses: Address[];
  places: Place[];
  officers: Officer[];
  teams: Team[];
  cameras: Camera[];
  basemap: BaseMap;
  /** The town's IANA time zone (town.json); absent: Asia/Shanghai (shared/time.ts). */
  timeZone?: string;
  /** The administrative names above and around the town (town.json); absent: none are known. */
  admin?: TownAdmin;
}

/** One administrative name and the other forms people write for it; the form without its suffix (江苏省 → 江苏) goes without saying. */
export interface AdminName {
  name: string;
  aliases: string[];
}

/**
 * The names an address written in the town may start with, outermost first: 江苏省南京市江宁区
 * 秣陵街道殷巷社区…. A municipality has no province and a county-level city no district, so
 * each level may be missing.
 */
export interface TownAdmin {
  province?: AdminName;
  city?: AdminName;
  district?: AdminName;
  town?: AdminName;
  communities: AdminName[];
}

export type TownCounts = { [K in Exclude<keyof Town, 'basemap' | 'timeZone' | 'admin'>]: number };
