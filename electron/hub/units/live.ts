// The hub's live unit positions: a tracker seeded from the store, kept in step with the
// journal, and published to stream clients once a second (only the units that changed).
import type { StreamServerMessage } from '../../../shared/protocol/schemas';
import type { UnitPositions } from '../../../shared/protocol/units';
import type { StoreClient } from '../store/thread/client';
import { UnitTracker } from './tracker';

export const POSITIONS_INTERVAL_MS = 1_000;

export interface LiveUnits {
  tracker: UnitTracker;
  /** Every unit now: the HTTP endpoint and each new stream client get this. */
  positions(): UnitPositions;
  /** Starts the 1 Hz feed; `publish` gets only the units that changed since the last one. */
  start(publish: (message: StreamServerMessage) => void): void;
  stop(): void;
}

async function seed(store: StoreClient, tracker: UnitTracker): Promise<void> {
  const [units, open] = await Promise.all([store.duty.units(), store.incidents.list('open', 1_000_000)]);
  tracker.reset(units, open);
}

export async function startLiveUnits(store: StoreClient, options: { intervalMs?: number; now?: () => Date } = {}): Promise<LiveUnits> {
  const now = options.now ?? (() => new Date());
  const tracker = new UnitTracker();
  await seed(store, tracker);
  let reseeding: Promise<void> = Promise.resolve();
  store.onAppended((entries) => {
    tracker.apply(entries);
    // A new town brings new units: start over from their bases.
    if (entries.some((e) => e.type === 'town.imported')) reseeding = reseeding.then(() => seed(store, tracker)).catch(() => undefined);
  });
  let timer: ReturnType<typeof setInterval> | undefined;
  return {
    tracker,
    positions: () => ({ at: now().toISOString(), units: tracker.snapshot() }),
    start(publish) {
      tracker.tick(); // clients start from a snapshot; the feed sends what changes after it
      timer = setInterval(() => {
        const units = tracker.tick();
        if (units.length) publish({ type: 'positions', at: now().toISOString(), units });
      }, options.intervalMs ?? POSITIONS_INTERVAL_MS);
      timer.unref();
    },
    stop() {
      clearInterval(timer);
    },
  };
}
