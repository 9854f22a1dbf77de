// Schemas of the town folder's rows (see electron/hub/town/FORMAT.md). CSV cells arrive as
// strings: each schema turns a row's cells into typed values, or says which cell is wrong
// and why, in words a data clerk can act on.
import { z } from 'zod';
import { isTimeZone } from './time';
import { CAMERA_KINDS, DEPARTMENTS, OFFICER_KINDS, PLACE_KINDS, REGION_LEVELS, SAFETY_CODES, TEAM_KINDS, teamKindOf, type AddressColumns, type TeamKind } from './town';

const ID = /^[A-Za-z0-9._:-]{1,64}$/;
const cell = z.string();

const id = cell.trim().regex(ID, 'must be 1–64 letters, digits or . _ : -');
const optionalId = cell.trim().refine((s) => s === '' || ID.test(s), 'must be empty or 1–64 letters, digits or . _ : -').transform((s) => (s === '' ? null : s));
const text = (max: number) => cell.trim().min(1, 'is empty').max(max, `is longer than ${max} characters`);
const optionalText = (max: number) => cell.trim().max(max, `is longer than ${max} characters`).transform((s) => (s === '' ? null : s));
const decimal = (what: string, min: number, max: number) =>
  cell
    .trim()
    .regex(/^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/, `must be a ${what} in decimal degrees`)
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);
const lon = decimal('longitude', -180, 180);
const lat = decimal('latitude', -90, 90);
const int = (min: number, max: number) =>
  cell
    .trim()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .refine((n) => n >= min && n <= max, `must be between ${min} and ${max}`);
const optionalInt = (min: number, max: number) => z.union([z.literal('').transform(() => null), int(min, max)]);
const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  cell.trim().refine((s): s is T[number] => (values as readonly string[]).includes(s), `must be one of ${values.join(', ')}`) as unknown as z.ZodType<T[number], string>;
const phone = cell.trim().regex(/^[0-9+\-() ]{0,32}$/, 'a phone number has digits, spaces and + - ( ) only');

/** `2025-03-02:pass;2025-09-10:rectify`, newest last; empty for none. */
const inspections = cell.trim().transform((s, ctx) => {
  if (s === '') return [];
  const out: Array<{ date: string; result: 'pass' | 'rectify' | 'fail' }> = [];
  for (const part of s.split(';')) {
    const m = /^(\d{4}-\d{2}-\d{2}):(pass|rectify|fail)$/.exec(part.trim());
    if (!m) {
      ctx.addIssue({ code: 'custom', message: `"${part}" is not DATE:RESULT (e.g. 2025-03-02:pass; results pass, rectify, fail)` });
      return z.NEVER;
    }
    out.push({ date: m[1]!, result: m[2] as 'pass' | 'rectify' | 'fail' });
  }
  return out;
});

export const ADDRESS_COLUMNS = ['id', 'text', 'road', 'number', 'building', 'unit', 'lon', 'lat', 'gridId'] as const satisfies ReadonlyArray<keyof AddressColumns>;
/** A line of addresses.csv: the town's AddressColumns, with the grid left empty to be looked up. */
export type AddressRow = Omit<AddressColumns, 'gridId'> & { gridId: string | null };
export const AddressRowSchema = z.object({
  id,
  text: text(200),
  road: text(64),
  number: int(0, 1_000_000),
  building: optionalInt(0, 100_000),
  unit: optionalInt(0, 10_000),
  lon,
  lat,
  gridId: optionalId,
}) satisfies z.ZodType<AddressRow>;

export const PLACE_COLUMNS = ['id', 'kind', 'name', 'industry', 'size', 'contactName', 'contactPhone', 'addressId', 'lon', 'lat', 'gridId', 'safetyCode', 'inspections'] as const;
export const PlaceRowSchema = z.object({
  id,
  kind: oneOf(PLACE_KINDS),
  name: text(200),
  industry: text(64),
  size: oneOf(['micro', 'small', 'medium', 'large'] as const),
  contactName: optionalText(64).transform((s) => s ?? ''),
  contactPhone: phone,
  addressId: optionalId,
  lon,
  lat,
  gridId: optionalId,
  safetyCode: oneOf(SAFETY_CODES),
  inspections,
});

export const OFFICER_COLUMNS = ['id', 'name', 'kind', 'department', 'teamId', 'gridId', 'phone', 'lon', 'lat', 'rosterSlot'] as const;
export const OfficerRowSchema = z.object({
  id,
  name: text(64),
  kind: oneOf(OFFICER_KINDS),
  department: oneOf(DEPARTMENTS),
  teamId: optionalId,
  gridId: optionalId,
  phone,
  lon,
  lat,
  rosterSlot: optionalInt(1, 366),
});

