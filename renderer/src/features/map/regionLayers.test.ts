import { describe, expect, it } from 'vitest';
import { prepareRegions, regionLayers, type TownRegion } from './regionLayers';

const square = (x: number, y: number, size: number): TownRegion['polygon'] => [
  [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ],
];

const regions: TownRegion[] = [
  { id: 'EM01', name: '墩北应急圈', level: 'emergency', parentId: 'RP1', regionHead: null, polygon: square(0, 0, 2) },
  { id: 'JE01', name: '金家渡联勤圈', level: 'jointEnforcement', parentId: 'EM01', regionHead: null, polygon: square(0, 0, 1) },
  { id: 'G001', name: '金家渡社区第1网格', level: 'grid', parentId: 'JE01', regionHead: null, polygon: square(0, 0, 0.5) },
];

describe('region boundaries', () => {
  const all = { emergency: true, jointEnforcement: true, grid: true };

  it('outlines each level and names its regions at their centre', () => {
    const prepared = prepareRegions(regions);
    expect(prepared.grid.outlines.length).toBe(1);
    expect(prepared.emergency.labels).toEqual([{ text: '墩北应急圈', position: [1, 1] }]);
  });

  it('draws emergency circles widest and names each level only at its own zoom', () => {
    const layers = regionLayers(prepareRegions(regions), all, 'street');
    const byId = Object.fromEntries(layers.map((layer) => [layer.id, layer]));
    const width = (id: string) => (byId[id]!.props as { getWidth?: unknown }).getWidth as number;
    expect(width('regions-emergency')).toBeGreaterThan(width('regions-jointEnforcement'));
    expect(width('regions-jointEnforcement')).toBeGreaterThan(width('regions-grid'));
    expect(byId['regions-grid-labels']!.props.visible).toBe(true);
    expect(byId['regions-emergency-labels']!.props.visible).toBe(false);
  });

  it('hides a level switched off in the legend', () => {
    const layers = regionLayers(prepareRegions(regions), { ...all, grid: false }, 'street');
    expect(layers.find((layer) => layer.id === 'regions-grid')!.props.visible).toBe(false);
  });
});
