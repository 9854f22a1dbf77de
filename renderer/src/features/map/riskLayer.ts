// The five-colour risk map (五色图): every grid filled in its risk colour. The fill is
// thin where the risk is low and denser where it is high, so a mostly-green town stays
// readable and the red and orange grids, outlined as well, are what the eye lands on.
import { PolygonLayer } from '@deck.gl/layers';
import type { z } from 'zod';
import type { JournalEntryOf } from '../../../../shared/journal/catalog';
import type { RiskColour } from '../../../../shared/analysis/risk';
import type { RiskMapSchema } from '../../../../shared/protocol/analysis';
import { SAFETY_COLORS, type Rgba } from './mapTheme';

export const RISK_LAYER_ID = 'risk-grids';
export type GridRiskItem = z.infer<typeof RiskMapSchema>['items'][number];

/** A grid of the town: its outer ring and a point inside it. */
export interface MapGrid {
  id: string;
  name: string;
  ring: ReadonlyArray<readonly number[]>;
  centre: [number, number];
}

export interface RiskGrid {
  grid: MapGrid;
  risk: GridRiskItem;
}

const FILL_ALPHA: Record<RiskColour, number> = { green: 34, blue: 52, yellow: 78, orange: 112, red: 136 };

/** The fill of a grid at a risk colour: the colour of the safety code of that name, see-through by level. */
export function riskFill(colour: RiskColour): Rgba {
  const [r, g, b] = SAFETY_COLORS[colour];
  return [r, g, b, FILL_ALPHA[colour]];
}

/** Red and orange grids are outlined in their colour; the others rely on the grid lines. */
export function riskOutline(colour: RiskColour): Rgba {
  const [r, g, b] = SAFETY_COLORS[colour];
  return colour === 'red' || colour === 'orange' ? [r, g, b, 230] : [r, g, b, 0];
}

/** Joins the risk map to the town's grids; grids the hub did not score are left out. */
export function riskGrids(grids: readonly MapGrid[], items: readonly GridRiskItem[]): RiskGrid[] {
  const byId = new Map(items.map((item) => [item.gridId, item]));
  return grids.flatMap((grid) => {
    const risk = byId.get(grid.id);
    return risk ? [{ grid, risk }] : [];
  });
}

export function riskLayer(data: readonly RiskGrid[], { visible }: { visible: boolean }) {
  return new PolygonLayer<RiskGrid>({
    id: RISK_LAYER_ID,
    data,
    visible,
    pickable: true,
    filled: true,
    stroked: true,
    getPolygon: (d) => d.grid.ring as number[][],
    getFillColor: (d) => riskFill(d.risk.colour) as [number, number, number, number],
    getLineColor: (d) => riskOutline(d.risk.colour) as [number, number, number, number],
    lineWidthUnits: 'pixels',
    getLineWidth: 2,
  });
}

/**
 * The risk map with a batch of `risk.changed` entries folded in: each names its grid's new
 * colour, score and reasons, so the map needs no read for them. Null when an entry names a
 * grid the map does not hold (a town imported since): then the map is read again.
 */
export function withRiskChanges(items: readonly GridRiskItem[], changes: ReadonlyArray<JournalEntryOf<'risk.changed'>>): GridRiskItem[] | null {
  const index = new Map(items.map((item, i) => [item.gridId, i]));
  const next = items.slice();
  for (const { payload, time } of changes) {
    const at = index.get(payload.gridId);
    if (at === undefined) return null;
    next[at] = { ...next[at]!, colour: payload.to, score: payload.score, reasons: payload.reasons, since: time };
  }
  return next;
}
