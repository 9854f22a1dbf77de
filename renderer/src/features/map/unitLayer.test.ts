import { describe, expect, it } from 'vitest';
import { UNIT_COLORS } from './mapTheme';
import { mapStatusOf, movedUnits, statusOfRow, UNIT_LAYER_ID, unitColumns, unitLayer, unitPositionsOf, type MapUnit } from './unitLayer';

const unit = (id: string, status: MapUnit['status'], lon: number): MapUnit => ({
  id,
  name: id,
  kind: 'team',
  department: 'police',
  gridId: 'G001',
  regionIds: ['G001'],
  location: { lon, lat: 30.33 },
  status,
  openAssignments: 0,
});

describe('units on the wall map', () => {
  const units = [unit('T1', 'available', 120.01), unit('T2', 'busy', 120.02)];

  it('colours units by status', () => {
    const columns = unitColumns(units);
    expect(Array.from(columns.colors.subarray(4, 8))).toEqual([...UNIT_COLORS.busy]);
  });

  it('applies a position update to the positions alone', () => {
    const columns = unitColumns(units);
    const before = unitPositionsOf(columns);
    const after = movedUnits(columns, before, [
      { id: 'T2', lon: 120.05, lat: 30.34 },
      { id: 'unknown', lon: 0, lat: 0 },
    ]);
    expect(Array.from(after.value)).toEqual([120.01, 30.33, 120.05, 30.34]);
    expect(Array.from(before.value)).toEqual([120.01, 30.33, 120.02, 30.33]);

    const first = unitLayer(columns, before, null, { visible: true, streetLevel: false });
    const second = unitLayer(columns, after, null, { visible: true, streetLevel: false });
    expect(second.id).toBe(UNIT_LAYER_ID);
    const attributes = (layer: typeof first) => (layer.props.data as unknown as { attributes: Record<string, { value: unknown }> }).attributes;
    // The status colours stay the same buffer; only the positions are new.
    expect(attributes(second).getColor!.value).toBe(attributes(first).getColor!.value);
    expect(attributes(second).getPosition!.value).toBe(after.value);
  });

  it('recolours a unit whose live status changes, and only then copies the colours', () => {
    const columns = unitColumns(units);
    const before = unitPositionsOf(columns);
    const same = movedUnits(columns, before, [{ id: 'T1', lon: 120.011, lat: 30.33, status: 'available' }]);
    expect(same.colors).toBe(before.colors);
    const sent = movedUnits(columns, before, [{ id: 'T1', lon: 120.011, lat: 30.33, status: 'enRoute' }]);
    expect(sent.colors).not.toBe(before.colors);
    expect(Array.from(sent.colors.subarray(0, 4))).toEqual([...UNIT_COLORS.busy]);
    expect(statusOfRow(sent, 0)).toBe('busy');
    expect(statusOfRow(before, 0)).toBe('available');
    expect(mapStatusOf('onScene')).toBe('busy');
    expect(mapStatusOf('offline')).toBe('offline');
  });
});
