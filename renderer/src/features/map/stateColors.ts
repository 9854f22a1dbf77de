// State colours shared by the map and the legend. Calm for routine states, warm only
// for what needs a person now (new, returned, reopened).
import type { IncidentState } from '../../../../shared/domain';

export type Rgba = readonly [number, number, number, number];

export const STATE_COLORS: Record<IncidentState, Rgba> = {
  reported: [255, 112, 67, 255],
  triaged: [255, 202, 40, 255],
  dispatched: [66, 165, 245, 255],
  accepted: [41, 182, 246, 255],
  onScene: [38, 198, 218, 255],
  resolved: [102, 187, 106, 255],
  closed: [120, 130, 140, 255],
  merged: [120, 130, 140, 255],
  returned: [239, 83, 80, 255],
  cancelled: [120, 130, 140, 255],
  reopened: [236, 64, 122, 255],
};

export function cssColor([r, g, b]: Rgba): string {
  return `rgb(${r} ${g} ${b})`;
}
