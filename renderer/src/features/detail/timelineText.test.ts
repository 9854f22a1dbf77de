import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { initI18n } from '../../i18n';
import { reasonText, distanceText } from './dispatchText';
import { entryWhat, timelineLine, type TimelineContext } from './timelineText';

const zh = initI18n('zh-CN').t;
const en = initI18n('en').t;
const context: TimelineContext = {
  incidentId: 'I-1',
  actors: { 'u-op': '张三' },
  unitName: (id) => ({ T2: '城管中队 2' })[id] ?? id,
  lang: 'zh',
  now: Date.parse('2026-11-22T18:00:00+08:00'),
};
const entry = (type: string, payload: unknown, extra: Partial<JournalEntry> = {}) => ({
  seq: 7,
  time: new Date('2026-11-22T14:02:05+08:00').toISOString(),
  actor: 'u-op',
  role: 'operator',
  type,
  payload,
  prevHash: '',
  hash: '',
  ...extra,
}) as JournalEntry;

describe('a timeline entry in words', () => {
  it('names the time, the role and person, and what they did', () => {
    const line = timelineLine(zh, entry('incident.dispatched', { incidentId: 'I-1', units: [{ unitId: 'T2', unitName: '城管中队 2' }] }), context);
    expect(`${line.time} ${line.who} ${line.what}`).toBe('14:02:05 坐席员 张三 派遣 城管中队 2');
    expect(timelineLine(zh, entry('sla.escalated', { incidentId: 'I-1', clock: 'dispatch', level: 'commander' }, { actor: 'system', role: 'system' }), context).who).toBe('系统');
    // An account named after its role is not named twice.
    const feed = { ...context, actors: { 'int-110': '对接系统 police110' } };
    expect(timelineLine(zh, entry('incident.cancelled', { incidentId: 'I-1', reason: '撤销' }, { actor: 'int-110', role: 'integration' }), feed).who).toBe('对接系统 police110');
  });

  it('reads triage with category, priority, lead and co-handlers in the reader’s language', () => {
    const triage = entry('incident.triaged', { incidentId: 'I-1', category: 'noise', priority: 'P3', lead: 'cityManagement', coHandlers: ['police', 'gridService'] });
    expect(entryWhat(zh, triage, context)).toBe('研判为 噪声扰民 P3，主办 城管，协办 公安、网格服务');
    expect(entryWhat(en, triage, { ...context, lang: 'en' })).toBe('triaged as Noise nuisance P3, lead City management, co-handlers Police, Grid service');
  });

  it('tells a merge from either side', () => {
    const merge = entry('incident.merged', { incidentId: 'I-2', into: 'I-1' });
    expect(entryWhat(zh, merge, context)).toBe('将 I-2 合并入本事件');
    expect(entryWhat(zh, merge, { ...context, incidentId: 'I-2' })).toBe('将本事件合并入 I-1');
    expect(entryWhat(zh, entry('incident.unmerged', { incidentId: 'I-2', from: 'I-1' }), context)).toBe('将 I-2 从本事件拆出');
  });

  it('puts units by name, feedback with its photos, closure with its rating', () => {
    expect(entryWhat(zh, entry('unit.arrived', { incidentId: 'I-1', unitId: 'T2' }), context)).toBe('城管中队 2 到场');
    expect(entryWhat(zh, entry('incident.returned', { incidentId: 'I-1', unitId: 'T2', reason: '非本部门职责' }), context)).toBe('城管中队 2 退回：非本部门职责');
    expect(entryWhat(zh, entry('incident.feedbackGiven', { incidentId: 'I-1', text: '已劝离', photos: ['a.jpg', 'b.jpg'], settledOnSpot: true }), context)).toBe('反馈：已劝离（照片 2 张）（当场化解）');
    expect(entryWhat(zh, entry('incident.closed', { incidentId: 'I-1', rating: 5 }), context)).toBe('验收办结，回访评分 5');
    expect(entryWhat(zh, entry('incident.closed', { incidentId: 'I-1', rating: null }), context)).toBe('验收办结');
    expect(entryWhat(zh, entry('incident.reported', { incident: { id: 'I-1' }, report: { channel: 'gridApp', title: '占道' } }), context)).toBe('受理（网格员上报）：占道');
  });

  it('shows an entry type it has no words for by its name, never as nothing', () => {
    expect(entryWhat(zh, entry('incident.somethingNew', { incidentId: 'I-1' }), context)).toBe('incident.somethingNew');
  });
});

describe('a recommendation in words', () => {
  it('gives distance, arrival time, status, workload, region and department', () => {
    const reasons = { distanceMeters: 850, etaMinutes: 3.4, status: 'available' as const, openAssignments: 1, region: 'jointEnforcement' as const, departmentMatch: true };
    expect(reasonText(zh, reasons, 'zh')).toBe('距离 850 米，约 3 分钟到达，空闲，在办 1 件，同联勤圈，部门对口');
    expect(reasonText(en, { ...reasons, distanceMeters: 2_430, departmentMatch: false, status: 'busy' }, 'en')).toBe(
      '2.4 km away, about 3 min, busy, 1 open, same joint-enforcement circle, other department',
    );
    expect(distanceText(999.6, 'zh')).toBe('1.0 公里');
  });

  it('names the unit’s department, and the lead beside a unit of another', () => {
    const reasons = { distanceMeters: 120, etaMinutes: 0.4, status: 'available' as const, openAssignments: 0, region: 'grid' as const, departmentMatch: false, departmentFit: 'other' as const, department: 'gridService' as const };
    expect(reasonText(zh, reasons, 'zh', 'cityManagement')).toContain('部门不对口：网格服务，主办为 城管');
    expect(reasonText(zh, { ...reasons, departmentMatch: true, departmentFit: 'lead', department: 'cityManagement' }, 'zh', 'cityManagement')).toContain('主办部门（城管）');
  });
});

describe('a refused action in words', () => {
  it('names a field the operator filled, not the action itself', async () => {
    const { actionErrorText } = await import('./ActionBar');
    expect(actionErrorText(zh, { code: 'illegalState', message: 'x', path: 'type' })).toBe('事件当前状态不允许此操作');
    expect(actionErrorText(zh, { code: 'conflict', message: 'x', path: 'payload.unitIds.0' })).toBe('当前状态不允许此操作（字段：派遣单位）');
    expect(actionErrorText(zh, { code: 'invalid', message: 'give a reason', path: 'payload.reason' })).toBe('输入有误（字段：原因）');
  });
});
