// Units live. The unit list (who, which status) and their positions are separate inputs:
// positions change every second from the stream, the list only when a status does, and
// neither touches any other layer.
import { IconLayer } from '@deck.gl/layers';
import type { z } from 'zod';
import type { UnitSchema } from '../../../../shared/protocol/engine';
import { ICON_MAPPING } from './iconAtlas';
import { UNIT_COLORS } from './mapTheme';

export type MapUnit = z.infer<typeof UnitSchema>;
export const UNIT_LAYER_ID = 'units';

export interface UnitColumns {
  length: number;
  items: readonly MapUnit[];
  /** Unit id → row, to apply position updates that name units. */
  rowOf: ReadonlyMap<string, number>;
  colors: Uint8Array;
}

/** lon, lat per unit row; replaced as a whole (a new object) on every position update. */
export interface UnitPositions {
  value: Float64Array;
}

export function unitColumns(units: readonly MapUnit[]): UnitColumns {
  const colors = new Uint8Array(units.length * 4);
  units.forEach((unit, index) => colors.set(UNIT_COLORS[unit.status], index * 4));
  return { length: units.length, items: units, rowOf: new Map(units.map((unit, index) => [unit.id, index])), colors };
}

export function unitPositionsOf(units: readonly MapUnit[]): UnitPositions {
  const value = new Float64Array(units.length * 2);
  units.forEach((unit, index) => {
    value[index * 2] = unit.location.lon;
    value[index * 2 + 1] = unit.location.lat;
  });
  return { value };
}

/**
 * Applies a batch of position updates to a copy. The shape matches the hub's 1 Hz
 * `positions` stream message (the units that moved, each `{ id, lon, lat }`).
 */
export function movedUnits(columns: UnitColumns, previous: UnitPositions, updates: ReadonlyArray<{ id: string; lon: number; lat: number }>): UnitPositions {
  const value = previous.value.slice();
  for (const update of updates) {
    const row = columns.rowOf.get(update.id);
    if (row === undefined) continue;
    value[row * 2] = update.lon;
    value[row * 2 + 1] = update.lat;
  }
  return { value };
}

export function unitLayer(columns: UnitColumns, positions: UnitPositions, atlas: unknown, { visible, streetLevel }: { visible: boolean; streetLevel: boolean }) {
  return new IconLayer({
    id: UNIT_LAYER_ID,
    data: {
      length: columns.length,
      attributes: {
        getPosition: { value: positions.value, size: 2 },
        getColor: { value: columns.colors, size: 4, normalized: true },
      },
    },
    visible: visible && atlas !== null,
    pickable: true,
    iconAtlas: atlas as string,
    iconMapping: ICON_MAPPING,
    getIcon: () => 'unit',
    sizeUnits: 'pixels',
    getSize: streetLevel ? 24 : 12,
    updateTriggers: { getSize: [streetLevel] },
    alphaCutoff: 0.02,
  });
}
