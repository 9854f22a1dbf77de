// Places (enterprises and sites) coloured by safety code: grouped below street zoom, every
// point at street zoom from one binary buffer.
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { PlaceSummary } from '../../../../shared/protocol/town';
import { LABEL_PROPS } from './basemapLayers';
import { pointColumns, type PointColumns } from './columns';
import { SAFETY_COLORS, type Rgba } from './mapTheme';
import type { PlaceCluster } from './placeClusters';
import { worstCode } from './placeClusters';

export type Place = PlaceSummary;

export const PLACE_POINTS_ID = 'places';
export const PLACE_CLUSTERS_ID = 'place-clusters';

export function placeColumns(places: readonly Place[]): PointColumns {
  return pointColumns(places, (place) => [place.lon, place.lat], (place) => SAFETY_COLORS[place.safetyCode]);
}

const CLUSTER_FILL: Rgba = [44, 70, 100, 150];
const CLUSTER_RING: Rgba = [104, 138, 178, 170];
const CLUSTER_TEXT: Rgba = [206, 218, 232, 255];
const POINT_EDGE: Rgba = [8, 12, 20, 220];

/** Radius in pixels that grows with the square root of the count: area ∝ places. */
export function clusterRadius(count: number): number {
  return count === 1 ? 3 : Math.min(19, 7 + Math.sqrt(count) * 0.75);
}

/**
 * The red-coded places, shown one by one at every zoom: grouped, they would vanish into
 * counts, and they are the ones a duty room watches.
 */
export function redPlaceColumns(places: readonly Place[]): { columns: PointColumns; rows: number[] } {
  const rows = places.flatMap((place, index) => (place.safetyCode === 'red' ? [index] : []));
  return { columns: pointColumns(rows.map((row) => places[row]!), (place) => [place.lon, place.lat], () => SAFETY_COLORS.red), rows };
}

export const RED_PLACES_ID = 'places-red';

export function placeLayers(
  points: PointColumns,
  red: PointColumns,
  clusters: readonly PlaceCluster[],
  { visible, streetLevel }: { visible: boolean; streetLevel: boolean },
) {
  return [
    new ScatterplotLayer({
      id: PLACE_POINTS_ID,
      data: points,
      visible: visible && streetLevel,
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: 4,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getLineColor: POINT_EDGE,
    }),
    new ScatterplotLayer({
      id: PLACE_CLUSTERS_ID,
      data: clusters,
      visible: visible && !streetLevel,
      pickable: true,
      getPosition: (d: PlaceCluster) => d.position,
      radiusUnits: 'pixels',
      getRadius: (d: PlaceCluster) => clusterRadius(d.count),
      getFillColor: (d: PlaceCluster) => (d.count === 1 ? SAFETY_COLORS[worstCode(d.counts)] : CLUSTER_FILL),
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getLineColor: (d: PlaceCluster) => (d.count === 1 ? POINT_EDGE : CLUSTER_RING),
    }),
    new ScatterplotLayer({
      id: RED_PLACES_ID,
      data: red,
      visible: visible && !streetLevel,
      pickable: true,
      radiusUnits: 'pixels',
      getRadius: 3.5,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: 1,
      getLineColor: POINT_EDGE,
    }),
    new TextLayer({
      id: `${PLACE_CLUSTERS_ID}-counts`,
      data: clusters.filter((c) => c.count > 1),
      visible: visible && !streetLevel,
      getPosition: (d: PlaceCluster) => d.position,
      getText: (d: PlaceCluster) => String(d.count),
      getSize: 11,
      getColor: CLUSTER_TEXT,
      ...LABEL_PROPS,
      characterSet: '0123456789',
      outlineWidth: 0,
    }),
  ];
}
