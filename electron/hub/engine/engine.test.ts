import { describe, expect, it } from 'vitest';
import { mayIssue } from '../../../shared/permissions';
import { COMMAND_TYPES, type CommandType } from '../../../shared/protocol/commands';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../store/store';
import { ACTORS, fixtureStore, fixtureTown, REPORT } from './town.fixture';

function reported(f: ReturnType<typeof fixtureStore>, overrides: Record<string, unknown> = {}) {
  return f.ok(ACTORS.operator, 'incident.report', { ...REPORT, ...overrides }).incidentId!;
}

function triaged(f: ReturnType<typeof fixtureStore>, priority = 'P3', overrides: Record<string, unknown> = {}) {
  const id = reported(f, overrides);
  f.ok(ACTORS.operator, 'incident.triage', { incidentId: id, category: 'streetVending', priority, lead: 'cityManagement', coHandlers: ['marketSupervision'] });
  return id;
}

describe('incident lifecycle', () => {
  it('runs from report to closure, every step in the journal', () => {
    const f = fixtureStore();
    const id = triaged(f);
    expect(f.store.incidents.detail(id)).toMatchObject({ state: 'triaged', priority: 'P3', lead: 'cityManagement', coHandlers: ['marketSupervision'], gridId: 'G1' });
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] });
    expect(f.store.duty.units().find((u) => u.id === 'T1')).toMatchObject({ status: 'busy', openAssignments: 1 });
    f.advance(3);
    f.ok(ACTORS.unitT1, 'unit.accept', { incidentId: id, unitId: 'T1' });
    f.advance(10);
    f.ok(ACTORS.unitT1, 'unit.arrive', { incidentId: id, unitId: 'T1' });
    f.ok(ACTORS.unitT1, 'incident.feedback', { incidentId: id, text: '摊贩已劝离，现场恢复通行', photos: ['photo://a1.jpg'] });
    f.ok(ACTORS.operator, 'incident.resolve', { incidentId: id, summary: '劝离' });
    expect(f.store.duty.units().find((u) => u.id === 'T1')).toMatchObject({ status: 'available', openAssignments: 0 });
    f.ok(ACTORS.operator, 'incident.acceptClosure', { incidentId: id, rating: 5 });
    const closed = f.store.incidents.detail(id)!;
    expect(closed).toMatchObject({ state: 'closed', rating: 5, assignments: [{ unitId: 'T1', status: 'onScene', acceptedAt: '2026-11-22T02:03:00.000Z', arrivedAt: '2026-11-22T02:13:00.000Z' }] });
    expect(f.store.journal.page(0, 100).entries.map((e) => e.type).filter((t) => t !== 'user.created')).toEqual([
      'incident.reported', 'incident.triaged', 'incident.dispatched', 'unit.accepted', 'unit.arrived', 'incident.feedbackGiven', 'incident.resolved', 'incident.closed',
    ]);
    expect(f.store.journal.verify()).toBeNull();
  });

  it('refuses closing without feedback', () => {
    const f = fixtureStore();
    const id = triaged(f);
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] });
    expect(f.run(ACTORS.operator, 'incident.resolve', { incidentId: id, summary: '完成' })).toMatchObject({ ok: false, error: { code: 'feedbackRequired' } });
    expect(f.store.incidents.detail(id)?.state).toBe('dispatched');
  });

  it('refuses a command that is illegal in the current state, writing nothing', () => {
    const f = fixtureStore();
    const id = reported(f);
    const seq = f.store.journal.seq();
    expect(f.run(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] })).toMatchObject({ ok: false, error: { code: 'illegalState' } });
    expect(f.run(ACTORS.operator, 'incident.acceptClosure', { incidentId: id })).toMatchObject({ ok: false, error: { code: 'illegalState' } });
    expect(f.run(ACTORS.operator, 'incident.triage', { incidentId: 'nope', category: 'noise', priority: 'P3', lead: 'police' })).toMatchObject({ ok: false, error: { code: 'notFound', path: 'payload.incidentId' } });
    expect(f.store.journal.seq()).toBe(seq);
  });

  it('lets a returned assignment go back to the room with its reason, and be dispatched again', () => {
    const f = fixtureStore();
    const id = triaged(f);
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] });
    expect(f.run(ACTORS.unitT1, 'incident.return', { incidentId: id, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid', path: 'payload.reason' } });
    f.ok(ACTORS.unitT1, 'incident.return', { incidentId: id, reason: '不属于本部门职责，应由市场监管处理' });
    expect(f.store.incidents.detail(id)).toMatchObject({ state: 'returned', reason: '不属于本部门职责，应由市场监管处理' });
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['S1'] });
    expect(f.store.incidents.detail(id)?.state).toBe('dispatched');
  });

  it('reopens a closed incident with a reason, and cancels an invalid one', () => {
    const f = fixtureStore();
    const id = triaged(f);
    f.ok(ACTORS.operator, 'incident.feedback', { incidentId: id, text: '电话调解，双方和解', settledOnSpot: true });
    f.ok(ACTORS.operator, 'incident.resolve', { incidentId: id, summary: '现场调解' });
    f.ok(ACTORS.operator, 'incident.acceptClosure', { incidentId: id });
    f.ok(ACTORS.operator, 'incident.reopen', { incidentId: id, reason: '市民回访不满意' });
    expect(f.store.incidents.detail(id)).toMatchObject({ state: 'reopened', reopenCount: 1, closedAt: null });
    const other = reported(f);
    f.ok(ACTORS.operator, 'incident.cancel', { incidentId: other, reason: '重复测试来电' });
    expect(f.store.incidents.detail(other)?.state).toBe('cancelled');
    expect(f.store.incidents.list('open', 10).map((i) => i.id)).toEqual([id]);
  });
});

