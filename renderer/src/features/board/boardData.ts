// The town's regions, read once when the board opens, for its counts per emergency region. The
// incidents themselves come from the queue, which folds the stream into full records
// (SLA timestamps and grid included) with the hub's own reducer: the board reads nothing
// again when an entry arrives.
import { useEffect, useState } from 'react';
import { useAppDispatch } from '../../app/hooks';
import type { AppThunk } from '../../app/store';
import type { RegionNode } from './boardFigures';

function loadRegions(): AppThunk<Promise<RegionNode[]>> {
  return async (_dispatch, getState, { api }) =>
    (await api.call('townRegions', { token: getState().session.token })).items.map(({ id, name, level, parentId }) => ({ id, name, level, parentId }));
}

export function useRegions(): RegionNode[] {
  const dispatch = useAppDispatch();
  const [regions, setRegions] = useState<RegionNode[]>([]);
  useEffect(() => {
    let live = true;
    dispatch(loadRegions()).then(
      (items) => live && setRegions(items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dispatch]);
  return regions;
}
