// A component's way to its own store's queue selectors (./queueSelectors.ts): made the first
// time a store asks, and forgotten with the store.
import { useStore } from 'react-redux';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { useAppSelector } from '../../app/hooks';
import { makeQueueSelectors, type QueueSelectors } from './queueSelectors';

const byStore = new WeakMap<object, QueueSelectors>();

/** The queue selectors of `store`, the same for every call with the same store. */
export function queueSelectorsOf(store: object): QueueSelectors {
  let selectors = byStore.get(store);
  if (!selectors) byStore.set(store, (selectors = makeQueueSelectors()));
  return selectors;
}

export function useQueueSelectors(): QueueSelectors {
  return queueSelectorsOf(useStore());
}

/** Every open incident, newest first. */
export function useOpenIncidents(): IncidentRecord[] {
  return useAppSelector(useQueueSelectors().selectOpenIncidents);
}
