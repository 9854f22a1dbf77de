// Which overlays the wall shows. The base map is always on; everything else is a toggle in
// the legend, all on by default because a wall is read, not operated.
export const MAP_LAYERS = ['emergency', 'jointEnforcement', 'grid', 'places', 'cameras', 'units', 'incidents'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];
export type LayerVisibility = Record<MapLayerName, boolean>;

export const ALL_LAYERS_ON: LayerVisibility = {
  emergency: true,
  jointEnforcement: true,
  grid: true,
  places: true,
  cameras: true,
  units: true,
  incidents: true,
};