describe('roles in the engine', () => {
  it('P1–P2 dispatch and closure need a commander', () => {
    const f = fixtureStore();
    const id = triaged(f, 'P1');
    expect(f.run(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] })).toMatchObject({ ok: false, error: { code: 'needsCommander' } });
    f.ok(ACTORS.commander, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] });
    f.ok(ACTORS.operator, 'unit.arrive', { incidentId: id, unitId: 'T1' });
    f.ok(ACTORS.operator, 'incident.feedback', { incidentId: id, text: '已处置' });
    f.ok(ACTORS.operator, 'incident.resolve', { incidentId: id, summary: '处置完毕' });
    expect(f.run(ACTORS.operator, 'incident.acceptClosure', { incidentId: id })).toMatchObject({ ok: false, error: { code: 'needsCommander' } });
    f.ok(ACTORS.commander, 'incident.acceptClosure', { incidentId: id });
  });

  it('a commander sends a serious triage back to the seat instead of approving its dispatch', () => {
    const f = fixtureStore();
    const id = triaged(f, 'P2');
    expect(f.run(ACTORS.commander, 'incident.return', { incidentId: id, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid', path: 'payload.reason' } });
    f.ok(ACTORS.commander, 'incident.return', { incidentId: id, reason: '主办部门应为应急管理，请重新研判' });
    expect(f.store.incidents.detail(id)).toMatchObject({ state: 'returned', reason: '主办部门应为应急管理，请重新研判', assignments: [] });
    const entry = f.store.journal.page(0, 100).entries.at(-1);
    expect(entry).toMatchObject({ type: 'incident.returned', actor: 'cmd1', role: 'commander', payload: { incidentId: id, unitId: null } });
    // The seat triages it anew, and it waits for the commander's approval again.
    f.ok(ACTORS.operator, 'incident.triage', { incidentId: id, category: 'streetVending', priority: 'P2', lead: 'emergencyManagement' });
    expect(f.store.incidents.detail(id)).toMatchObject({ state: 'triaged', lead: 'emergencyManagement' });
    expect(f.run(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] })).toMatchObject({ ok: false, error: { code: 'needsCommander' } });
  });

  it('before dispatch only a commander returns an incident, and names no unit', () => {
    const f = fixtureStore();
    const id = triaged(f, 'P1');
    const seq = f.store.journal.seq();
    expect(f.run(ACTORS.operator, 'incident.return', { incidentId: id, reason: '退回重新研判' })).toMatchObject({ ok: false, error: { code: 'illegalState' } });
    expect(f.run(ACTORS.unitT1, 'incident.return', { incidentId: id, reason: '不属本部门' })).toMatchObject({ ok: false, error: { code: 'illegalState' } });
    expect(f.run(ACTORS.commander, 'incident.return', { incidentId: id, unitId: 'T1', reason: '不属本部门' })).toMatchObject({ ok: false, error: { code: 'illegalState', path: 'payload.unitId' } });
    expect(f.store.journal.seq()).toBe(seq);
    expect(f.store.incidents.detail(id)?.state).toBe('triaged');
    // Still not from reported: there is no triage to send back.
    const fresh = reported(f);
    expect(f.run(ACTORS.commander, 'incident.return', { incidentId: fresh, reason: '退回重新研判' })).toMatchObject({ ok: false, error: { code: 'illegalState' } });
  });

  it('a region head dispatches inside its region only', () => {
    const f = fixtureStore();
    const inside = triaged(f, 'P3');
    const outside = triaged(f, 'P3', { location: { lon: 120.095, lat: 30.33 } });
    f.ok(ACTORS.regionHead, 'incident.dispatch', { incidentId: inside, unitIds: ['W1'] });
    expect(f.run(ACTORS.regionHead, 'incident.dispatch', { incidentId: outside, unitIds: ['T2'] })).toMatchObject({ ok: false, error: { code: 'outsideRegion' } });
  });

  it('a unit account acts for its own unit only', () => {
    const f = fixtureStore();
    const id = triaged(f);
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1', 'S1'] });
    expect(f.run(ACTORS.unitT1, 'unit.accept', { incidentId: id, unitId: 'S1' })).toMatchObject({ ok: false, error: { code: 'notYourUnit' } });
    f.ok(ACTORS.unitT1, 'unit.accept', { incidentId: id, unitId: 'T1' });
  });

  it('the wall may do nothing but read: every command is refused', () => {
    const f = fixtureStore();
    const id = triaged(f);
    const seq = f.store.journal.seq();
    for (const type of COMMAND_TYPES) {
      expect(f.run(ACTORS.wall, type, { incidentId: id }), type).toMatchObject({ ok: false, error: { code: expect.stringMatching(/forbidden|invalid/) } });
    }
    // Refused for the role even when the payload is right.
    expect(f.run(ACTORS.wall, 'incident.report', REPORT)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.store.journal.seq()).toBe(seq);
  });
});

