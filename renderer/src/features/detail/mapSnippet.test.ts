import { describe, expect, it } from 'vitest';
import { projector, snippetShapes } from './mapSnippet';

const center = { lon: 120.08, lat: 30.33 };

describe('the map snippet', () => {
  it('projects metres east and south of the incident', () => {
    const [x, y] = projector(center)(120.081, 30.329);
    expect(x).toBeCloseTo(96, 0);
    expect(y).toBeCloseTo(111, 0);
  });

  it('keeps the roads that cross the window, even with no vertex inside it, and drops the far ones', () => {
    const shapes = snippetShapes(
      {
        boundary: [],
        roads: [
          { name: '穿过', kind: 'main', path: [[120.06, 30.33], [120.1, 30.33]] },
          { name: '远处', kind: 'branch', path: [[120.2, 30.4], [120.21, 30.4]] },
        ],
        water: [],
        blocks: [{ polygon: [[[120.0801, 30.3301], [120.0805, 30.3301], [120.0805, 30.3305], [120.0801, 30.3301]]] }, { polygon: [[[120.3, 30.5], [120.31, 30.5], [120.3, 30.51]]] }],
        landmarks: [],
      },
      center,
    );
    expect(shapes.roads).toHaveLength(1);
    expect(shapes.roads[0]!.main).toBe(true);
    expect(shapes.blocks).toHaveLength(1);
    expect(shapes.blocks[0]).toMatch(/Z$/);
  });
});
