// The wall map reads the stream's risk.changed entries outside Redux (./mapFeed.ts): each
// batch the store applies is handed to the feed as it lands.
import { journalEntriesApplied } from '../../app/journalActions';
import type { ListenerSetup } from '../../app/store';
import type { MapFeed } from './mapFeed';

export function mapListeners(feed: MapFeed): ListenerSetup {
  return (startListening) => {
    startListening({ actionCreator: journalEntriesApplied, effect: (action) => feed.entries(action.payload) });
  };
}
