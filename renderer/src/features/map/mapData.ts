// What the wall map loads from the hub. The town is large and never changes while a
// window is open, so it stays out of Redux (the store keeps what changes and what other
// windows share); thunks are used only to reach the API client and the session token.
import { useEffect, useState } from 'react';
import { toDutyError } from '../../app/api';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectIncidentById } from '../queue/queueSlice';
import type { AppThunk } from '../../app/store';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { prepareBasemap, type PreparedBasemap } from './basemapLayers';
import type { Camera } from './cameraLayer';
import { buildPlaceClusters, type PlaceClusterIndex } from './placeClusters';
import { placeColumns, redPlaceColumns, type Place } from './placeLayers';
import { prepareRegions, type PreparedRegions } from './regionLayers';
import type { PointColumns } from './columns';
import { ringCentroid } from './geometry';
import { HEAT_WINDOW_DAYS } from './heatLayer';
import { mapFeed } from './mapFeed';
import { withRiskChanges, type GridRiskItem, type MapGrid } from './riskLayer';
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

function loadTown(): AppThunk<Promise<TownLayersData>> {
  return async (_dispatch, getState, { api }) => {
    const token = getState().session.token;
    const [basemap, regions, places, cameras] = await Promise.all([
      api.call('townBasemap', { token }),
      api.call('townRegions', { token }),
      api.call('townPlaces', { token }),
      api.call('townCameras', { token }),
    ]);
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
  };
}

const TOWN_RETRY_MS = 3_000;

/** The town's layers' data, loaded once; retried while the hub cannot answer. */
export function useTownLayersData(): { town: TownLayersData | null; error: string | null } {
  const dispatch = useAppDispatch();
  const [town, setTown] = useState<TownLayersData | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    dispatch(loadTown()).then(
      (data) => live && setTown(data),
      (cause: unknown) => {
        if (!live) return;
        setError(toDutyError(cause).code);
        setTimeout(() => live && setAttempt((n) => n + 1), TOWN_RETRY_MS);
      },
    );
    return () => {
      live = false;
    };
  }, [dispatch, attempt]);
  return { town, error };
}

function loadUnits(): AppThunk<Promise<MapUnit[]>> {
  return async (_dispatch, getState, { api }) => (await api.call('units', { token: getState().session.token })).items;
}

/**
 * The list says who the units are; where they are and what they do arrive on the stream
 * each second (useLiveUnits), so the list is re-read only to pick up new or renamed units.
 */
export const UNIT_REFRESH_MS = 60_000;

export function useUnits(): MapUnit[] | null {
  const dispatch = useAppDispatch();
  const [units, setUnits] = useState<MapUnit[] | null>(null);
  useEffect(() => {
    let live = true;
    const refresh = () =>
      dispatch(loadUnits()).then(
        (items) => live && setUnits(items),
        () => undefined, // keep the last list; the link pill already says the hub is away
      );
    void refresh();
    const timer = setInterval(refresh, UNIT_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [dispatch]);
  return units;
}

function loadIncidentRecord(id: string): AppThunk<Promise<IncidentRecord>> {
  return async (_dispatch, getState, { api }) => {
    const { reports: _reports, ...record } = await api.call('incident', { token: getState().session.token, params: { id } });
    return record as IncidentRecord;
  };
}

/** The full record of the focused incident (for its assignments), re-read when it changes. */
export function useFocusedRecord(incidentId: string | null): IncidentRecord | null {
  const dispatch = useAppDispatch();
  const lastSeq = useAppSelector((state) => (incidentId ? (selectIncidentById(state, incidentId)?.lastSeq ?? 0) : 0));
  const [record, setRecord] = useState<IncidentRecord | null>(null);
  useEffect(() => {
    if (!incidentId) {
      setRecord(null);
      return;
    }
    let live = true;
    dispatch(loadIncidentRecord(incidentId)).then(
      (loaded) => live && setRecord(loaded),
      () => live && setRecord(null),
    );
    return () => {
      live = false;
    };
  }, [dispatch, incidentId, lastSeq]);
  return record && record.id === incidentId ? record : null;
}

/** Re-read every minute: scores move without a colour change, and only colour changes are journaled. */
export const RISK_REFRESH_MS = 60_000;

function loadRisk(): AppThunk<Promise<GridRiskItem[]>> {
  return async (_dispatch, getState, { api }) => (await api.call('risk', { token: getState().session.token })).items;
}

/** The five-colour risk map: `risk.changed` entries patch it as they arrive; read every minute. */
export function useRiskMap(): GridRiskItem[] | null {
  const dispatch = useAppDispatch();
  const [items, setItems] = useState<GridRiskItem[] | null>(null);
  useEffect(() => {
    let live = true;
    // The map as last shown, so an entry patches what is on screen (the effect owns it).
    let shown: GridRiskItem[] | null = null;
    const show = (next: GridRiskItem[]) => {
      shown = next;
      setItems(next);
    };
    const refresh = () =>
      dispatch(loadRisk()).then(
        (loaded) => live && show(loaded),
        () => undefined, // keep the last map; the link pill says the hub is away
      );
    void refresh();
    const timer = setInterval(refresh, RISK_REFRESH_MS);
    const unsubscribe = mapFeed.onRiskChanged((changes) => {
      if (!shown) return; // the first read is on its way and includes them
      const patched = withRiskChanges(shown, changes);
      if (patched) show(patched);
      else void refresh();
    });
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [dispatch]);
  return items;
}

/** The month behind the heat map changes slowly: a fresh read every few minutes is plenty. */
export const HEAT_REFRESH_MS = 5 * 60_000;
/** Far above a month of a busy town (≈165 a day); the hub sends three numbers for each. */
export const HEAT_FETCH_LIMIT = 50_000;

function loadHeat(): AppThunk<Promise<number[]>> {
  return async (_dispatch, getState, { api, now }) => {
    const since = new Date(now() - HEAT_WINDOW_DAYS * 86_400_000).toISOString();
    const { points } = await api.call('heat', { token: getState().session.token, query: { since, limit: HEAT_FETCH_LIMIT } });
    return points;
  };
}

/** Where incidents were reported in the last 30 days (lon/lat/ms triples), loaded while `active`, refreshed every few minutes. */
export function useHeat(active: boolean): number[] | null {
  const dispatch = useAppDispatch();
  const [items, setItems] = useState<number[] | null>(null);
  useEffect(() => {
    if (!active) return;
    let live = true;
    const refresh = () =>
      dispatch(loadHeat()).then(
        (loaded) => live && setItems(loaded),
        () => undefined,
      );
    void refresh();
    const timer = setInterval(refresh, HEAT_REFRESH_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [dispatch, active]);
  return items;
}
