import { describe, expect, it } from 'vitest';
import { BASEMAP_LAYER_IDS, basemapGeometryLayers, basemapLabelLayers, prepareBasemap, type BaseMap } from './basemapLayers';

const basemap: BaseMap = {
  boundary: [
    [
      [120.04, 30.3],
      [120.12, 30.3],
      [120.12, 30.36],
      [120.04, 30.36],
      [120.04, 30.3],
    ],
  ],
  roads: [
    {
      name: '文一西路',
      kind: 'main',
      path: [
        [120.04, 30.33],
        [120.12, 30.33],
      ],
    },
    {
      name: '东堤街',
      kind: 'branch',
      path: [
        [120.06, 30.3],
        [120.06, 30.36],
      ],
    },
  ],
  water: [
    {
      name: '西溪河',
      kind: 'river',
      width: 60,
      path: [
        [120.04, 30.34],
        [120.12, 30.345],
      ],
    },
  ],
  blocks: [],
  landmarks: [{ name: '三墩镇人民政府', location: { lon: 120.0757, lat: 30.3332 } }],
};

describe('the offline base map', () => {
  it('separates main roads from branch roads and names them along the road', () => {
    const base = prepareBasemap(basemap);
    expect(base.mainRoads.length).toBe(1);
    expect(base.branchRoads.length).toBe(1);
    expect(base.mainLabels).toHaveLength(1);
    const [label] = base.mainLabels;
    expect(label!.text).toBe('文一西路');
    expect(label!.position[0]).toBeCloseTo(120.08);
    expect(label!.angle).toBeCloseTo(0);
    expect(base.branchLabels[0]!.angle).toBe(90);
    expect(base.waterLabels[0]!.text).toBe('西溪河');
  });

  it('keeps its layer ids and shows branch names only at street zoom', () => {
    const base = prepareBasemap(basemap);
    expect(basemapGeometryLayers(base).map((layer) => layer.id)).toEqual([...BASEMAP_LAYER_IDS]);
    const town = basemapLabelLayers(base, { streetLevel: false });
    const street = basemapLabelLayers(base, { streetLevel: true });
    expect(town.find((l) => l.id === 'base-labels-branch')!.props.visible).toBe(false);
    expect(street.find((l) => l.id === 'base-labels-branch')!.props.visible).toBe(true);
    // Chinese glyphs come from the system fonts, chosen from the labels themselves.
    expect((town.find((l) => l.id === 'base-labels-main')!.props as { characterSet?: unknown }).characterSet).toBe('auto');
  });
});
