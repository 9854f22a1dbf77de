// The replica endpoints as a primary answers them: a primary has no outbox (its commands
// apply or are refused at once), and it hands its town to replicas that copy it.
import { DutyFailure, dutyError } from '../../../shared/errors';
import type { ResponseOf } from '../../../shared/protocol/api';
import type { StoreClient } from '../store/thread/client';
import { JsonText, type Answer, type RouteContext } from '../api/route-context';

type ReplicaEndpoint = 'outbox' | 'dismissOutbox' | 'townCopy' | 'replicaJournal' | 'commandBatch';
type ReplicaHandlers = { [N in ReplicaEndpoint]: (ctx: RouteContext<N>) => Promise<Answer<N>> };

export function primaryReplicaHandlers(store: StoreClient): ReplicaHandlers {
  return {
    outbox: async () => ({ items: [] }),
    dismissOutbox: async ({ params }) => {
      throw new DutyFailure('notFound', `No outbox item ${params.id}: this hub is a primary and keeps no outbox.`, 'id');
    },
    // Both carry what only a seat may copy (contact phones, callers); the map's roles say who.
    townCopy: async () => {
      const [meta, town] = await Promise.all([store.town.meta(), store.town.export()]);
      return { meta, town };
    },
    // Written as text by the store's thread from the stored rows (store/read/journal.ts pageText): a
    // primary serving seats back from an outage neither parses nor re-serializes every entry.
    replicaJournal: async ({ query }) => new JsonText<ResponseOf<'replicaJournal'>>(await store.journal.pageText(query.after, query.limit)),
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
