// A synchronous Store behind the simulator's async interface, for tests and the bench: no
// worker thread, so a manual clock drives the store's timestamps and the simulator alike.
import type { JournalEntry } from '../../../shared/journal/catalog';
import { DutyFailure } from '../../../shared/errors';
import type { Store } from '../store/store';
import type { SimStore } from './simulator';

/** `appended` hears every committed entry, as the hub's onAppended listeners do. */
export function simStoreOver(store: Store, appended: (entries: JournalEntry[]) => void = () => undefined): SimStore {
  return {
    execute: async (envelope, actor) => {
      const batch = store.executeBatch([{ envelope, actor }]);
      const outcome = batch.outcomes[0]!;
      if (batch.appended.length) appended(batch.appended);
      if (!outcome.ok) throw new DutyFailure(outcome.error.code, outcome.error.message, outcome.error.path);
      return outcome.value;
    },
    incidents: {
      dedupeCandidates: async (draft) => store.incidents.dedupeCandidates(draft),
      recommendations: async (id) => store.incidents.recommendations(id),
    },
    duty: { units: async () => store.duty.units() },
    town: {
      addresses: async () => store.town.addresses(),
      places: async () => store.town.places(),
      basemap: async () => store.town.basemap(),
    },
  };
}
