// The replica endpoints as a primary answers them: a primary has no outbox (its commands
// apply or are refused at once), and it hands its town to replicas that copy it.
import type { User } from '../../../shared/domain';
import { DutyFailure, dutyError } from '../../../shared/errors';
import type { ResponseOf } from '../../../shared/protocol/api';
import type { StoreClient } from '../store/client';
import type { RouteContext } from '../api/routes';

type ReplicaEndpoint = 'outbox' | 'dismissOutbox' | 'townCopy' | 'commandBatch';
type ReplicaHandlers = { [N in ReplicaEndpoint]: (ctx: RouteContext<N>) => Promise<ResponseOf<N>> };

/** The town copy carries contact phones: the wall (a public screen) may not take it. */
function mayCopyTown(user: User | null): User {
  if (!user) throw new DutyFailure('unauthenticated', 'Sign in first.');
  if (user.role === 'wall') throw new DutyFailure('forbidden', 'A wall account cannot copy the town; a replica syncs as an operator (or any other non-wall) account.');
  return user;
}

export function primaryReplicaHandlers(store: StoreClient): ReplicaHandlers {
  return {
    outbox: async () => ({ items: [] }),
    dismissOutbox: async ({ params }) => {
      throw new DutyFailure('notFound', `No outbox item ${params.id}: this hub is a primary and keeps no outbox.`, 'id');
    },
    townCopy: async ({ user }) => {
      mayCopyTown(user);
      const [meta, town] = await Promise.all([store.townMeta(), store.exportTown()]);
      return { meta, town };
    },
    commandBatch: async ({ user, body }) => {
      if (!user) throw new DutyFailure('unauthenticated', 'Sign in first.');
      const actor = { userId: user.id, role: user.role, regionId: user.regionId ?? null, unitId: user.unitId ?? null };
      // Sent together, the store's thread takes them as one group commit, in this order.
      const settled = await Promise.allSettled(body.commands.map((envelope) => store.execute(envelope, actor)));
      return {
        results: settled.map((s) =>
          s.status === 'fulfilled' ? s.value : { ok: false as const, error: s.reason instanceof DutyFailure ? s.reason.error : dutyError('internal', String(s.reason)) },
        ),
      };
    },
  };
}
