// The queue as the operator has narrowed and ordered it, the open incidents newest first, and
// the counts behind each filter option. They follow the records batch by batch
// (./incremental.ts): a batch patches the last list and counts rather than re-filtering,
// re-sorting and re-counting every record; a change of view, SLA or regions rebuilds them. A
// ticking clock changes nothing unless "overdue only" is on.
//
// Each view remembers its last answer to patch the next one, so the selectors are made per
// store (makeQueueSelectors; components reach their store's through ./useQueueSelectors.ts):
// two windows' stores, or two tests', never patch each other's lists.
import { createSelector } from '@reduxjs/toolkit';
import type { IncidentState } from '../../../../shared/domain';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { DEFAULT_SLA, type SlaConfig } from '../../../../shared/sla';
import { incrementalList, recordChanges, type RecordsSnapshot } from './incremental';
import { recordIn } from './recordShards';
import { comparatorFor, facetsOf, facetsPatched, matchesFilters, regionChains, type QueueFacets, type QueueView } from './queueFilters';
import { selectQueueRegions, type QueueState } from './queueSlice';

type WithQueue = { queue: QueueState };

interface RowsKey {
  view: QueueView;
  config: SlaConfig;
  chains: Map<string, Set<string>>;
  now: number;
}

export interface QueueSelectors {
  /** The queue's rows, filtered and sorted. `now` matters only to the overdue filter; otherwise it is pinned so the list stays the same. */
  selectQueueRows(state: WithQueue, now: number): IncidentRecord[];
  /** How many open incidents each filter option would show. */
  selectQueueFacets(state: WithQueue): QueueFacets;
  /** Every open incident, newest first (the board, the map, the desk and the wall read this). */
  selectOpenIncidents(state: WithQueue): IncidentRecord[];
  /** How many open incidents are in each state. */
  selectCountsByState(state: WithQueue): Partial<Record<IncidentState, number>>;
}

/** One store's queue selectors, each remembering its own last answer. */
export function makeQueueSelectors(): QueueSelectors {
  // For each region, itself and every region above it (the region filter's chains).
  const selectRegionChains = createSelector([selectQueueRegions], (regions) => regionChains(regions));
  const rowsOf = incrementalList<RowsKey>(
    (a, b) => a.view === b.view && a.config === b.config && a.chains === b.chains && a.now === b.now,
    ({ view, config, chains, now }) => {
      const context = { config, chains, now };
      return { keep: (record) => matchesFilters(record, view.filters, context), compare: comparatorFor(view.sort, config) };
    },
  );
  const newestFirst = incrementalList<null>(
    () => true,
    () => ({ keep: () => true, compare: comparatorFor('newest', DEFAULT_SLA) }),
  );

  let lastFacets: { snapshot: RecordsSnapshot; chains: Map<string, Set<string>>; facets: QueueFacets } | null = null;
  const selectQueueFacets = (state: WithQueue): QueueFacets => {
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
    lastFacets = { snapshot: { ids: snapshot.ids, records: snapshot.records, revision: snapshot.revision }, chains, facets };
    return facets;
  };

  return {
    selectQueueRows: (state, now) => {
      const { queue } = state;
      return rowsOf(queue, { view: queue.view, config: queue.sla, chains: selectRegionChains(state), now: queue.view.filters.overdueOnly ? now : 0 });
    },
    selectQueueFacets,
    selectOpenIncidents: (state) => newestFirst(state.queue, null),
    selectCountsByState: (state) => selectQueueFacets(state).state,
  };
}
