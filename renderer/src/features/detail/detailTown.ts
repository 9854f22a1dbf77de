// What the detail reads once per window and never changes while it is open: the base map
// around incidents, the cameras, and the lead-department table, through the window's cache
// (app/hubApi.ts), shared with the wall map's reads of the same. A hub without an imported
// town answers 404 for the town's: the detail then goes without a map.
import { useMemo } from 'react';
import type { ResponseOf } from '../../../../shared/protocol/api';
import { useConfigQuery, useTownBasemapQuery, useTownCamerasQuery } from '../../app/hubApi';

export interface DetailTown {
  basemap: ResponseOf<'townBasemap'> | null;
  cameras: ResponseOf<'townCameras'>['items'];
  config: ResponseOf<'config'> | null;
}

const NO_CAMERAS: ResponseOf<'townCameras'>['items'] = [];

export function useDetailTown(): DetailTown {
  const basemap = useTownBasemapQuery().data ?? null;
  const cameras = useTownCamerasQuery().data?.items ?? NO_CAMERAS;
  const config = useConfigQuery().data ?? null;
  return useMemo(() => ({ basemap, cameras, config }), [basemap, cameras, config]);
}
