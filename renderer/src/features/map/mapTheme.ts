// The wall map's palette. A duty room is dim and its screens are read for hours: the town
// is drawn in low-contrast blues and greys, so that the few warm colours left (safety
// codes, urgent incidents, busy units) are the things a person should look at.
import type { Priority } from '../../../../shared/domain';
import type { CameraKind, RegionLevel, SafetyCode } from '../../../../shared/town';
import type { UnitStatus } from '../../../../shared/units';

export type Rgba = readonly [number, number, number, number];

export const BASE = {
  background: '#070c14',
  land: [16, 24, 36, 255] as Rgba,
  boundary: [120, 150, 190, 200] as Rgba,
  block: [28, 39, 55, 255] as Rgba,
  blockEdge: [40, 54, 74, 255] as Rgba,
  water: [24, 66, 104, 255] as Rgba,
  waterLabel: [110, 160, 205, 255] as Rgba,
  branchRoad: [46, 60, 80, 255] as Rgba,
  mainRoadCasing: [20, 28, 40, 255] as Rgba,
  mainRoad: [86, 104, 130, 255] as Rgba,
  roadLabel: [196, 206, 220, 255] as Rgba,
  branchLabel: [140, 154, 174, 255] as Rgba,
  landmark: [226, 201, 140, 255] as Rgba,
  landmarkLabel: [226, 214, 186, 255] as Rgba,
  labelHalo: [7, 12, 20, 230] as Rgba,
};

/** System CJK fonts only: the wall has no internet, and Chinese needs a CJK face. */
export const MAP_FONT = '"Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", sans-serif';

export const REGION_STYLE: Record<Exclude<RegionLevel, 'command' | 'riskPrevention'>, { color: Rgba; width: number; label: Rgba }> = {
  grid: { color: [110, 134, 168, 110], width: 1, label: [150, 170, 198, 255] },
  jointEnforcement: { color: [92, 172, 214, 170], width: 2, label: [132, 196, 230, 255] },
  emergency: { color: [214, 170, 96, 190], width: 3, label: [226, 190, 128, 255] },
};

export const SAFETY_COLORS: Record<SafetyCode, Rgba> = {
  green: [76, 175, 80, 255],
  blue: [66, 135, 220, 255],
  yellow: [236, 200, 40, 255],
  orange: [245, 130, 32, 255],
  red: [229, 57, 53, 255],
};

export const CAMERA_COLORS: Record<CameraKind, Rgba> = {
  street: [150, 166, 196, 235],
  highPoint: [186, 160, 232, 255],
  site: [150, 196, 190, 255],
  droneDock: [120, 210, 240, 255],
};

export const UNIT_COLORS: Record<UnitStatus, Rgba> = {
  available: [52, 178, 204, 255],
  busy: [255, 179, 0, 255],
  offline: [110, 120, 132, 255],
};

/** Untriaged incidents are white: known to be there, not yet weighed. */
export const PRIORITY_COLORS: Record<Priority | 'none', Rgba> = {
  P1: [244, 54, 54, 255],
  P2: [255, 120, 50, 255],
  P3: [255, 205, 60, 255],
  P4: [90, 170, 245, 255],
  none: [236, 240, 244, 255],
};

export const FOCUS = {
  ring: [255, 213, 79, 255] as Rgba,
  toUnit: [38, 198, 218, 230] as Rgba,
  toCamera: [200, 210, 230, 200] as Rgba,
};

export function cssColor([r, g, b]: Rgba): string {
  return `rgb(${r} ${g} ${b})`;
}
