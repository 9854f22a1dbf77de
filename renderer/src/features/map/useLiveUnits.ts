// Units at 1 Hz from the stream's `positions` messages: the positions, the status colours
// and the last minute's trails live in typed arrays held by this hook, never in Redux. An
// update replaces the unit layer's position buffer and the trail buffers and nothing else.
import { useCallback, useEffect, useRef, useState } from 'react';
import { mapFeed } from './mapFeed';
import { TrailBuffer, type TrailColumns } from './unitTrails';
import { movedUnits, rowColor, unitPositionsOf, type PositionUpdate, type UnitColumns, type UnitPositions } from './unitLayer';

export interface LiveUnitsFrame {
  positions: UnitPositions;
  trails: TrailColumns;
}

interface LiveState {
  columns: UnitColumns;
  /** The unit ids the trail buffer's rows stand for, joined. */
  ids: string;
  positions: UnitPositions;
  trails: TrailBuffer;
  /** Local time of the last frame, and whether it had any trail to fade. */
  lastAt: number;
  hadTrails: boolean;
}

/** Trails fade by the wall's own clock even while nothing moves. */
const FADE_TICK_MS = 1_000;

export function useLiveUnits(columns: UnitColumns | null): {
  frame: LiveUnitsFrame | null;
  /** Applies one batch as the stream would (the bench and tests call it too); local time. */
  apply: (updates: readonly PositionUpdate[], at?: number) => void;
} {
  const live = useRef<LiveState | null>(null);
  const [frame, setFrame] = useState<LiveUnitsFrame | null>(null);

  const publish = useCallback((state: LiveState, now: number) => {
    const trails = state.trails.columns(now, (row) => rowColor(state.positions, row));
    state.lastAt = now;
    state.hadTrails = trails.length > 0;
    setFrame({ positions: state.positions, trails });
  }, []);

  // A new unit list (statuses re-read over HTTP) keeps the trails when the same units come back.
  useEffect(() => {
    if (!columns) {
      live.current = null;
      setFrame(null);
      return;
    }
    const ids = [...columns.rowOf.keys()].join('\n');
    const previous = live.current;
    const trails = previous && previous.ids === ids ? previous.trails : new TrailBuffer(columns.length);
    // The stream's newest word on each unit beats the list's (which may be seconds old).
    const heard = [...mapFeed.latest().values()];
    const positions = movedUnits(columns, unitPositionsOf(columns), heard);
    const now = Date.now();
    if (trails !== previous?.trails) for (const unit of heard) trails.push(columns.rowOf.get(unit.id) ?? -1, unit.lon, unit.lat, now);
    const state: LiveState = { columns, ids, positions, trails, lastAt: now, hadTrails: false };
    live.current = state;
    publish(state, now);
  }, [columns, publish]);

  const apply = useCallback(
    (updates: readonly PositionUpdate[], at = Date.now()) => {
      const state = live.current;
      if (!state) return;
      state.positions = movedUnits(state.columns, state.positions, updates);
      for (const update of updates) state.trails.push(state.columns.rowOf.get(update.id) ?? -1, update.lon, update.lat, at);
      publish(state, at);
    },
    [publish],
  );

  useEffect(() => mapFeed.onPositions((units) => apply(units)), [apply]);

  useEffect(() => {
    const timer = setInterval(() => {
      const state = live.current;
      const now = Date.now();
      if (state && state.hadTrails && now - state.lastAt >= FADE_TICK_MS) publish(state, now);
    }, FADE_TICK_MS);
    return () => clearInterval(timer);
  }, [publish]);

  return { frame, apply };
}
