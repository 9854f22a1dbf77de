import { describe, expect, it } from 'vitest';
import { RISK_COLOURS } from '../../../../shared/analysis/risk';
import { SAFETY_COLORS } from './mapTheme';
import { riskFill, riskGrids, riskOutline, withRiskChanges, type GridRiskItem, type MapGrid } from './riskLayer';
import type { JournalEntryOf } from '../../../../shared/journal/catalog';

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

describe('risk.changed entries folded into the map', () => {
  const change = (seq: number, gridId: string, to: GridRiskItem['colour'], score: number) =>
    ({ seq, time: `2026-12-07T08:00:0${seq}.000Z`, actor: 'system', role: 'system', type: 'risk.changed', payload: { gridId, from: null, to, score, reasons }, prevHash: '', hash: '' }) as JournalEntryOf<'risk.changed'>;

  it('patches the named grids, the last entry winning, and leaves the rest as they were', () => {
    const items = [item('G1', 'green', 10), item('G2', 'green', 12)];
    const next = withRiskChanges(items, [change(1, 'G2', 'yellow', 40), change(2, 'G2', 'orange', 61)])!;
    expect(next[1]).toMatchObject({ gridId: 'G2', colour: 'orange', score: 61, since: '2026-12-07T08:00:02.000Z' });
    expect(next[0]).toBe(items[0]);
    expect(items[1]!.colour).toBe('green');
  });

  it('asks for a read when an entry names a grid the map does not hold', () => {
    expect(withRiskChanges([item('G1', 'green', 10)], [change(1, 'G9', 'red', 90)])).toBeNull();
  });
});
