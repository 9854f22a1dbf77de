import { describe, expect, it } from 'vitest';
import { pathColumns, pointColumns } from './columns';

describe('binary columns for deck.gl', () => {
  it('packs many roads into one vertex buffer with where each one starts', () => {
    const columns = pathColumns([
      [
        [1, 2],
        [3, 4],
      ],
      [
        [5, 6],
        [7, 8],
        [9, 10],
      ],
    ]);
    expect(columns.length).toBe(2);
    expect(Array.from(columns.startIndices)).toEqual([0, 2]);
    expect(Array.from(columns.attributes.getPath.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('puts points and their colours side by side', () => {
    const columns = pointColumns(
      [{ at: [120.1, 30.3] as const }, { at: [120.2, 30.4] as const }],
      (item) => item.at,
      () => [1, 2, 3, 255],
    );
    expect(Array.from(columns.attributes.getPosition.value)).toEqual([120.1, 30.3, 120.2, 30.4]);
    expect(Array.from(columns.attributes.getFillColor.value)).toEqual([1, 2, 3, 255, 1, 2, 3, 255]);
  });
});
