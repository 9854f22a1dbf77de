import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../../shared/domain';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import type { ApiClient } from '../../app/api';
import { ApiError } from '../../app/api';
import { hubApi } from '../../app/hubApi';
import { presenceHeard } from '../../app/hubCache';
import { journalEntriesApplied } from '../../app/journalActions';
import { listenerSetups } from '../../app/listenerSetups';
import { createAppStore } from '../../app/store';
import { openIncidentsLoaded } from '../queue/queueSlice';
import { sessionStateWithToken } from '../session/sessionSlice';
import { memorySessionStore } from '../session/sessionStore';
import { linkStateChanged } from '../link/linkSlice';
import { approve, crossDepartmentOrder, sendBack } from './deskThunks';

type Call = { name: string; options: any };

function setup(answers: Record<string, (options: any) => unknown>) {
  const calls: Call[] = [];
  const api: ApiClient = {
    call: (async (name: string, options: any) => {
      calls.push({ name, options });
      const answer = answers[name];
      if (!answer) throw new Error(`unexpected call ${name}`);
      return answer(options);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 1_000 }, { session: sessionStateWithToken('T') }, listenerSetups);
  return { store, calls, commands: () => calls.filter((c) => c.name === 'command').map((c) => c.options.body) };
}

const rec = (unitId: string) => ({
  unitId,
  unitName: `单位${unitId}`,
  score: 0.5,
  reasons: { distanceMeters: 1, etaMinutes: 1, status: 'available' as const, openAssignments: 0, region: 'grid' as const, departmentMatch: true },
});
const unit = (id: string, department: string) => ({ id, name: `单位${id}`, kind: 'team', department, gridId: 'G1', regionIds: [], location: { lon: 120.07, lat: 30.33 }, status: 'available', openAssignments: 0 });
const ok = () => ({ ok: true, seq: 9 });
const approval = (ask: 'dispatch' | 'closure', priority: 'P1' | 'P2') => ({ incidentId: 'A', priority, title: 'x', ask, since: '', waitingMs: 0 });

describe('approving from the desk', () => {
  it('dispatches the two best recommended units of a P1, with the caller’s key', async () => {
    const { store, commands } = setup({ recommendations: () => ({ lead: 'police', units: [rec('U1'), rec('U2'), rec('U3')] }), command: ok });
    const outcome = await store.dispatch(approve(approval('dispatch', 'P1'), 'key-00000001'));
    expect(outcome).toMatchObject({ ok: true, pending: false, values: { units: '单位U1、单位U2' } });
    expect(commands()).toEqual([{ type: 'incident.dispatch', payload: { incidentId: 'A', unitIds: ['U1', 'U2'] }, idempotencyKey: 'key-00000001' }]);
  });

  it('says so, and sends nothing, when the engine recommends no unit', async () => {
    const { store, commands } = setup({ recommendations: () => ({ lead: 'police', units: [] }), command: ok });
    expect(await store.dispatch(approve(approval('dispatch', 'P2'), 'key-00000002'))).toEqual({ ok: false, noteKey: 'command.approvals.noUnit' });
    expect(commands()).toEqual([]);
  });

  it('accepts a closure, and shows the hub’s refusal as it came', async () => {
    const refusal = { code: 'feedbackRequired' as const, message: 'no feedback' };
    const { store } = setup({
      command: () => {
        throw new ApiError(refusal, 422);
      },
    });
    expect(await store.dispatch(approve(approval('closure', 'P2'), 'key-00000003'))).toEqual({ ok: false, error: refusal });
  });

  it('sends a dispatch back to the seat and a closure back to work, each with the reason', async () => {
    const { store, commands } = setup({ command: ok });
    await store.dispatch(sendBack(approval('dispatch', 'P1'), '主办部门有误', 'key-00000004'));
    await store.dispatch(sendBack(approval('closure', 'P1'), '现场未清理', 'key-00000005'));
    expect(commands().map((c) => [c.type, c.payload])).toEqual([
      ['incident.return', { incidentId: 'A', reason: '主办部门有误' }],
      ['incident.reopen', { incidentId: 'A', reason: '现场未清理' }],
    ]);
  });
});

describe('a cross-department order from the desk', () => {
  const incident: Incident = {
    id: 'A',
    state: 'reported',
    title: '化工厂冒烟',
    category: 'fire',
    priority: null,
    location: { lon: 120.07, lat: 30.33 },
    address: null,
    channels: ['fire119'],
    reportCount: 1,
    createdAt: '2026-11-22T02:00:00Z',
    updatedAt: '2026-11-22T02:00:00Z',
    lastSeq: 1,
    lastAction: 'incident.reported',
  };

  it('triages with the lead and co-handlers, then sends one unit of each department', async () => {
    const { store, commands } = setup({
      command: ok,
      recommendations: () => ({ lead: 'emergencyManagement', units: [rec('E1'), rec('P1')] }),
      units: () => ({ items: [unit('E1', 'emergencyManagement'), unit('P1', 'police'), unit('M1', 'marketSupervision')] }),
    });
    store.dispatch(openIncidentsLoaded({ items: [incident], seq: 1 } as never));
    const outcome = await store.dispatch(
      crossDepartmentOrder({ incidentId: 'A', lead: 'emergencyManagement', coHandlers: ['police', 'marketSupervision', 'gridService'], priority: 'P1', dispatchUnits: true }, 'key-00000006'),
    );
    expect(commands()).toEqual([
      {
        type: 'incident.triage',
        payload: { incidentId: 'A', category: 'fire', priority: 'P1', lead: 'emergencyManagement', coHandlers: ['police', 'marketSupervision', 'gridService'] },
        idempotencyKey: 'key-00000006.t',
      },
      { type: 'incident.dispatch', payload: { incidentId: 'A', unitIds: ['E1', 'P1', 'M1'] }, idempotencyKey: 'key-00000006.d' },
    ]);
    expect(outcome).toMatchObject({ ok: true, noteKey: 'command.cross.sentMissing', missing: ['gridService'] });
  });
});

describe('keeping the desk current', () => {
  const entry = (type: string) => ({ seq: 1, time: '', actor: 'x', role: 'commander', type, payload: {}, prevHash: '', hash: '' }) as JournalEntry;
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('reads the shift and roster again on shift entries, the roster on user entries, and nothing while no desk is open', async () => {
    const { store, calls } = setup({ shift: () => ({ onDuty: null, handovers: [] }), roster: () => ({ onDuty: null, users: [] }) });
    const applied = async (...entries: JournalEntry[]) => {
      store.dispatch(journalEntriesApplied(entries, 1_000));
      await settle();
    };
    const names = () => calls.map((c) => c.name);
    // Read and put away: a desk opened once and closed holds no subscription.
    await store.dispatch(hubApi.endpoints.shift.initiate(undefined, { subscribe: false }));
    calls.length = 0;
    await applied(entry('shift.started'));
    expect(names()).toEqual([]);
    // An open desk subscribes to both (deskReads.ts).
    const shift = store.dispatch(hubApi.endpoints.shift.initiate());
    const roster = store.dispatch(hubApi.endpoints.roster.initiate());
    await Promise.all([shift, roster]);
    calls.length = 0;
    await applied(entry('briefing.exported'), entry('wall.focused'));
    expect(names()).toEqual([]);
    await applied(entry('shift.handedOver'));
    expect(names().sort()).toEqual(['roster', 'shift']);
    calls.length = 0;
    await applied(entry('user.created'));
    expect(names()).toEqual(['roster']);
    expect(hubApi.endpoints.shift.select()(store.getState()).data).toEqual({ onDuty: null, handovers: [] });
    shift.unsubscribe();
    roster.unsubscribe();
  });

  it('folds who comes and goes from the stream into the cached roster, and reads it again when the link comes back', async () => {
    const person = (id: string, online: boolean) => ({ id, name: id, role: 'operator' as const, online, lastSeenAt: null });
    const { store, calls } = setup({ shift: () => ({ onDuty: null, handovers: [] }), roster: () => ({ onDuty: null, users: [person('u1', false), person('u2', true)] }) });
    const names = () => calls.map((c) => c.name);
    store.dispatch(linkStateChanged('online'));
    // An open desk subscribes to the roster (deskReads.ts).
    const roster = store.dispatch(hubApi.endpoints.roster.initiate());
    await roster;
    expect(names()).toEqual(['roster']);

    store.dispatch(presenceHeard({ userId: 'u1', online: true, lastSeenAt: '2026-11-22T02:00:00.000Z' }));
    store.dispatch(presenceHeard({ userId: 'u2', online: false, lastSeenAt: '2026-11-22T02:00:01.000Z' }));
    store.dispatch(presenceHeard({ userId: 'someone-else', online: true, lastSeenAt: null }));
    expect(hubApi.endpoints.roster.select()(store.getState()).data!.users.map((u) => [u.id, u.online, u.lastSeenAt])).toEqual([
      ['u1', true, '2026-11-22T02:00:00.000Z'],
      ['u2', false, '2026-11-22T02:00:01.000Z'],
    ]);
    // Nobody polls: the roster is read again only after the link was down.
    await settle();
    expect(names()).toEqual(['roster']);
    store.dispatch(linkStateChanged('online'));
    await settle();
    expect(names()).toEqual(['roster']);
    store.dispatch(linkStateChanged('offline'));
    store.dispatch(linkStateChanged('online'));
    await settle();
    expect(names()).toEqual(['roster', 'roster']);
    roster.unsubscribe();
  });
});
