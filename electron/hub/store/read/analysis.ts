// Read model: the analysis (electron/hub/analysis): the six safety indices, the risk map, the
// heat map and the open early warnings, each as of the store's clock and the room's SLA.
import { yesterday, type AnalysisIndices, type AnalysisIndicesRange, type JournaledWarning, type RiskLevel } from '../../analysis/analysis-store';
import type { DayCounts } from '../../../../shared/analysis/day-counts';
import type { ReadContext } from './context';

export type AnalysisReadModel = ReturnType<typeof analysisReadModel>;

export function analysisReadModel({ clock, projections }: ReadContext) {
  const analysis = projections.analysis;
  const sla = () => projections.config().sla;
  return {
    /** The six safety indices of a town day (yesterday by default) for every region or one. */
    indices(date: string | null, regionId: string | null): AnalysisIndices {
      const now = clock();
      return analysis.indices(date ?? yesterday(now), regionId, now, sla());
    },

    /** The six safety indices of every day from `from` to `to`, for every region or one. */
    indicesRange(from: string, to: string, regionId: string | null): AnalysisIndicesRange {
      return analysis.indicesRange(from, to, regionId, clock(), sla());
    },

    /** Every grid's journaled risk colour, with its live score and reasons. */
    risk(): RiskLevel[] {
      return analysis.risk(clock(), sla());
    },

    /** A town day's incidents by category and by channel (yesterday by default): the briefing's counts. */
    dayCounts(date: string | null): DayCounts & { date: string } {
      return analysis.dayCounts(date ?? yesterday(clock()));
    },

    /** The heat map's points since `since` (ISO). */
    heat(since: string, limit: number): { points: number[]; truncated: boolean } {
      return analysis.heat(since, limit);
    },

    /** The early warnings raised (journaled) and not acknowledged yet, newest hour first. */
    warnings(): JournaledWarning[] {
      return analysis.openWarnings();
    },
  };
}
