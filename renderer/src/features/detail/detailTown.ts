// What the detail reads once per window and never changes while it is open: the base map
// around incidents, the cameras, and the lead-department table. Kept out of Redux like the
// wall map's town (features/map/mapData.ts); one request each, shared by every render.
import { useEffect, useState } from 'react';
import type { ResponseOf } from '../../../../shared/protocol/api';
import type { ApiClient } from '../../app/api';
import { useAppDispatch } from '../../app/hooks';
import type { AppThunk } from '../../app/store';

export interface DetailTown {
  basemap: ResponseOf<'townBasemap'> | null;
  cameras: ResponseOf<'townCameras'>['items'];
  config: ResponseOf<'config'> | null;
}

const cache = new WeakMap<ApiClient, Promise<DetailTown>>();

function loadTown(): AppThunk<Promise<DetailTown>> {
  return (_dispatch, getState, { api }) => {
    const cached = cache.get(api);
    if (cached) return cached;
    const token = getState().session.token;
    // A hub without an imported town answers 404 for these: the detail then goes without a map.
    const loading = Promise.all([
      api.call('townBasemap', { token }).catch(() => null),
      api.call('townCameras', { token }).then((r) => r.items, () => []),
      api.call('config', { token }).catch(() => null),
    ]).then(([basemap, cameras, config]) => ({ basemap, cameras, config }));
    cache.set(api, loading);
    // A failure of all three is likely a hub away: try again on the next mount.
    void loading.then((town) => {
      if (!town.basemap && !town.cameras.length && !town.config) cache.delete(api);
    });
    return loading;
  };
}

const EMPTY: DetailTown = { basemap: null, cameras: [], config: null };

export function useDetailTown(): DetailTown {
  const dispatch = useAppDispatch();
  const [town, setTown] = useState<DetailTown>(EMPTY);
  useEffect(() => {
    let live = true;
    void dispatch(loadTown()).then((loaded) => {
      if (live) setTown(loaded);
    });
    return () => {
      live = false;
    };
  }, [dispatch]);
  return town;
}
