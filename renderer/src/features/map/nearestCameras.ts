// The cameras that can see an incident: the closest few within a short walk. Used to draw
// the focus lines here and, by the video wall, to pick the tiles that take over.
import type { LonLat } from '../../../../shared/domain';
import { degreesAround, distanceMeters } from '../../../../shared/geo/distance';

export interface Located {
  location: LonLat;
}

export function nearestCameras<C extends Located>(cameras: readonly C[], at: LonLat, { limit = 4, withinMeters = 500 } = {}): C[] {
  // A bounding box first: a wall recomputes this on every focus, over hundreds of cameras.
  const { dLon, dLat } = degreesAround(at.lat, withinMeters);
  return cameras
    .filter((camera) => Math.abs(camera.location.lon - at.lon) <= dLon && Math.abs(camera.location.lat - at.lat) <= dLat)
    .map((camera) => ({ camera, meters: distanceMeters(at, camera.location) }))
    .filter(({ meters }) => meters <= withinMeters)
    .sort((a, b) => a.meters - b.meters)
    .slice(0, limit)
    .map(({ camera }) => camera);
}