describe('merge', () => {
  it('keeps every report under the master and restores them on unmerge', () => {
    const f = fixtureStore();
    const master = reported(f);
    const child = reported(f, { channel: 'gridApp', title: '网格员上报：文一西路流动摊贩' });
    f.ok(ACTORS.operator, 'incident.merge', { incidentId: child, into: master });
    expect(f.store.incidents.detail(master)).toMatchObject({ reportCount: 2, channels: ['hotline12345', 'gridApp'], mergedFrom: [child] });
    expect(f.store.incidents.detail(master)?.reports.map((r) => r.channel)).toEqual(['hotline12345', 'gridApp']);
    expect(f.store.incidents.detail(child)).toMatchObject({ state: 'merged', mergedInto: master });
    expect(f.store.incidents.list('open', 10).map((i) => i.id)).toEqual([master]);
    f.ok(ACTORS.operator, 'incident.unmerge', { incidentId: child });
    expect(f.store.incidents.detail(master)).toMatchObject({ reportCount: 1, channels: ['hotline12345'], mergedFrom: [] });
    expect(f.store.incidents.detail(child)).toMatchObject({ state: 'reported', mergedInto: null });
  });

  it('refuses merging into itself, into a merged incident, or a master that has children', () => {
    const f = fixtureStore();
    const a = reported(f);
    const b = reported(f);
    const c = reported(f);
    expect(f.run(ACTORS.operator, 'incident.merge', { incidentId: a, into: a })).toMatchObject({ ok: false, error: { code: 'invalid' } });
    f.ok(ACTORS.operator, 'incident.merge', { incidentId: b, into: a });
    expect(f.run(ACTORS.operator, 'incident.merge', { incidentId: c, into: b })).toMatchObject({ ok: false, error: { code: 'illegalState', path: 'payload.into' } });
    expect(f.run(ACTORS.operator, 'incident.merge', { incidentId: a, into: c })).toMatchObject({ ok: false, error: { code: 'illegalState', path: 'payload.incidentId' } });
  });
});

