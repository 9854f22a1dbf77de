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

export type Handlers = { [N in EndpointName]: (ctx: RouteContext<N>) => Promise<ResponseOf<N>> };
