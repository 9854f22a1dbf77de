// The queue as the operator has narrowed and ordered it, and the counts behind each filter
// option. Both follow the records batch by batch (./incremental.ts): a batch patches the
// last list and counts rather than re-filtering, re-sorting and re-counting every record; a
// change of view, SLA or regions rebuilds them. A ticking clock changes nothing unless
// "overdue only" is on.
import { createSelector } from '@reduxjs/toolkit';
import { incrementalList, recordChanges, type RecordsSnapshot } from './incremental';
import { recordIn } from './recordShards';
import { comparatorFor, facetsOf, facetsPatched, matchesFilters, regionChains, type QueueFacets, type QueueView } from './queueFilters';
import { selectQueueRegions, type QueueState } from './queueSlice';
import type { SlaConfig } from '../../../../shared/sla';

type WithQueue = { queue: QueueState };

export const selectRegionChains = createSelector([selectQueueRegions], (regions) => regionChains(regions));

interface RowsKey {
  view: QueueView;
  config: SlaConfig;
  chains: Map<string, Set<string>>;
  now: number;
}

const rowsOf = incrementalList<RowsKey>(
  (a, b) => a.view === b.view && a.config === b.config && a.chains === b.chains && a.now === b.now,
  ({ view, config, chains, now }) => {
    const context = { config, chains, now };
    return { keep: (record) => matchesFilters(record, view.filters, context), compare: comparatorFor(view.sort, config) };
  },
);

/** `now` matters only to the overdue filter; otherwise it is pinned so the list stays the same. */
export function selectQueueRows(state: WithQueue, now: number) {
  const { queue } = state;
  return rowsOf(queue, { view: queue.view, config: queue.sla, chains: selectRegionChains(state), now: queue.view.filters.overdueOnly ? now : 0 });
}

let lastFacets: { snapshot: RecordsSnapshot; chains: Map<string, Set<string>>; facets: QueueFacets } | null = null;

/** How many open incidents each filter option would show. */
export function selectQueueFacets(state: WithQueue): QueueFacets {
  const snapshot = state.queue;
  const chains = selectRegionChains(state);
  if (lastFacets?.snapshot.ids === snapshot.ids && lastFacets.snapshot.records === snapshot.records && lastFacets.chains === chains) return lastFacets.facets;
  let facets: QueueFacets;
  if (lastFacets?.chains === chains) {
    const { before, after } = recordChanges(lastFacets.snapshot, snapshot);
    facets = facetsPatched(lastFacets.facets, before, after, chains);
  } else {
    facets = facetsOf(
      snapshot.ids.map((id) => recordIn(snapshot.records, id)!),
      chains,
    );
  }
  lastFacets = { snapshot: { ids: snapshot.ids, records: snapshot.records }, chains, facets };
  return facets;
}
