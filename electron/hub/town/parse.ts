// Reading a town folder's files into a Town: every row checked against its schema, every
// coordinate converted to WGS-84. Problems are collected, not thrown, so a clerk gets the
// whole list at once; any problem means no town.
import type { z } from 'zod';
import { toWgs84, type Datum } from '../../../shared/geo/datum';
import type { Address, BaseMap, Camera, Officer, Place, Polygon, Region, Team, Town } from '../../../shared/town';
import {
  ADDRESS_COLUMNS,
  AddressRowSchema,
  BasemapFeatureSchema,
  CAMERA_COLUMNS,
  CameraRowSchema,
  OFFICER_COLUMNS,
  OfficerRowSchema,
  PLACE_COLUMNS,
  PlaceRowSchema,
  RegionFeatureSchema,
  TEAM_COLUMNS,
  TeamRowSchema,
  TownInfoSchema,
} from '../../../shared/town-schemas';
import { CsvSyntaxError, parseCsv } from './csv';
import type { TownFile } from './serialize';

export interface TownIssue {
  file: TownFile | string;
  /** 1-based line in the file; 0 when the problem is the file as a whole. */
  line: number;
  field: string;
  reason: string;
}

export const MAX_ISSUES = 500;

export class TownIssues {
  readonly list: TownIssue[] = [];
  total = 0;
  add(file: string, line: number, field: string, reason: string): void {
    this.total++;
    if (this.list.length < MAX_ISSUES) this.list.push({ file, line, field, reason });
  }
  get any(): boolean {
    return this.total > 0;
  }
}

