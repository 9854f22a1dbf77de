// Cameras as small wedges turned to where they look; all-round cameras as rings.
import { IconLayer } from '@deck.gl/layers';
import type { z } from 'zod';
import type { CameraSchema } from '../../../../shared/protocol/town';
import { ICON_MAPPING } from './iconAtlas';
import { CAMERA_COLORS } from './mapTheme';

export type Camera = z.infer<typeof CameraSchema>;
export const CAMERA_LAYER_ID = 'cameras';

export function cameraLayer(cameras: readonly Camera[], atlas: unknown, { visible, streetLevel }: { visible: boolean; streetLevel: boolean }) {
  return new IconLayer({
    id: CAMERA_LAYER_ID,
    data: cameras,
    visible: visible && atlas !== null,
    pickable: true,
    iconAtlas: atlas as string,
    iconMapping: ICON_MAPPING,
    getIcon: (d: Camera) => (d.heading === null ? 'ring' : 'wedge'),
    getPosition: (d: Camera) => [d.location.lon, d.location.lat],
    // Compass headings turn clockwise from north; deck.gl angles turn counter-clockwise.
    getAngle: (d: Camera) => -(d.heading ?? 0),
    getColor: (d: Camera) => CAMERA_COLORS[d.kind],
    sizeUnits: 'pixels',
    getSize: streetLevel ? 36 : 14,
    updateTriggers: { getSize: [streetLevel] },
    alphaCutoff: 0.02,
  });
}
