import { describe, expect, it } from 'vitest';
import { duplicateReasons } from './duplicateWords';
import { frameOf, project, svgPath, unproject } from './mapPick';

const score = (over: Partial<{ distanceMeters: number | null; minutesApart: number }> = {}, parts: Partial<Record<string, number>> = {}) => ({
  score: {
    total: 0.7,
    distanceMeters: 40,
    minutesApart: 12,
    ...over,
    parts: { distance: 0.8, time: 0.9, category: 1, text: 0.5, samePhone: 0, samePlace: 0, ...parts },
  },
});

describe('why a candidate may be the same incident', () => {
  it('names distance, time, category and text in the operator’s terms', () => {
    expect(duplicateReasons(score())).toEqual([
      { key: 'intakeAssist.why.distance', values: { meters: 40 } },
      { key: 'intakeAssist.why.minutes', values: { minutes: 12 } },
      { key: 'intakeAssist.why.sameCategory' },
      { key: 'intakeAssist.why.text', values: { percent: 50 } },
    ]);
  });

  it('speaks of hours for old candidates, of same phone and place, and leaves weak text out', () => {
    const keys = duplicateReasons(score({ distanceMeters: null, minutesApart: 300 }, { category: 0.6, text: 0.1, samePhone: 1, samePlace: 1 })).map((r) => r.key);
    expect(keys).toEqual(['intakeAssist.why.samePlace', 'intakeAssist.why.hours', 'intakeAssist.why.relatedCategory', 'intakeAssist.why.samePhone']);
  });
});

describe('pick-on-map projection', () => {
  const ring: Array<[number, number]> = [
    [120.05, 30.3],
    [120.12, 30.3],
    [120.12, 30.36],
    [120.05, 30.36],
  ];
  it('maps a point there and back, north up', () => {
    const frame = frameOf(ring);
    const [x, y] = project(frame, 120.08, 30.33);
    const back = unproject(frame, x, y);
    expect(back.lon).toBeCloseTo(120.08, 9);
    expect(back.lat).toBeCloseTo(30.33, 9);
    expect(project(frame, 120.08, 30.35)[1]).toBeLessThan(y);
    // A kilometre east and a kilometre north look alike on screen.
    expect(frame.width / frame.height).toBeGreaterThan(0.95);
    expect(frame.width / frame.height).toBeLessThan(1.15);
  });

  it('writes closed rings as SVG paths', () => {
    expect(svgPath(frameOf(ring), ring, true)).toMatch(/^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3}Z$/);
  });
});
