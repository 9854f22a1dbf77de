import { describe, expect, it } from 'vitest';
import { RISK_COLOURS } from '../../../../shared/analysis/risk';
import { SAFETY_COLORS } from './mapTheme';
import { riskFill, riskGrids, riskOutline, type GridRiskItem, type MapGrid } from './riskLayer';

const reasons = {
  places: 0,
  placesByCode: { green: 0, blue: 0, yellow: 0, orange: 0, red: 0 },
  redEquivalents: 0,
  incidents30d: 0,
  townMean30d: 0,
  densityRatio: 0,
  openOverdue: 0,
  sitesPart: 0,
  densityPart: 0,
  overduePart: 0,
};
const item = (gridId: string, colour: GridRiskItem['colour'], score: number): GridRiskItem => ({ gridId, name: gridId, colour, scoreColour: colour, score, since: null, reasons });
const grid = (id: string): MapGrid => ({ id, name: `网格 ${id}`, ring: [[120, 30], [120.01, 30], [120.01, 30.01], [120, 30]], centre: [120.005, 30.003] });

describe('the five-colour risk map', () => {
  it('fills each grid in the colour of its risk level, denser the higher the risk', () => {
    for (const colour of RISK_COLOURS) expect(riskFill(colour).slice(0, 3)).toEqual(SAFETY_COLORS[colour].slice(0, 3));
    const alphas = RISK_COLOURS.map((colour) => riskFill(colour)[3]);
    expect(alphas).toEqual([...alphas].sort((a, b) => a - b));
    expect(new Set(alphas).size).toBe(5);
    // Never opaque: the streets and labels under a red grid must stay readable.
    expect(Math.max(...alphas)).toBeLessThan(160);
  });

  it('outlines only red and orange grids', () => {
    expect(riskOutline('red')[3]).toBeGreaterThan(0);
    expect(riskOutline('orange')[3]).toBeGreaterThan(0);
    expect(riskOutline('yellow')[3]).toBe(0);
    expect(riskOutline('green')[3]).toBe(0);
  });

  it('joins the hub’s scores to the town’s grids by id', () => {
    const joined = riskGrids([grid('G1'), grid('G2'), grid('G3')], [item('G2', 'red', 80), item('G1', 'green', 5), item('G9', 'orange', 60)]);
    expect(joined.map((g) => [g.grid.id, g.risk.colour])).toEqual([
      ['G1', 'green'],
      ['G2', 'red'],
    ]);
  });
});
