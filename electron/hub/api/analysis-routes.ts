// Handlers for the analysis endpoints (shared/protocol/analysis.ts).
import type { ResponseOf } from '../../../shared/protocol/api';
import type { AnalysisEndpointName } from '../../../shared/protocol/analysis';
import type { StoreClient } from '../store/thread/client';
import type { RouteContext } from './route-context';

type AnalysisHandlers = { [N in AnalysisEndpointName]: (ctx: RouteContext<N>) => Promise<ResponseOf<N>> };

export function analysisHandlers(store: StoreClient): AnalysisHandlers {
  return {
    indices: async ({ query }) => store.analysis.indices(query.date ?? null, query.region ?? null),
    indicesRange: async ({ query }) => store.analysis.indicesRange(query.from, query.to, query.region ?? null),
    risk: async () => ({ items: await store.analysis.risk() }),
    warnings: async () => ({ items: await store.analysis.warnings() }),
    heat: async ({ query }) => store.analysis.heat(query.since, query.limit),
    dayCounts: async ({ query }) => store.analysis.dayCounts(query.date ?? null),
  };
}
