// Region boundaries by level (the circles of DESIGN.md), drawn as outlines so that they
// never hide the town, each level with its own weight, and names shown only at the zoom
// where that level's regions are large enough to carry one.
import { PathLayer, TextLayer } from '@deck.gl/layers';
import type { z } from 'zod';
import type { TownRegionSchema } from '../../../../shared/protocol/town';
import { LABEL_PROPS } from './basemapLayers';
import { pathColumns, type PathColumns } from './columns';
import { ringCentroid } from './geometry';
import { REGION_STYLE } from './mapTheme';
import type { ZoomBand } from './zoomBands';

export type TownRegion = z.infer<typeof TownRegionSchema>;
export type OutlinedLevel = keyof typeof REGION_STYLE;
/** Drawn widest first, so the thin grid lines stay on top of their parents' bands. */
export const OUTLINED_LEVELS: readonly OutlinedLevel[] = ['emergency', 'jointEnforcement', 'grid'];

export interface RegionLabel {
  text: string;
  position: [number, number];
}

export type PreparedRegions = Record<OutlinedLevel, { outlines: PathColumns; labels: RegionLabel[] }>;

export function prepareRegions(regions: readonly TownRegion[]): PreparedRegions {
  const prepared = {} as PreparedRegions;
  for (const level of OUTLINED_LEVELS) {
    const own = regions.filter((region) => region.level === level);
    prepared[level] = {
      outlines: pathColumns(own.flatMap((region) => region.polygon)),
      labels: own.map((region) => ({ text: region.name, position: ringCentroid(region.polygon[0] ?? []) })),
    };
  }
  return prepared;
}

/** Which level's names fit on screen at a zoom band. */
export const REGION_LABEL_BAND: Record<OutlinedLevel, ZoomBand> = {
  emergency: 'town',
  jointEnforcement: 'district',
  grid: 'street',
};

export function regionLayers(regions: PreparedRegions, visible: Record<OutlinedLevel, boolean>, band: ZoomBand) {
  return OUTLINED_LEVELS.flatMap((level) => {
    const style = REGION_STYLE[level];
    return [
      new PathLayer({
        id: `regions-${level}`,
        data: regions[level].outlines,
        _pathType: 'open',
        visible: visible[level],
        getWidth: style.width,
        widthUnits: 'pixels',
        getColor: style.color,
        jointRounded: true,
      }),
      new TextLayer({
        id: `regions-${level}-labels`,
        data: regions[level].labels,
        visible: visible[level] && REGION_LABEL_BAND[level] === band,
        getPosition: (d: RegionLabel) => d.position,
        getText: (d: RegionLabel) => d.text,
        getSize: level === 'grid' ? 14 : 15,
        getColor: style.label,
        ...LABEL_PROPS,
      }),
    ];
  });
}
