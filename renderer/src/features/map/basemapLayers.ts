// The town itself, drawn from /town/basemap with no tiles: land inside the boundary,
// blocks, water, roads, and Chinese labels. Everything here is static for the life of the
// window; `prepareBasemap` runs once and the layers are memoized by the caller.
import { PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { z } from 'zod';
import type { BaseMapSchema } from '../../../../shared/protocol/town';
import { pathColumns, type PathColumns } from './columns';
import { anchorsAlong, type PathAnchor } from './geometry';
import { BASE, MAP_FONT } from './mapTheme';

export type BaseMap = z.infer<typeof BaseMapSchema>;

export interface Label extends PathAnchor {
  text: string;
}

export interface PreparedBasemap {
  boundary: BaseMap['boundary'];
  blocks: BaseMap['blocks'];
  water: BaseMap['water'];
  mainRoads: PathColumns;
  branchRoads: PathColumns;
  mainLabels: Label[];
  branchLabels: Label[];
  waterLabels: Label[];
  landmarks: BaseMap['landmarks'];
}

/** Long roads carry their name twice, as printed maps do, so one is always in view. */
function labelFractions(vertexCount: number): number[] {
  return vertexCount > 35 ? [0.27, 0.73] : [0.5];
}

export function prepareBasemap(basemap: BaseMap): PreparedBasemap {
  const main = basemap.roads.filter((road) => road.kind === 'main');
  const branch = basemap.roads.filter((road) => road.kind === 'branch');
  const label = (name: string, path: BaseMap['roads'][number]['path'], fractions: number[]): Label[] =>
    anchorsAlong(path, fractions).map((anchor) => ({ text: name, ...anchor }));
  return {
    boundary: basemap.boundary,
    blocks: basemap.blocks,
    water: basemap.water,
    mainRoads: pathColumns(main.map((road) => road.path)),
    branchRoads: pathColumns(branch.map((road) => road.path)),
    mainLabels: main.flatMap((road) => label(road.name, road.path, labelFractions(road.path.length))),
    branchLabels: branch.flatMap((road) => label(road.name, road.path, [0.5])),
    waterLabels: basemap.water.flatMap((water) => label(water.name, water.path, [0.4])),
    landmarks: basemap.landmarks,
  };
}

export const BASEMAP_LAYER_IDS = [
  'base-land',
  'base-blocks',
  'base-water',
  'base-roads-branch',
  'base-roads-main-casing',
  'base-roads-main',
] as const;

/** Shared settings for every label: SDF glyphs with a dark halo read on any background. */
export const LABEL_PROPS = {
  fontFamily: MAP_FONT,
  // Chinese needs glyphs beyond ASCII; 'auto' builds the atlas from the label text itself.
  characterSet: 'auto',
  fontSettings: { sdf: true, fontSize: 64, buffer: 6 },
  outlineWidth: 0.25,
  outlineColor: BASE.labelHalo,
  sizeUnits: 'pixels',
  billboard: true,
} as const;

/** Geometry under everything else. */
export function basemapGeometryLayers(base: PreparedBasemap) {
  return [
    new PolygonLayer({
      id: 'base-land',
      data: [{ polygon: base.boundary }],
      getPolygon: (d: { polygon: BaseMap['boundary'] }) => d.polygon,
      filled: true,
      stroked: true,
      getFillColor: BASE.land,
      getLineColor: BASE.boundary,
      lineWidthUnits: 'pixels',
      getLineWidth: 3,
    }),
    new PolygonLayer({
      id: 'base-blocks',
      data: base.blocks,
      getPolygon: (d: BaseMap['blocks'][number]) => d.polygon,
      filled: true,
      stroked: true,
      getFillColor: BASE.block,
      getLineColor: BASE.blockEdge,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
    }),
    new PathLayer({
      id: 'base-water',
      data: base.water,
      getPath: (d: BaseMap['water'][number]) => d.path,
      // The data's width is in metres; a minimum keeps canals visible from across the room.
      getWidth: (d: BaseMap['water'][number]) => d.width,
      widthUnits: 'meters',
      widthMinPixels: 2,
      getColor: BASE.water,
      capRounded: true,
      jointRounded: true,
    }),
    new PathLayer({
      id: 'base-roads-branch',
      data: base.branchRoads,
      _pathType: 'open',
      getWidth: 9,
      widthUnits: 'meters',
      widthMinPixels: 1,
      getColor: BASE.branchRoad,
      capRounded: true,
      jointRounded: true,
    }),
    new PathLayer({
      id: 'base-roads-main-casing',
      data: base.mainRoads,
      _pathType: 'open',
      getWidth: 34,
      widthUnits: 'meters',
      widthMinPixels: 4,
      getColor: BASE.mainRoadCasing,
      capRounded: true,
      jointRounded: true,
    }),
    new PathLayer({
      id: 'base-roads-main',
      data: base.mainRoads,
      _pathType: 'open',
      getWidth: 24,
      widthUnits: 'meters',
      widthMinPixels: 2.5,
      getColor: BASE.mainRoad,
      capRounded: true,
      jointRounded: true,
    }),
  ];
}

/** Names on top of every other layer, so that markers never hide where they are. */
export function basemapLabelLayers(base: PreparedBasemap, { streetLevel }: { streetLevel: boolean }) {
  return [
    new TextLayer({
      id: 'base-labels-water',
      data: base.waterLabels,
      getPosition: (d: Label) => d.position,
      getText: (d: Label) => d.text,
      getAngle: (d: Label) => d.angle,
      getSize: 14,
      getColor: BASE.waterLabel,
      ...LABEL_PROPS,
    }),
    new TextLayer({
      id: 'base-labels-branch',
      data: base.branchLabels,
      visible: streetLevel,
      getPosition: (d: Label) => d.position,
      getText: (d: Label) => d.text,
      getAngle: (d: Label) => d.angle,
      getSize: 16,
      getColor: BASE.branchLabel,
      ...LABEL_PROPS,
    }),
    new TextLayer({
      id: 'base-labels-main',
      data: base.mainLabels,
      getPosition: (d: Label) => d.position,
      getText: (d: Label) => d.text,
      getAngle: (d: Label) => d.angle,
      getSize: streetLevel ? 18 : 15,
      getColor: BASE.roadLabel,
      updateTriggers: { getSize: [streetLevel] },
      ...LABEL_PROPS,
    }),
    new ScatterplotLayer({
      id: 'base-landmarks',
      data: base.landmarks,
      getPosition: (d: BaseMap['landmarks'][number]) => [d.location.lon, d.location.lat],
      radiusUnits: 'pixels',
      getRadius: 4,
      getFillColor: BASE.landmark,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1.5,
      getLineColor: BASE.labelHalo,
    }),
    new TextLayer({
      id: 'base-labels-landmarks',
      data: base.landmarks,
      getPosition: (d: BaseMap['landmarks'][number]) => [d.location.lon, d.location.lat],
      getText: (d: BaseMap['landmarks'][number]) => d.name,
      getSize: 14,
      getColor: BASE.landmarkLabel,
      getTextAnchor: 'start',
      getAlignmentBaseline: 'center',
      getPixelOffset: [8, 0],
      ...LABEL_PROPS,
    }),
  ];
}
