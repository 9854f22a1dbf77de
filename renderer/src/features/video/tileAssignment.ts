// Which camera each video tile shows. Pinned tiles keep theirs; the others show the
// cameras ranked first: those nearest the focused incident, else those nearest the
// middle of the town. A camera that stays wanted stays in its tile, so a re-focus nearby
// does not restart every player.
import type { LonLat } from '../../../../shared/domain';
import { distanceMeters } from '../../../../shared/geo/distance';
import { nearestCameras } from '../map/nearestCameras';

export type TileStatus = 'connecting' | 'playing' | 'lost';

/** What the store keeps of a tile: plain data. The player and its video element live in the tile. */
export interface TileDescriptor {
  cameraId: string | null;
  pinned: boolean;
  status: TileStatus;
}

export interface RankableCamera {
  id: string;
  location: LonLat;
}

/** Cameras that take over tiles when an incident is focused are at most this far from it. */
export const FOCUS_RADIUS_METERS = 1_000;

function centreOf(cameras: readonly RankableCamera[]): LonLat {
  const n = Math.max(1, cameras.length);
  return {
    lon: cameras.reduce((sum, c) => sum + c.location.lon, 0) / n,
    lat: cameras.reduce((sum, c) => sum + c.location.lat, 0) / n,
  };
}

function byDistance<C extends RankableCamera>(cameras: readonly C[], at: LonLat): C[] {
  return cameras
    .map((camera) => ({ camera, meters: distanceMeters(at, camera.location) }))
    .sort((a, b) => a.meters - b.meters || a.camera.id.localeCompare(b.camera.id))
    .map(({ camera }) => camera);
}

/**
 * Camera ids, most wanted first: with a focus, the nearest within a kilometre of it, then
 * the rest nearest the town's middle; without one, nearest the town's middle.
 */
export function rankCameras(cameras: readonly RankableCamera[], focusAt: LonLat | null, { limit = 16 } = {}): string[] {
  const nearFocus = focusAt ? nearestCameras(cameras, focusAt, { limit, withinMeters: FOCUS_RADIUS_METERS }) : [];
  const ids = nearFocus.map((c) => c.id);
  const taken = new Set(ids);
  for (const camera of byDistance(cameras, centreOf(cameras))) {
    if (ids.length >= limit) break;
    if (!taken.has(camera.id)) ids.push(camera.id);
  }
  return ids;
}

/** The tiles for a wall of `count`, filled from `ranked` around the pinned ones. */
export function assignTiles(current: readonly TileDescriptor[], count: number, ranked: readonly string[]): TileDescriptor[] {
  const slots = Array.from({ length: count }, (_, i) => current[i] ?? null);
  const pinnedIds = new Set(slots.filter((t) => t?.pinned && t.cameraId).map((t) => t!.cameraId));
  const freeSlots = slots.filter((t) => !t?.pinned).length;
  const wanted = ranked.filter((id) => !pinnedIds.has(id)).slice(0, freeSlots);
  const wantedSet = new Set(wanted);
  const kept = new Set(slots.filter((t) => t && !t.pinned && t.cameraId && wantedSet.has(t.cameraId)).map((t) => t!.cameraId));
  const incoming = wanted.filter((id) => !kept.has(id));
  return slots.map((tile) => {
    if (tile?.pinned) return tile;
    if (tile?.cameraId && kept.has(tile.cameraId)) return tile;
    const cameraId = incoming.shift() ?? null;
    return { cameraId, pinned: false, status: 'connecting' };
  });
}
