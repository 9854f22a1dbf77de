// What the journal stream carries that the wall map reads outside Redux: the hub's 1 Hz
// live unit positions (never journal entries, too frequent for the store) and the risk
// map's colour changes (`risk.changed` entries, which the map patches in). The stream
// (app/sync.ts) publishes positions here in every window, and ./mapListeners.ts each batch of
// entries; a window without a map keeps only the newest position per unit, nothing more.
import type { EntryType, JournalEntry, JournalEntryOf } from '../../../../shared/journal/catalog';
import type { UnitPosition, UnitPositions } from '../../../../shared/protocol/units';

/** The journal entry the hub appends when a grid's five-colour risk level changes (shared/journal/catalog.ts). */
export const RISK_CHANGED = 'risk.changed' satisfies EntryType;

type PositionsListener = (units: readonly UnitPosition[]) => void;
/** The `risk.changed` entries of one batch, in seq order. */
export type RiskListener = (changes: ReadonlyArray<JournalEntryOf<'risk.changed'>>) => void;

export interface MapFeed {
  /** A stream `positions` message: a snapshot right after ready, then the units that changed. */
  positions(message: UnitPositions): void;
  /** Journal entries in seq order, as the stream delivers them. */
  entries(entries: readonly JournalEntry[]): void;
  /** The newest position heard for every unit, to start a map that opens after the snapshot. */
  latest(): ReadonlyMap<string, UnitPosition>;
  onPositions(listener: PositionsListener): () => void;
  onRiskChanged(listener: RiskListener): () => void;
}

export function createMapFeed(): MapFeed {
  const latest = new Map<string, UnitPosition>();
  const positionListeners = new Set<PositionsListener>();
  const riskListeners = new Set<RiskListener>();
  return {
    positions(message) {
      for (const unit of message.units) latest.set(unit.id, unit);
      // Listeners time samples by the wall's own clock: the hub's may be off by seconds.
      for (const listener of positionListeners) listener(message.units);
    },
    entries(entries) {
      if (!riskListeners.size) return;
      const changes = entries.filter((entry): entry is JournalEntryOf<'risk.changed'> => entry.type === RISK_CHANGED);
      if (!changes.length) return;
      for (const listener of riskListeners) listener(changes);
    },
    latest: () => latest,
    onPositions(listener) {
      positionListeners.add(listener);
      return () => positionListeners.delete(listener);
    },
    onRiskChanged(listener) {
      riskListeners.add(listener);
      return () => riskListeners.delete(listener);
    },
  };
}

/** The window's one feed, filled by the stream and read by the wall map. */
export const mapFeed = createMapFeed();
