// The window's one cache of what it reads from the hub: an RTK Query endpoint for every GET
// of the API map (shared/protocol/api.ts), generated from the map rather than listed, so a
// renamed or removed endpoint breaks the compile of whoever reads it. Requests go through the
// typed client (./api.ts) with the session's token; the journal stream then keeps the cached
// answers current (./hubCache.ts patches them) instead of each screen reading again.
import { createApi, type BaseQueryFn, type QueryDefinition } from '@reduxjs/toolkit/query/react';
import type { DutyError } from '../../../shared/errors';
import { API, type Api, type EndpointName, type ResponseOf } from '../../../shared/protocol/api';
import { toDutyError, type ApiClient, type CallOptions } from './api';

/** The API map's reads: the entries a window may cache. */
export type ReadName = { [N in EndpointName]: Api[N]['method'] extends 'GET' ? N : never }[EndpointName];

export const READ_NAMES = (Object.keys(API) as EndpointName[]).filter((name): name is ReadName => API[name].method === 'GET');

/** What a read is asked with: its path parameters and query, as the client takes them (the token is the session's). */
type ReadOptions<N extends ReadName> = Omit<CallOptions<N>, 'token' | 'signal'>;
/** No argument where the endpoint takes none, so `useRiskQuery()` reads as it should. */
export type ReadArg<N extends ReadName> = object extends ReadOptions<N> ? ReadOptions<N> | void : ReadOptions<N>;

export interface HubRequest {
  name: ReadName;
  options: Record<string, unknown>;
}

/**
 * The store's thunk extra (app/store.ts ThunkExtra) as the cache needs it. Stated here, not
 * imported: the store imports this module, and an import back would be a cycle.
 */
interface CacheExtra {
  api: ApiClient;
}

/** Which session asked: a refusal ends that session only, not one signed in since (./hubCache.ts). */
export interface HubQueryMeta {
  token: string | null;
}

type HubBaseQuery = BaseQueryFn<HubRequest, unknown, DutyError, object, HubQueryMeta>;

const hubBaseQuery: HubBaseQuery = async ({ name, options }, { getState, signal, extra }) => {
  const token = (getState() as { session: { token: string | null } }).session.token;
  try {
    const data = await (extra as CacheExtra).api.call(name, { ...options, token, signal } as CallOptions<typeof name>);
    return { data, meta: { token } };
  } catch (cause) {
    // Plain data in the cache, as everywhere in the store.
    return { error: toDutyError(cause), meta: { token } };
  }
};

/**
 * Each answer is tagged with its read's name and, for one answer, with its argument
 * (`readTag`): the stream invalidates a read by name, or one answer it cannot fold
 * (./hubCache.ts). An invalidated answer no screen uses is dropped rather than read again.
 */
export function readTag<N extends ReadName>(name: N, arg: unknown): { type: N; id: string } {
  return { type: name, id: JSON.stringify(arg ?? null) };
}

export type HubEndpoints = { [N in ReadName]: QueryDefinition<ReadArg<N>, HubBaseQuery, ReadName, ResponseOf<N>, 'hub'> };

export const hubApi = createApi({
  reducerPath: 'hub',
  baseQuery: hubBaseQuery,
  tagTypes: READ_NAMES,
  // An answer in use never expires by age (the stream says when it changes); one no screen
  // uses any more is kept five minutes, for a panel closed and opened again.
  keepUnusedDataFor: 300,
  endpoints: (build) =>
    Object.fromEntries(
      READ_NAMES.map((name) => [
        name,
        build.query<unknown, Record<string, unknown> | void>({
          query: (options) => ({ name, options: options ?? {} }),
          providesTags: (_result, _error, arg) => [name, readTag(name, arg)],
        }),
      ]),
    ) as unknown as HubEndpoints,
});

/** The hooks the screens use (every read has one on `hubApi`, named by the same rule). */
export const {
  useTownRegionsQuery,
  useTownBasemapQuery,
  useTownCamerasQuery,
  useTownPlacesQuery,
  useConfigQuery,
  useUnitsQuery,
  useIncidentQuery,
  useRiskQuery,
  useHeatQuery,
  useDayCountsQuery,
  useIndicesQuery,
  useIndicesRangeQuery,
  useIncidentsQuery,
  useShiftQuery,
  useRosterQuery,
} = hubApi;