export function formatIssue(issue: TownIssue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}` : issue.file;
  return `${where}: ${issue.field ? `${issue.field} ` : ''}${issue.reason}`;
}

const round7 = (x: number) => Math.round(x * 1e7) / 1e7;

/** Converts one position to WGS-84, rounded to 1e-7° as everything stored is. */
export function converter(datum: Datum): (lon: number, lat: number) => [number, number] {
  return (lon, lat) => {
    const [x, y] = toWgs84(datum, lon, lat);
    return [round7(x), round7(y)];
  };
}

function zodIssues(error: z.ZodError, report: (field: string, reason: string) => void): void {
  for (const issue of error.issues) report(issue.path.map(String).join('.'), issue.message);
}

/** Parses a CSV file into rows of `schema`, keeping each row's line. */
function readRows<S extends z.ZodType>(
  file: TownFile,
  text: string | undefined,
  columns: readonly string[],
  schema: S,
  issues: TownIssues,
  required: boolean,
): Array<{ line: number; row: z.output<S> }> {
  if (text === undefined) {
    if (required) issues.add(file, 0, '', 'is missing from the folder');
    return [];
  }
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      issues.add(file, error.line, '', error.message);
      return [];
    }
    throw error;
  }
  const [header, ...body] = records;
  if (!header) {
    issues.add(file, 1, '', 'has no header row');
    return [];
  }
  const names = header.fields.map((f) => f.trim());
  const position = new Map(names.map((name, i) => [name, i]));
  const missing = columns.filter((c) => !position.has(c));
  for (const column of missing) issues.add(file, header.line, column, `column is missing from the header (expected ${columns.join(',')})`);
  if (missing.length) return [];
  const out: Array<{ line: number; row: z.output<S> }> = [];
  const seen = new Map<string, number>();
  for (const record of body) {
    if (record.fields.length !== names.length) {
      issues.add(file, record.line, '', `has ${record.fields.length} fields where the header has ${names.length}`);
      continue;
    }
    const raw = Object.fromEntries(columns.map((c) => [c, record.fields[position.get(c)!]!]));
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      zodIssues(parsed.error, (field, reason) => issues.add(file, record.line, field, reason));
      continue;
    }
    const id = (parsed.data as { id: string }).id;
    const first = seen.get(id);
    if (first !== undefined) {
      issues.add(file, record.line, 'id', `${id} is a duplicate: line ${first} has it already`);
      continue;
    }
    seen.set(id, record.line);
    out.push({ line: record.line, row: parsed.data });
  }
  return out;
}

/** Line of each element of the top-level "features" array, for error reports. */
export function featureLines(text: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let lastString = '';
  let stringStart = 0;
  let keyAtRoot = '';
  let featuresDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      stringStart = i + 1;
    } else if (c === ':' && depth === 1) keyAtRoot = lastString;
    else if (c === '{' || c === '[') {
      if (c === '[' && depth === 1 && keyAtRoot === 'features') featuresDepth = depth + 1;
      else if (c === '{' && depth === featuresDepth) lines.push(line);
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (depth < featuresDepth) featuresDepth = -1;
    }
  }
  return lines;
}

function readFeatures(file: TownFile, text: string | undefined, issues: TownIssues, required: boolean): Array<{ line: number; feature: unknown }> {
  if (text === undefined) {
    if (required) issues.add(file, 0, '', 'is missing from the folder');
    return [];
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const at = /position (\d+)/.exec(String(error))?.[1];
    const line = at === undefined ? 0 : text.slice(0, Number(at)).split('\n').length;
    issues.add(file, line, '', `is not valid JSON: ${(error as Error).message}`);
    return [];
  }
  const features = (json as { type?: unknown; features?: unknown }).features;
  if ((json as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    issues.add(file, 1, 'type', 'must be a GeoJSON FeatureCollection with a features array');
    return [];
  }
  const lines = featureLines(text);
  return features.map((feature, i) => ({ line: lines[i] ?? 0, feature }));
}

export interface ParsedTown {
  town: Town;
  /** Where each record came from, for invariant reports. */
  lines: { regions: Map<string, number>; addresses: Map<string, number>; places: Map<string, number>; officers: Map<string, number>; teams: Map<string, number>; cameras: Map<string, number> };
  /** Rows whose gridId column was empty: the importer assigns the grid by lookup. */
  unassigned: Set<object>;
}

/** Parses files (name → text; absent files undefined). Returns null when any issue was found. */
export function parseTownFiles(files: Partial<Record<TownFile, string>>, datum: Datum, issues: TownIssues): ParsedTown | null {
  const convert = converter(datum);
  const convertPolygon = (polygon: number[][][]): Polygon => polygon.map((ring) => ring.map(([x, y]) => convert(x!, y!)));
  const unassigned = new Set<object>();
  const lines: ParsedTown['lines'] = { regions: new Map(), addresses: new Map(), places: new Map(), officers: new Map(), teams: new Map(), cameras: new Map() };

  const regions: Region[] = [];
  for (const { line, feature } of readFeatures('regions.geojson', files['regions.geojson'], issues, true)) {
    const parsed = RegionFeatureSchema.safeParse(feature);
    if (!parsed.success) {
      zodIssues(parsed.error, (field, reason) => issues.add('regions.geojson', line, field, reason));
      continue;
    }
    const p = parsed.data.properties;
    if (lines.regions.has(p.id)) {
      issues.add('regions.geojson', line, 'properties.id', `${p.id} is a duplicate: line ${lines.regions.get(p.id)} has it already`);
      continue;
    }
    lines.regions.set(p.id, line);
    regions.push({ id: p.id, name: p.name, level: p.level, parentId: p.parentId, regionHead: p.regionHead, polygon: convertPolygon(parsed.data.geometry.coordinates) });
  }

  const gridIdOrPending = (row: { gridId: string | null }, target: object): string => {
    if (row.gridId === null) unassigned.add(target);
    return row.gridId ?? '';
  };

  const addresses: Address[] = readRows('addresses.csv', files['addresses.csv'], ADDRESS_COLUMNS, AddressRowSchema, issues, true).map(({ line, row }) => {
    const [lon, lat] = convert(row.lon, row.lat);
    const address: Address = { id: row.id, text: row.text, road: row.road, number: row.number, building: row.building, unit: row.unit, location: { lon, lat }, gridId: '' };
    address.gridId = gridIdOrPending(row, address);
    lines.addresses.set(row.id, line);
    return address;
  });
  const places: Place[] = readRows('places.csv', files['places.csv'], PLACE_COLUMNS, PlaceRowSchema, issues, true).map(({ line, row }) => {
    const [lon, lat] = convert(row.lon, row.lat);
    const place: Place = {
      id: row.id,
      kind: row.kind,
      name: row.name,
      industry: row.industry,
      size: row.size,
      contactName: row.contactName,
      contactPhone: row.contactPhone,
      addressId: row.addressId,
      location: { lon, lat },
      gridId: '',
      safetyCode: row.safetyCode,
      inspections: row.inspections,
    };
    place.gridId = gridIdOrPending(row, place);
    lines.places.set(row.id, line);
    return place;
  });
  const officers: Officer[] = readRows('officers.csv', files['officers.csv'], OFFICER_COLUMNS, OfficerRowSchema, issues, true).map(({ line, row }) => {
    const [lon, lat] = convert(row.lon, row.lat);
    const officer: Officer = { id: row.id, name: row.name, kind: row.kind, department: row.department, teamId: row.teamId, gridId: '', phone: row.phone, home: { lon, lat }, rosterSlot: row.rosterSlot };
    officer.gridId = gridIdOrPending(row, officer);
    lines.officers.set(row.id, line);
    return officer;
  });
  const teams: Team[] = readRows('teams.csv', files['teams.csv'], TEAM_COLUMNS, TeamRowSchema, issues, false).map(({ line, row }) => {
    const [lon, lat] = convert(row.lon, row.lat);
    lines.teams.set(row.id, line);
    return { id: row.id, name: row.name, kind: row.kind, department: row.department, regionId: row.regionId, base: { lon, lat } };
  });
  const cameras: Camera[] = readRows('cameras.csv', files['cameras.csv'], CAMERA_COLUMNS, CameraRowSchema, issues, false).map(({ line, row }) => {
    const [lon, lat] = convert(row.lon, row.lat);
    const camera: Camera = { id: row.id, name: row.name, kind: row.kind, location: { lon, lat }, heading: row.heading, gridId: '', streamUrl: row.streamUrl };
    camera.gridId = gridIdOrPending(row, camera);
    lines.cameras.set(row.id, line);
    return camera;
  });

  const basemap: BaseMap = { boundary: [], roads: [], water: [], blocks: [], landmarks: [] };
  for (const { line, feature } of readFeatures('basemap.geojson', files['basemap.geojson'], issues, false)) {
    const f = feature as { properties?: Record<string, unknown>; geometry?: unknown };
    const parsed = BasemapFeatureSchema.safeParse({ ...(f?.properties ?? {}), geometry: f?.geometry });
    if (!parsed.success) {
      zodIssues(parsed.error, (field, reason) => issues.add('basemap.geojson', line, field, reason));
      continue;
    }
    const d = parsed.data;
    switch (d.layer) {
      case 'boundary':
        basemap.boundary = convertPolygon(d.geometry.coordinates);
        break;
      case 'road':
        basemap.roads.push({ name: d.name, kind: d.kind, path: d.geometry.coordinates.map(([x, y]) => convert(x!, y!)) });
        break;
      case 'water':
        basemap.water.push({ name: d.name, kind: d.kind, width: d.width, path: d.geometry.coordinates.map(([x, y]) => convert(x!, y!)) });
        break;
      case 'block':
        basemap.blocks.push({ polygon: convertPolygon(d.geometry.coordinates) });
        break;
      case 'landmark': {
        const [lon, lat] = convert(d.geometry.coordinates[0]!, d.geometry.coordinates[1]!);
        basemap.landmarks.push({ name: d.name, location: { lon, lat } });
        break;
      }
    }
  }
  if (!basemap.boundary.length) basemap.boundary = regions.find((r) => r.level === 'command')?.polygon ?? [];

  const { timeZone, admin } = readTownInfo(files['town.json'], issues);

  if (issues.any) return null;
  const town: Town = { regions, addresses, places, officers, teams, cameras, basemap };
  if (timeZone !== undefined) town.timeZone = timeZone;
  if (admin !== undefined) town.admin = admin;
  return { town, lines, unassigned };
}

/** town.json, optional: an absent file names nothing. */
function readTownInfo(text: string | undefined, issues: TownIssues): z.output<typeof TownInfoSchema> {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    issues.add('town.json', 0, '', `is not valid JSON: ${(error as Error).message}`);
    return {};
  }
  const parsed = TownInfoSchema.safeParse(json);
  if (!parsed.success) {
    zodIssues(parsed.error, (field, reason) => issues.add('town.json', 1, field, reason));
    return {};
  }
  return parsed.data;
}
