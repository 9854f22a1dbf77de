// What the wall map reads from the hub, through the window's cache (app/hubApi.ts). The town
// is large and never changes while a window is open: its prepared layers' data (columns,
// cluster index) is derived here per answer, never stored. The risk map, the heat map and
// the focused record are kept current by the stream (app/hubCache.ts folds the entries into
// the cached answers); nothing here polls the hub.
import { skipToken } from '@reduxjs/toolkit/query';
import { useMemo, useState } from 'react';
import type { DutyError } from '../../../../shared/errors';
import type { IncidentRecord } from '../../../../shared/incident/model';
import type { ResponseOf } from '../../../../shared/protocol/api';
import { useRetryOnError } from '../../app/useRetryOnError';
import { useHeatQuery, useIncidentQuery, useRiskQuery, useTownBasemapQuery, useTownCamerasQuery, useTownPlacesQuery, useTownRegionsQuery, useUnitsQuery } from '../../app/hubApi';
import { prepareBasemap, type PreparedBasemap } from './basemapLayers';
import type { Camera } from './cameraLayer';
import { buildPlaceClusters, type PlaceClusterIndex } from './placeClusters';
import { placeColumns, redPlaceColumns, type Place } from './placeLayers';
import { prepareRegions, type PreparedRegions } from './regionLayers';
import type { PointColumns } from './columns';
import { ringCentroid } from './geometry';
import { HEAT_WINDOW_DAYS } from './heatLayer';
import type { GridRiskItem, MapGrid } from './riskLayer';
import type { MapUnit } from './unitLayer';

export interface TownLayersData {
  basemap: PreparedBasemap;
  regions: PreparedRegions;
  places: readonly Place[];
  placePoints: PointColumns;
  /** Red-coded places, and each one's row in `places`. */
  redPlaces: { columns: PointColumns; rows: number[] };
  placeClusters: PlaceClusterIndex;
  cameras: readonly Camera[];
  /** The grids (the smallest regions), for the risk map and the patrol suggestion. */
  grids: readonly MapGrid[];
  /** lon/lat bounds of the town boundary: [[west, south], [east, north]]. */
  bounds: [[number, number], [number, number]];
}

/** The town's layers' data from the four answers (pure, so each answer is prepared once). */
export function townLayersOf(
  basemap: ResponseOf<'townBasemap'>,
  regions: ResponseOf<'townRegions'>,
  places: ResponseOf<'townPlaces'>,
  cameras: ResponseOf<'townCameras'>,
): TownLayersData {
  const ring = basemap.boundary[0] ?? [];
  const lons = ring.map((p) => p[0]);
  const lats = ring.map((p) => p[1]);
  return {
    basemap: prepareBasemap(basemap),
    regions: prepareRegions(regions.items),
    places: places.items,
    placePoints: placeColumns(places.items),
    redPlaces: redPlaceColumns(places.items),
    placeClusters: buildPlaceClusters(places.items),
    cameras: cameras.items,
    grids: regions.items
      .filter((region) => region.level === 'grid')
      .map((region) => ({ id: region.id, name: region.name, ring: region.polygon[0] ?? [], centre: ringCentroid(region.polygon[0] ?? []) })),
    bounds: [
      [Math.min(...lons), Math.min(...lats)],
      [Math.max(...lons), Math.max(...lats)],
    ],
  };
}

/** The town's layers' data, read once; retried while the hub cannot answer. */
export function useTownLayersData(): { town: TownLayersData | null; error: string | null } {
  const basemap = useTownBasemapQuery();
  const regions = useTownRegionsQuery();
  const places = useTownPlacesQuery();
  const cameras = useTownCamerasQuery();
  const failed = [basemap, regions, places, cameras].find((read) => read.isError);
  useRetryOnError(failed?.error, failed?.refetch ?? noop);
  const town = useMemo(
    () => (basemap.data && regions.data && places.data && cameras.data ? townLayersOf(basemap.data, regions.data, places.data, cameras.data) : null),
    [basemap.data, regions.data, places.data, cameras.data],
  );
  return { town, error: failed ? (failed.error as DutyError).code : null };
}

function noop(): void {}

/**
 * The list says who the units are; where they are and what they do arrive on the stream
 * each second (useLiveUnits). A town import (app/hubCache.ts) is what changes the list.
 */
export function useUnits(): MapUnit[] | null {
  return useUnitsQuery().data?.items ?? null;
}

/** The full record of the focused incident (for its assignments), kept current by the stream's entries about it. */
export function useFocusedRecord(incidentId: string | null): IncidentRecord | null {
  const { data } = useIncidentQuery(incidentId ? { params: { id: incidentId } } : skipToken);
  return useMemo(() => {
    if (!data || data.id !== incidentId) return null;
    const { reports: _reports, ...record } = data;
    return record as IncidentRecord;
  }, [data, incidentId]);
}

/** The five-colour risk map: `risk.changed` entries patch the cached answer as they arrive. */
export function useRiskMap(): GridRiskItem[] | null {
  return useRiskQuery().data?.items ?? null;
}

/** Far above a month of a busy town (≈165 a day); the hub sends three numbers for each. */
export const HEAT_FETCH_LIMIT = 50_000;

/** Where incidents were reported in the last 30 days (lon/lat/ms triples), read once `active`; new reports are folded in from the stream. */
export function useHeat(active: boolean): number[] | null {
  // One month from when the window first asked: the cached answer is then patched, not re-asked.
  const [since] = useState(() => new Date(Date.now() - HEAT_WINDOW_DAYS * 86_400_000).toISOString());
  return useHeatQuery(active ? { query: { since, limit: HEAT_FETCH_LIMIT } } : skipToken).data?.points ?? null;
}
