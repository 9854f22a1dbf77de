// Zoom bands: what a person can read at a scale. The map re-renders its layers only when
// the band changes, never per frame while panning.
export type ZoomBand = 'town' | 'district' | 'street';

/** deck.gl zoom (512 px tiles). The whole demo town fits a 1080p wall near 13.8. */
export const DISTRICT_ZOOM = 14.6;
export const STREET_ZOOM = 15.6;

export function zoomBand(zoom: number): ZoomBand {
  if (zoom >= STREET_ZOOM) return 'street';
  if (zoom >= DISTRICT_ZOOM) return 'district';
  return 'town';
}
