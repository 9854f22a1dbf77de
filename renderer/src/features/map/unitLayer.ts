// Units live. The unit list (who, which status) and their positions are separate inputs:
// positions change every second from the stream, the list only when a status does, and
// neither touches any other layer.
import { IconLayer } from '@deck.gl/layers';
import type { z } from 'zod';
import type { UnitSchema } from '../../../../shared/protocol/engine';
import type { LiveUnitStatus } from '../../../../shared/protocol/units';
import type { UnitStatus } from '../../../../shared/units';
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

/**
 * lon, lat per unit row, and the colour of each row's status; replaced as a whole (a new
 * object) on every position update. The colours keep their buffer until a status changes.
 */
export interface UnitPositions {
  value: Float64Array;
  colors: Uint8Array;
  /** Each row's status, as an index into UNIT_STATUSES; copied with the colours. */
  statuses: Uint8Array;
}

export const UNIT_STATUSES = ['available', 'busy', 'offline'] as const satisfies readonly UnitStatus[];

export function statusOfRow(positions: UnitPositions, row: number): UnitStatus {
  return UNIT_STATUSES[positions.statuses[row]!] ?? 'offline';
}

/** The stream says what a unit is doing in more steps than the map colours. */
export function mapStatusOf(live: LiveUnitStatus): UnitStatus {
  return live === 'available' || live === 'offline' ? live : 'busy';
}

export function unitColumns(units: readonly MapUnit[]): UnitColumns {
  const colors = new Uint8Array(units.length * 4);
  units.forEach((unit, index) => colors.set(UNIT_COLORS[unit.status], index * 4));
  return { length: units.length, items: units, rowOf: new Map(units.map((unit, index) => [unit.id, index])), colors };
}

export function unitPositionsOf(columns: UnitColumns): UnitPositions {
  const value = new Float64Array(columns.length * 2);
  columns.items.forEach((unit, index) => {
    value[index * 2] = unit.location.lon;
    value[index * 2 + 1] = unit.location.lat;
  });
  const statuses = new Uint8Array(columns.length);
  columns.items.forEach((unit, index) => (statuses[index] = UNIT_STATUSES.indexOf(unit.status)));
  return { value, colors: columns.colors, statuses };
}

export interface PositionUpdate {
  id: string;
  lon: number;
  lat: number;
  status?: LiveUnitStatus;
}

/**
 * Applies a batch of position updates to a copy. The shape matches the hub's 1 Hz
 * `positions` stream message (the units that changed, each `{ id, lon, lat, status }`).
 */
export function movedUnits(columns: UnitColumns, previous: UnitPositions, updates: ReadonlyArray<PositionUpdate>): UnitPositions {
  const value = previous.value.slice();
  let { colors, statuses } = previous;
  for (const update of updates) {
    const row = columns.rowOf.get(update.id);
    if (row === undefined) continue;
    value[row * 2] = update.lon;
    value[row * 2 + 1] = update.lat;
    if (update.status === undefined) continue;
    const status = mapStatusOf(update.status);
    const code = UNIT_STATUSES.indexOf(status);
    if (statuses[row] === code) continue;
    // Copied once per batch, and only when a status changed: the colour buffer's identity
    // tells deck.gl whether to upload it again.
    if (statuses === previous.statuses) {
      statuses = statuses.slice();
      colors = colors.slice();
    }
    statuses[row] = code;
    colors.set(UNIT_COLORS[status], row * 4);
  }
  return { value, colors, statuses };
}

/** The status colour of a row, e.g. for its trail. */
export function rowColor(positions: UnitPositions, row: number): [number, number, number, number] {
  const c = positions.colors;
  return [c[row * 4]!, c[row * 4 + 1]!, c[row * 4 + 2]!, c[row * 4 + 3]!];
}

export function unitLayer(columns: UnitColumns, positions: UnitPositions, atlas: unknown, { visible, streetLevel }: { visible: boolean; streetLevel: boolean }) {
  return new IconLayer({
    id: UNIT_LAYER_ID,
    data: {
      length: columns.length,
      attributes: {
        getPosition: { value: positions.value, size: 2 },
        getColor: { value: positions.colors, size: 4, normalized: true },
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
