// What a handler of the API map is given and must answer, apart from routes.ts (which joins
// every area's handlers) so each area's route file can name these without importing it back.
import type { User } from '../../../shared/domain';
import type { EndpointName, ParsedBodyOf, ParsedQueryOf, ResponseOf } from '../../../shared/protocol/api';

export interface RouteContext<N extends EndpointName> {
  /** Who sent the request, as far as the network tells (no proxy is trusted). */
  client: { address: string };
  params: Record<string, string>;
  query: ParsedQueryOf<N>;
  body: ParsedBodyOf<N>;
  user: User | null;
  token: string | null;
}

/**
 * An answer already serialized: the JSON text of a T, sent as it is. For an answer the store
 * can write as text cheaper than as objects (a replica's journal page); never for an endpoint
 * whose answer is masked by role, which needs the objects (the router refuses it).
 */
export class JsonText<T> {
  declare private readonly answer: T;
  constructor(readonly text: string) {}
}

export type Answer<N extends EndpointName> = ResponseOf<N> | JsonText<ResponseOf<N>>;

export type Handlers = { [N in EndpointName]: (ctx: RouteContext<N>) => Promise<Answer<N>> };
