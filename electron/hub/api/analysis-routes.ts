// Handlers for the analysis endpoints (shared/protocol/analysis.ts).
import type { ResponseOf } from '../../../shared/protocol/api';
import type { AnalysisEndpointName } from '../../../shared/protocol/analysis';
import type { StoreClient } from '../store/thread/client';
import type { RouteContext } from './route-context';

type AnalysisHandlers = { [N in AnalysisEndpointName]: (ctx: RouteContext<N>) => Promise<ResponseOf<N>> };

export function analysisHandlers(store: StoreClient): AnalysisHandlers {
  return {
    indices: async ({ query }) => store.analysisIndices(query.date ?? null, query.region ?? null),
    indicesRange: async ({ query }) => store.analysisIndicesRange(query.from, query.to, query.region ?? null),
    risk: async () => ({ items: await store.analysisRisk() }),
    warnings: async () => ({ items: await store.analysisWarnings() }),
    heat: async ({ query }) => store.analysisHeat(query.since, query.limit),
  };
}
