// Columns in the shapes deck.gl takes without calling an accessor per object: flat typed
// arrays for positions and colours, start indices for paths. Built once per data set;
// deck.gl compares `data` by reference, so the objects returned here must be kept, not
// rebuilt per render.
import type { Rgba } from './mapTheme';

type Position = readonly [number, number] | readonly number[];

/** Many paths as one flat vertex buffer, for PathLayer's binary mode. */
export interface PathColumns {
  length: number;
  startIndices: Uint32Array;
  attributes: { getPath: { value: Float64Array; size: 2 } };
}

export function pathColumns(paths: ReadonlyArray<ReadonlyArray<Position>>): PathColumns {
  const vertexCount = paths.reduce((sum, path) => sum + path.length, 0);
  const value = new Float64Array(vertexCount * 2);
  const startIndices = new Uint32Array(paths.length);
  let vertex = 0;
  paths.forEach((path, index) => {
    startIndices[index] = vertex;
    for (const point of path) {
      value[vertex * 2] = point[0]!;
      value[vertex * 2 + 1] = point[1]!;
      vertex += 1;
    }
  });
  return { length: paths.length, startIndices, attributes: { getPath: { value, size: 2 } } };
}

/** Points with one colour each, for ScatterplotLayer/IconLayer's binary mode. */
export interface PointColumns {
  length: number;
  attributes: {
    getPosition: { value: Float64Array; size: 2 };
    getFillColor: { value: Uint8Array; size: 4; normalized: true };
  };
}

export function pointColumns<T>(items: readonly T[], position: (item: T) => readonly [number, number], color: (item: T) => Rgba): PointColumns {
  const positions = new Float64Array(items.length * 2);
  const colors = new Uint8Array(items.length * 4);
  items.forEach((item, index) => {
    const [lon, lat] = position(item);
    positions[index * 2] = lon;
    positions[index * 2 + 1] = lat;
    colors.set(color(item), index * 4);
  });
  return {
    length: items.length,
    attributes: { getPosition: { value: positions, size: 2 }, getFillColor: { value: colors, size: 4, normalized: true } },
  };
}
