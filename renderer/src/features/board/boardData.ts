// The town's regions, for the board's counts per emergency region, through the window's cache
// (app/hubApi.ts): read once, read again only after a town import (app/hubCache.ts). The
// incidents themselves come from the queue, which folds the stream into full records (SLA
// timestamps and grid included) with the hub's own reducer: the board reads nothing again
// when an entry arrives.
import { useMemo } from 'react';
import { useTownRegionsQuery } from '../../app/hubApi';
import type { RegionNode } from './boardFigures';

const NONE: RegionNode[] = [];

export function useRegions(): RegionNode[] {
  const { data } = useTownRegionsQuery();
  return useMemo(() => data?.items.map(({ id, name, level, parentId }) => ({ id, name, level, parentId })) ?? NONE, [data]);
}