describe('duplicates', () => {
  it('offers the earlier report of the same event, explained, when a second channel reports it', () => {
    const f = fixtureStore();
    const first = reported(f, { category: 'illegalConstruction', title: '振华路88号后院私自搭建彩钢棚', description: '', address: '振华路 88 号', location: { lon: 120.0712, lat: 30.3268 } });
    reported(f, { category: 'streetVending', title: '振华路口流动摊贩', description: '', location: { lon: 120.072, lat: 30.327 }, reporter: undefined });
    f.advance(35);
    const draft = { category: 'illegalConstruction', title: '网格员巡查：振华路88号后院违规搭建彩钢棚', description: '', location: { lon: 120.0714, lat: 30.3269 } };
    // The seat asks while the operator types, before the report is taken.
    const candidates = f.store.incidents.dedupeCandidates(draft);
    const second = f.ok(ACTORS.operator, 'incident.report', { ...REPORT, ...draft, channel: 'gridApp', reporter: undefined });
    expect(second.data).toBeUndefined();
    expect(candidates[0]).toMatchObject({ incidentId: first, likely: true, score: { minutesApart: 35 } });
    expect(candidates[0]!.score.distanceMeters).toBeLessThan(30);
    expect(candidates.filter((c) => c.likely)).toHaveLength(1);
    // Merging answers both reports from one incident.
    f.ok(ACTORS.operator, 'incident.merge', { incidentId: second.incidentId, into: first });
    expect(f.store.incidents.dedupeCandidates({ category: 'illegalConstruction', title: '振华路88号彩钢棚', description: '', location: { lon: 120.0713, lat: 30.3268 } })[0]).toMatchObject({ incidentId: first, channels: ['hotline12345', 'gridApp'] });
  });

  it('finds the same caller without a location', () => {
    const f = fixtureStore();
    const first = reported(f, { category: 'noise', title: '楼上深夜装修噪声', location: undefined, address: '古墩路 100 号 2 幢' });
    const [candidate] = f.store.incidents.dedupeCandidates({ category: 'noise', title: '还是楼上装修', description: '', phone: '138-1234-5678' });
    expect(candidate).toMatchObject({ incidentId: first, score: { parts: { samePhone: 1 } } });
  });
});

