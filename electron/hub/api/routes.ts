// One handler per entry of the shared API map; the router validates what comes in against
// the same map, so a handler only ever sees parsed input.
import type { HubMode, User } from '../../../shared/domain';
import { DutyFailure } from '../../../shared/errors';
import type { UnitPositions } from '../../../shared/protocol/units';
import type { StoreClient } from '../store/thread/client';
import type { SignInResult, Sessions } from './sessions';
import { townHandlers } from './town-routes';
import { buildRoster } from './roster';
import { analysisHandlers } from './analysis-routes';
import type { Geocoder } from '../geocode/geocoder';
import { intakeHandlers, type IntakeServices } from '../intake/api-routes';
import { primaryReplicaHandlers } from '../replica/primary-routes';
import type { Handlers } from './route-context';

export type { Handlers, RouteContext } from './route-context';

export interface HubState {
  mode: HubMode;
  journalSeq(): number;
  /** Live unit positions, kept in memory (electron/hub/units). */
  unitPositions(): UnitPositions;
  /** Intake channels (electron/hub/intake): callback dead letters; primary only. */
  intake?: IntakeServices;
  /** The hub's address index (electron/hub/geocode/geocoder.ts), on a primary and a replica seat. */
  geocoder?: Geocoder;
}

function fail(code: 'notFound', message: string, path: string): never {
  throw new DutyFailure(code, message, path);
}

function signedIn(ctx: { user: User | null; token: string | null }): { user: User; token: string } {
  if (!ctx.user || !ctx.token) throw new DutyFailure('unauthenticated', 'Sign in first.');
  return { user: ctx.user, token: ctx.token };
}

function signInAnswer({ token, user, enrolment }: SignInResult) {
  return { token, user: { id: user.id, username: user.username, name: user.name, role: user.role }, ...(enrolment ? { enrolment } : {}) };
}

export function handlers(store: StoreClient, sessions: Sessions, hub: HubState): Handlers {
  return {
    health: async () => ({ ok: true, mode: hub.mode, journalSeq: hub.journalSeq() }),
    login: async ({ body, client }) => signInAnswer(await sessions.login(body.username, body.password, { code: body.code, address: client.address })),
    pair: async ({ body, client }) => signInAnswer(await sessions.pair(body.code, client.address)),
    sessionList: async () => ({ items: await sessions.list() }),
    sessionRevoke: async (ctx) => {
      await sessions.revoke(ctx.params.id ?? '', signedIn(ctx).user);
      return {};
    },
    secondFactorBegin: async (ctx) => sessions.beginEnrolment(signedIn(ctx).user),
    secondFactorConfirm: async (ctx) => sessions.confirmEnrolment(signedIn(ctx).token, ctx.body.code, ctx.client.address),
    secondFactorForSeat: async (ctx) => sessions.secondFactorForSeat(signedIn(ctx).token, ctx.client.address),
    secondFactorReset: async (ctx) => {
      await sessions.resetSecondFactor(ctx.params.id ?? '', signedIn(ctx).user);
      return {};
    },
    currentSession: async (ctx) => ({ user: signedIn(ctx).user }),
    logout: async (ctx) => {
      await sessions.close(signedIn(ctx).token);
      return {};
    },
    command: async (ctx) => {
      const { user } = signedIn(ctx);
      return store.execute(ctx.body, { userId: user.id, role: user.role, regionId: user.regionId ?? null, unitId: user.unitId ?? null });
    },
    incidents: async ({ query }) => store.incidents.listWithSeq(query.status, query.limit),
    incident: async ({ params }) => {
      const found = await store.incidents.detail(params.id ?? '');
      if (!found) throw new DutyFailure('notFound', `No incident ${params.id}.`, 'id');
      return found;
    },
    incidentJournal: async ({ params }) => (await store.incidents.journal(params.id ?? '')) ?? fail('notFound', `No incident ${params.id}.`, 'id'),
    recommendations: async ({ params }) => (await store.incidents.recommendations(params.id ?? '')) ?? fail('notFound', `No incident ${params.id}.`, 'id'),
    duplicates: async ({ body }) => ({ candidates: await store.incidents.dedupeCandidates(body) }),
    units: async () => ({ items: await store.duty.units() }),
    unitPositions: async () => hub.unitPositions(),
    shift: async () => ({ onDuty: await store.duty.onDuty(), handovers: await store.duty.handovers(20) }),
    roster: async () => buildRoster(await store.access.users(), await store.duty.onDuty(), (id) => sessions.presence.of(id)),
    config: async () => store.duty.config(),
    wallFocus: async () => (await store.duty.wallFocus()) ?? { incidentId: null, seq: 0, at: null },
    journal: async ({ query }) => store.journal.page(query.after, query.limit),
    ...townHandlers(store),
    ...analysisHandlers(store),
    ...intakeHandlers(hub.intake, hub.geocoder),
    ...primaryReplicaHandlers(store),
  };
}
