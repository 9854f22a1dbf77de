// 11,000 places would be a carpet of dots at town zoom. Below street zoom they are grouped
// with supercluster (one index, built once); each group keeps a count per safety code, so
// the wall still shows where the red and orange ones are.
import Supercluster from 'supercluster';
import { SAFETY_CODES, type SafetyCode } from '../../../../shared/town';
import type { PlaceSummary as Place } from '../../../../shared/protocol/town';

type CodeCounts = Record<SafetyCode, number>;

export interface PlaceCluster {
  position: [number, number];
  /** Number of places; 1 for a place standing alone. */
  count: number;
  counts: CodeCounts;
  /** Index into the places list when count is 1. */
  placeIndex: number | null;
}

interface PointProps {
  index: number;
  counts: CodeCounts;
}

export interface PlaceClusterIndex {
  at(zoom: number): PlaceCluster[];
}

const zeroCounts = (): CodeCounts => ({ green: 0, blue: 0, yellow: 0, orange: 0, red: 0 });

export function buildPlaceClusters(places: readonly Place[], radiusPixels = 72): PlaceClusterIndex {
  const index = new Supercluster<PointProps, CodeCounts>({
    radius: radiusPixels,
    // deck.gl's zoom counts 512-pixel tiles; so does supercluster with this extent.
    extent: 512,
    maxZoom: 17,
    map: (props) => ({ ...props.counts }),
    reduce: (acc, props) => {
      for (const code of SAFETY_CODES) acc[code] += props[code];
    },
  });
  index.load(
    places.map((place, i) => {
      const counts = zeroCounts();
      counts[place.safetyCode] = 1;
      return { type: 'Feature', properties: { index: i, counts }, geometry: { type: 'Point', coordinates: [place.lon, place.lat] } };
    }),
  );
  const byZoom = new Map<number, PlaceCluster[]>();
  return {
    at(zoom) {
      const level = Math.max(0, Math.min(17, Math.floor(zoom)));
      let clusters = byZoom.get(level);
      if (!clusters) {
        clusters = index.getClusters([-180, -85, 180, 85], level).map((feature) => {
          const [lon, lat] = feature.geometry.coordinates as [number, number];
          const props = feature.properties;
          if ('cluster' in props && props.cluster) {
            const counts = zeroCounts();
            for (const code of SAFETY_CODES) counts[code] = (props as unknown as CodeCounts)[code];
            return { position: [lon, lat], count: props.point_count, counts, placeIndex: null };
          }
          const point = props as PointProps;
          return { position: [lon, lat], count: 1, counts: point.counts, placeIndex: point.index };
        });
        byZoom.set(level, clusters);
      }
      return clusters;
    },
  };
}

/** The most serious code present in a group: what the group's ring shows. */
export function worstCode(counts: CodeCounts): SafetyCode {
  for (let i = SAFETY_CODES.length - 1; i > 0; i--) if (counts[SAFETY_CODES[i]!] > 0) return SAFETY_CODES[i]!;
  return 'green';
}