describe('region call (incident.circleCall), wall focus and personal data', () => {
  it('alerts every unit based in the incident’s joint-enforcement region', () => {
    const f = fixtureStore();
    const id = triaged(f);
    f.ok(ACTORS.commander, 'incident.circleCall', { incidentId: id });
    const entry = f.store.journal.page(0, 100).entries.find((e) => e.type === 'incident.circleCalled');
    expect(entry?.payload).toEqual({ incidentId: id, regionId: 'J1', unitIds: ['T1', 'W1', 'S1'] });
    expect(f.run(ACTORS.operator, 'incident.circleCall', { incidentId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('only a commander moves the wall', () => {
    const f = fixtureStore();
    const id = reported(f);
    expect(f.run(ACTORS.operator, 'wall.focus', { incidentId: id })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    f.ok(ACTORS.commander, 'wall.focus', { incidentId: id });
    expect(f.store.duty.wallFocus()).toMatchObject({ incidentId: id });
  });

  it('masks the caller’s phone and journals every reveal', () => {
    const f = fixtureStore();
    const id = reported(f);
    const detail = f.store.incidents.detail(id)!;
    expect(detail.reports[0]?.reporter).toEqual({ name: '张先生', phone: '138****5678' });
    const revealed = f.ok(ACTORS.operator, 'personalData.reveal', { incidentId: id, reportId: detail.reports[0]!.id });
    expect(revealed.data).toEqual({ reporter: { name: '张先生', phone: '13812345678' } });
    const entry = f.store.journal.page(0, 100).entries.at(-1);
    expect(entry).toMatchObject({ type: 'personalData.revealed', actor: 'op', payload: { reportId: detail.reports[0]!.id } });
    expect(JSON.stringify(entry)).not.toContain('13812345678');
  });
});

describe('SLA escalation', () => {
  it('escalates an overdue clock once per level, operator → commander → town leader', () => {
    const f = fixtureStore();
    const id = triaged(f, 'P3'); // dispatch within 60 minutes
    f.advance(59);
    expect(f.store.write.escalateDue()).toEqual([]);
    f.advance(2);
    expect(f.store.write.escalateDue().map((e) => e.payload)).toEqual([{ incidentId: id, clock: 'dispatch', level: 'operator' }]);
    expect(f.store.write.escalateDue()).toEqual([]);
    f.advance(30);
    expect(f.store.write.escalateDue().map((e) => (e.payload as { level: string }).level)).toEqual(['commander']);
    f.advance(30);
    expect(f.store.write.escalateDue().map((e) => (e.payload as { level: string }).level)).toEqual(['townLeader']);
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] });
    f.advance(29);
    expect(f.store.write.escalateDue()).toEqual([]);
    f.advance(2);
    expect(f.store.write.escalateDue().map((e) => (e.payload as { clock: string }).clock)).toEqual(['signFor']);
    expect(f.store.incidents.detail(id)?.escalations).toHaveLength(4);
  });
});

describe('configuration by an admin', () => {
  it('changes the lead department and the SLA clocks, through the journal, admin only', () => {
    const f = fixtureStore();
    const id = triaged(f, 'P4');
    const table = { streetVending: 'marketSupervision' };
    expect(f.run(ACTORS.commander, 'config.update', { key: 'leadDepartments', value: table })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.run(ACTORS.admin, 'config.update', { key: 'leadDepartments', value: { streetVending: 'bakery' } })).toMatchObject({ ok: false, error: { code: 'invalid', path: 'payload.value.streetVending' } });
    f.ok(ACTORS.admin, 'config.update', { key: 'leadDepartments', value: table });
    const reported2 = reported(f);
    expect(f.store.incidents.recommendations(reported2)?.lead).toBe('marketSupervision');
    // P4 dispatch allowance 240 minutes by default; an admin tightens it to 30.
    const sla = structuredClone(f.store.duty.config().sla);
    sla.byPriority.P4.dispatch = 30;
    f.ok(ACTORS.admin, 'config.update', { key: 'sla', value: sla });
    f.advance(31);
    expect(f.store.write.escalateDue().map((e) => e.payload)).toContainEqual({ incidentId: id, clock: 'dispatch', level: 'operator' });
    expect(f.store.journal.page(0, 100).entries.filter((e) => e.type === 'config.updated').map((e) => e.actor)).toEqual(['adm', 'adm']);
  });
});

describe('shift and handover', () => {
  it('hands the shift over on a sheet both commanders sign', () => {
    const f = fixtureStore();
    const serious = triaged(f, 'P2');
    triaged(f, 'P4');
    expect(f.run(ACTORS.commander, 'shift.handover', { incomingUserId: 'cmd2' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    f.ok(ACTORS.commander, 'shift.start', {});
    expect(f.store.duty.onDuty()).toMatchObject({ commanderId: 'cmd1' });
    f.advance(12 * 60);
    const { data } = f.ok(ACTORS.commander, 'shift.handover', { incomingUserId: 'cmd2', notes: '注意文一西路夜间施工', watchList: [serious] }) as { data: { handoverId: string } };
    const [sheet] = f.store.duty.handovers(1);
    expect(sheet).toMatchObject({ id: data.handoverId, outgoingId: 'cmd1', incomingId: 'cmd2', openByState: { triaged: 2 }, pendingApprovals: [serious], watchList: [serious], signedInAt: null });
    expect(sheet?.overdue).toHaveLength(2);
    expect(f.run(ACTORS.commander, 'shift.start', { handoverId: data.handoverId })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    f.ok(ACTORS.commander2, 'shift.start', { handoverId: data.handoverId });
    expect(f.store.duty.onDuty()).toMatchObject({ commanderId: 'cmd2', handoverId: data.handoverId });
    expect(f.store.duty.handovers(1)[0]?.signedInAt).not.toBeNull();
  });
});

describe('SLA clocks across a restart', () => {
  it('escalates what fell due while the hub was down, once', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dutydeck-sla-')), 'dutydeck.sqlite');
    const open = (at: string) => new Store(file, () => new Date(at), fixtureTown());
    const first = open('2026-11-22T02:00:00Z');
    const outcome = first.execute({ type: 'incident.report', idempotencyKey: 'sla-restart-1', payload: REPORT }, ACTORS.operator);
    first.close();
    const later = open('2026-11-22T03:05:00Z'); // the untriaged dispatch allowance (P3: 60 min) has passed
    expect(later.write.escalateDue().map((e) => e.payload)).toEqual([{ incidentId: outcome.ok ? outcome.value.incidentId : '', clock: 'dispatch', level: 'operator' }]);
    later.close();
    const again = open('2026-11-22T03:06:00Z');
    expect(again.write.escalateDue()).toEqual([]);
    again.close();
  });
});

describe('the role matrix, command by command', () => {
  it('refuses every role the matrix does not name, for every command, and lets the others past the role check', () => {
    const f = fixtureStore();
    const id = triaged(f);
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: id, unitIds: ['T1'] });
    const report = f.store.incidents.detail(id)!.reports[0]!.id;
    const payloads: Record<CommandType, unknown> = {
      'incident.report': REPORT,
      'incident.triage': { incidentId: id, category: 'noise', priority: 'P3', lead: 'police' },
      'incident.merge': { incidentId: id, into: id + 'x' },
      'incident.unmerge': { incidentId: id },
      'incident.dismissDuplicate': { incidentId: id },
      'alert.setAside': { reference: 'a,b,2026-11-22T10:00:00+08:00', event: 'Storm', sender: 'a', senderName: null, sent: '2026-11-22T10:00:00+08:00', urgency: 'Immediate', severity: 'Severe', certainty: 'Observed', expires: null, areas: ['Far away'], gapKm: 9000, reason: 'outsideTown' },
      'incident.dispatch': { incidentId: id, unitIds: ['W1'] },
      'incident.return': { incidentId: id, unitId: 'T1', reason: '不属本部门' },
      'unit.accept': { incidentId: id, unitId: 'T1' },
      'unit.arrive': { incidentId: id, unitId: 'T1' },
      'incident.feedback': { incidentId: id, text: '已处理' },
      'incident.resolve': { incidentId: id, summary: '完成' },
      'incident.acceptClosure': { incidentId: id },
      'incident.reopen': { incidentId: id, reason: '回访不满意' },
      'incident.cancel': { incidentId: id, reason: '无效' },
      'incident.circleCall': { incidentId: id },
      'personalData.reveal': { incidentId: id, reportId: report },
      'wall.focus': { incidentId: id },
      'shift.start': {},
      'shift.handover': { incomingUserId: 'cmd2' },
      'config.update': { key: 'leadDepartments', value: {} },
      'briefing.export': { date: '2025-03-01' },
      'warning.acknowledge': { warningId: 'G1@2026-11-22T02:00:00.000Z' },
    };
    const roleActors = [ACTORS.operator, ACTORS.commander, ACTORS.regionHead, ACTORS.unitT1, ACTORS.wall, ACTORS.admin];
    for (const type of COMMAND_TYPES) {
      for (const actor of roleActors) {
        const seq = f.store.journal.seq();
        const outcome = f.run(actor, type, payloads[type]);
        const refusedForRole = !outcome.ok && outcome.error.code === 'forbidden' && /may not issue/.test(outcome.error.message);
        expect(refusedForRole, `${actor.role} ${type}`).toBe(!mayIssue(actor.role, type));
        if (refusedForRole) expect(f.store.journal.seq()).toBe(seq);
      }
    }
  });
});
