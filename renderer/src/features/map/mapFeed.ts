// What the journal stream carries that the wall map reads outside Redux: the hub's 1 Hz
// live unit positions (never journal entries, too frequent for the store). The stream
// (app/sync.ts) publishes them here in every window; a window without a map keeps only the
// newest position per unit, nothing more. Journal entries (the risk map's colour changes
// among them) patch the window's cache instead (app/hubCache.ts).
import type { UnitPosition, UnitPositions } from '../../../../shared/protocol/units';

type PositionsListener = (units: readonly UnitPosition[]) => void;

export interface MapFeed {
  /** A stream `positions` message: a snapshot right after ready, then the units that changed. */
  positions(message: UnitPositions): void;
  /** The newest position heard for every unit, to start a map that opens after the snapshot. */
  latest(): ReadonlyMap<string, UnitPosition>;
  onPositions(listener: PositionsListener): () => void;
}

export function createMapFeed(): MapFeed {
  const latest = new Map<string, UnitPosition>();
  const positionListeners = new Set<PositionsListener>();
  return {
    positions(message) {
      for (const unit of message.units) latest.set(unit.id, unit);
      // Listeners time samples by the wall's own clock: the hub's may be off by seconds.
      for (const listener of positionListeners) listener(message.units);
    },
    latest: () => latest,
    onPositions(listener) {
      positionListeners.add(listener);
      return () => positionListeners.delete(listener);
    },
  };
}

/** The window's one feed, filled by the stream and read by the wall map. */
export const mapFeed = createMapFeed();
