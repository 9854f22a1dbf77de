// The town's read endpoints: what every window loads once to draw and reason about the
// town (regions, base map, cameras, places, units) and the point → regions lookup.
import { z } from 'zod';
import { DATUMS } from '../geo/datum';
import { CAMERA_KINDS, DEPARTMENTS, OFFICER_KINDS, PLACE_KINDS, REGION_LEVELS, SAFETY_CODES, TEAM_KINDS } from '../town';

const Position = z.tuple([z.number(), z.number()]);
const PolygonSchema = z.array(z.array(Position));
const LonLat = z.object({ lon: z.number(), lat: z.number() });
const RegionLevelSchema = z.enum(REGION_LEVELS);

export const TownRegionSchema = z.object({
  id: z.string(),
  name: z.string(),
  level: RegionLevelSchema,
  parentId: z.string().nullable(),
  regionHead: z.string().nullable(),
  polygon: PolygonSchema,
});

export const TownRegionsQuerySchema = z.strictObject({ level: RegionLevelSchema.optional() });
export const TownRegionsSchema = z.object({ items: z.array(TownRegionSchema) });

export const BaseMapSchema = z.object({
  boundary: PolygonSchema,
  roads: z.array(z.object({ name: z.string(), kind: z.enum(['main', 'branch']), path: z.array(Position) })),
  water: z.array(z.object({ name: z.string(), kind: z.enum(['river', 'canal']), path: z.array(Position), width: z.number() })),
  blocks: z.array(z.object({ polygon: PolygonSchema })),
  landmarks: z.array(z.object({ name: z.string(), location: LonLat })),
});

export const CameraSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(CAMERA_KINDS),
  location: LonLat,
  heading: z.number().nullable(),
  gridId: z.string(),
  streamUrl: z.string(),
});
export const TownCamerasSchema = z.object({ items: z.array(CameraSchema) });

export const PlaceSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(PLACE_KINDS),
  name: z.string(),
  lon: z.number(),
  lat: z.number(),
  safetyCode: z.enum(SAFETY_CODES),
  gridId: z.string(),
});
/** A place of the town as every window reads it (a map point, a cluster member). */
export type PlaceSummary = z.infer<typeof PlaceSummarySchema>;
export const TownPlacesSchema = z.object({ items: z.array(PlaceSummarySchema) });

export const OfficerSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(OFFICER_KINDS),
  department: z.enum(DEPARTMENTS),
  teamId: z.string().nullable(),
  gridId: z.string(),
  /** Masked (138****5678) for roles that do not need to call people. */
  phone: z.string(),
  home: LonLat,
  rosterSlot: z.number().nullable(),
});
export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  department: z.enum(DEPARTMENTS),
  regionId: z.string(),
  kind: z.enum(TEAM_KINDS),
  base: LonLat,
});
export const TownUnitsSchema = z.object({ officers: z.array(OfficerSchema), teams: z.array(TeamSchema), stations: z.array(TeamSchema) });

export const LocateQuerySchema = z.strictObject({
  lon: z.coerce.number().finite().min(-180).max(180),
  lat: z.coerce.number().finite().min(-90).max(90),
});
const RegionRefSchema = z.object({ id: z.string(), name: z.string(), level: RegionLevelSchema, regionHead: z.string().nullable() });
/** The grid and the regions above it (ancestors), grid's parent first; grid null outside the town. */
export const LocateSchema = z.object({ grid: RegionRefSchema.nullable(), ancestors: z.array(RegionRefSchema) });

export const TownMetaSchema = z.object({
  imported: z.boolean(),
  source: z.string().nullable(),
  datum: z.enum(DATUMS).nullable(),
  contentHash: z.string().nullable(),
  importedAt: z.string().nullable(),
  counts: z.record(z.string(), z.number()).nullable(),
  /** The IANA time zone the town's days and clocks are read in: town.json's, or Asia/Shanghai. */
  timeZone: z.string(),
});

/** Spread into the API map (api.ts). */
export const TOWN_API = {
  town: { method: 'GET', path: '/town', auth: true, response: TownMetaSchema },
  townRegions: { method: 'GET', path: '/town/regions', auth: true, query: TownRegionsQuerySchema, response: TownRegionsSchema },
  townBasemap: { method: 'GET', path: '/town/basemap', auth: true, response: BaseMapSchema },
  townCameras: { method: 'GET', path: '/town/cameras', auth: true, response: TownCamerasSchema },
  townPlaces: { method: 'GET', path: '/town/places', auth: true, response: TownPlacesSchema },
  townUnits: { method: 'GET', path: '/town/units', auth: true, response: TownUnitsSchema },
  townLocate: { method: 'GET', path: '/town/locate', auth: true, query: LocateQuerySchema, response: LocateSchema },
} as const;
export type TownEndpointName = keyof typeof TOWN_API;
