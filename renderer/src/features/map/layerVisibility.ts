// Which overlays the wall shows. The base map is always on; everything else is a toggle in
// the legend. The live picture (regions, places, cameras, units and their trails, open
// incidents) is on by default because a wall is read, not operated; the analysis overlays
// (the month's heat, the five-colour risk map, the patrol suggestion) colour whole areas
// and are switched on when the room talks about them.
export const MAP_LAYERS = ['emergency', 'jointEnforcement', 'grid', 'places', 'cameras', 'units', 'trails', 'incidents', 'heat', 'risk', 'patrol'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];
export type LayerVisibility = Record<MapLayerName, boolean>;

export const ANALYSIS_LAYERS = ['heat', 'risk', 'patrol'] as const satisfies readonly MapLayerName[];

export const DEFAULT_VISIBILITY: LayerVisibility = {
  emergency: true,
  jointEnforcement: true,
  grid: true,
  places: true,
  cameras: true,
  units: true,
  trails: true,
  incidents: true,
  heat: false,
  risk: false,
  patrol: false,
};
