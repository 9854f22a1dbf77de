// The queue as the operator has narrowed and ordered it. Memoized on the records, the view
// and the regions: a batch of entries re-filters and re-sorts once, a ticking clock never
// does unless "overdue only" is on.
import { createSelector } from '@reduxjs/toolkit';
import { comparatorFor, matchesFilters, regionChains } from './queueFilters';
import { selectAllOpen, selectQueueRegions, selectQueueSla, selectQueueView, type QueueState } from './queueSlice';

type WithQueue = { queue: QueueState };

export const selectRegionChains = createSelector([selectQueueRegions], (regions) => regionChains(regions));

/** `now` matters only to the overdue filter; otherwise it is pinned so the list stays memoized. */
const overdueClock = (state: WithQueue, now: number) => (state.queue.view.filters.overdueOnly ? now : 0);

export const selectQueueRows = createSelector(
  [selectAllOpen, selectQueueView, selectQueueSla, selectRegionChains, overdueClock],
  (all, view, config, chains, now) => {
    const context = { config, chains, now };
    const rows = all.filter((record) => matchesFilters(record, view.filters, context));
    return rows.sort(comparatorFor(view.sort, config));
  },
);