/** `team` or `station`; the older spelling `jointEnforcement` is read as `team` (teamKindOf). */
const teamKind = cell.trim().transform((s, ctx): TeamKind => {
  const kind = teamKindOf(s);
  if (kind) return kind;
  ctx.addIssue({ code: 'custom', message: `must be one of ${TEAM_KINDS.join(', ')}` });
  return z.NEVER;
});

export const TEAM_COLUMNS = ['id', 'name', 'kind', 'department', 'regionId', 'lon', 'lat'] as const;
export const TeamRowSchema = z.object({
  id,
  name: text(64),
  kind: teamKind,
  department: oneOf(DEPARTMENTS),
  regionId: id,
  lon,
  lat,
});

export const CAMERA_COLUMNS = ['id', 'name', 'kind', 'heading', 'gridId', 'streamUrl', 'lon', 'lat'] as const;
export const CameraRowSchema = z.object({
  id,
  name: text(100),
  kind: oneOf(CAMERA_KINDS),
  heading: optionalInt(0, 359),
  gridId: optionalId,
  streamUrl: cell.trim().max(1000, 'is longer than 1000 characters').refine((s) => /^(\/|https?:\/\/|rtsp:\/\/)/.test(s), 'must be a path starting with / or an http(s):// or rtsp:// URL'),
  lon,
  lat,
});

const position = z.tuple([z.number().finite().min(-180).max(180), z.number().finite().min(-90).max(90)]).rest(z.number());
const ring = z.array(position).min(4, 'a ring has at least 4 positions').refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], 'a ring must be closed: its last position equals its first');

export const RegionFeatureSchema = z.object({
  type: z.literal('Feature'),
  properties: z.object({
    id: z.string().regex(ID, 'must be 1–64 letters, digits or . _ : -'),
    name: z.string().trim().min(1, 'is empty').max(64),
    level: z.enum(REGION_LEVELS, { message: `must be one of ${REGION_LEVELS.join(', ')}` }),
    parentId: z.string().regex(ID).nullable().optional().transform((v) => v ?? null),
    regionHead: z.string().max(64).nullable().optional().transform((v) => v ?? null),
  }),
  geometry: z.object({ type: z.literal('Polygon', { message: 'must be a Polygon' }), coordinates: z.array(ring).min(1) }),
});

export const BASEMAP_LAYERS = ['boundary', 'road', 'water', 'block', 'landmark'] as const;
export const BasemapFeatureSchema = z.discriminatedUnion('layer', [
  z.object({ layer: z.literal('boundary'), geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }) }),
  z.object({
    layer: z.literal('road'),
    name: z.string().max(64),
    kind: z.enum(['main', 'branch']),
    geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  }),
  z.object({
    layer: z.literal('water'),
    name: z.string().max(64),
    kind: z.enum(['river', 'canal']),
    width: z.number().positive().max(2000),
    geometry: z.object({ type: z.literal('LineString'), coordinates: z.array(position).min(2) }),
  }),
  z.object({ layer: z.literal('block'), geometry: z.object({ type: z.literal('Polygon'), coordinates: z.array(ring).min(1) }) }),
  z.object({ layer: z.literal('landmark'), name: z.string().max(64), geometry: z.object({ type: z.literal('Point'), coordinates: position }) }),
]);


export type PlaceRow = z.output<typeof PlaceRowSchema>;
export type OfficerRow = z.output<typeof OfficerRowSchema>;
export type TeamRow = z.output<typeof TeamRowSchema>;
export type CameraRow = z.output<typeof CameraRowSchema>;

const AdminWordSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(40)
  .regex(/^[^\s\d]+$/u, 'must be a name without spaces or digits');

/** 江苏省, or { "name": "秣陵街道", "aliases": ["秣陵镇"] } for forms beyond the one without its suffix. */
const AdminNameSchema = z
  .union([AdminWordSchema, z.strictObject({ name: AdminWordSchema, aliases: z.array(AdminWordSchema).max(10).default([]) })])
  .transform((n) => (typeof n === 'string' ? { name: n, aliases: [] } : n));

/** The town's administrative names (shared/town.ts TownAdmin), each level optional. */
export const TownAdminSchema = z.strictObject({
  province: AdminNameSchema.optional(),
  city: AdminNameSchema.optional(),
  district: AdminNameSchema.optional(),
  town: AdminNameSchema.optional(),
  communities: z.array(AdminNameSchema).max(500).default([]),
});

/** town.json: facts about the town as a whole. */
export const TownInfoSchema = z.strictObject({
  timeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone name, e.g. Asia/Shanghai')
    .optional(),
  admin: TownAdminSchema.optional(),
});
