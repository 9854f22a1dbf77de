import { describe, expect, it } from 'vitest';
import type { IncidentState, Priority, Role } from '../../../../shared/domain';
import { offeredActions, unitsFor, type ActionSubject } from './detailActions';

const subject = (state: IncidentState, priority: Priority | null = 'P3', extra: Partial<ActionSubject> = {}): ActionSubject => ({
  state,
  priority,
  assignments: [],
  feedbackCount: 0,
  suspected: false,
  ...extra,
});
const offered = (role: Role, s: ActionSubject) => Object.fromEntries(offeredActions(role, s).map((a) => [a.command, a.status]));

describe('the actions the detail offers', () => {
  it('a new report: triage or cancel, no dispatch before a priority', () => {
    expect(offered('operator', subject('reported', null))).toEqual({ 'incident.triage': 'allowed', 'incident.cancel': 'allowed', 'incident.merge': 'allowed' });
  });

  it('a suspected duplicate: merge or say it is not one; merging stays open to any incident not yet dispatched', () => {
    expect(offered('operator', subject('reported', null, { suspected: true }))).toMatchObject({ 'incident.merge': 'allowed', 'incident.dismissDuplicate': 'allowed' });
    expect(offered('operator', subject('triaged'))['incident.merge']).toBe('allowed');
    expect(offered('operator', subject('dispatched'))['incident.merge']).toBeUndefined();
    expect(offered('operator', subject('dispatched', 'P3', { suspected: true }))['incident.dismissDuplicate']).toBe('allowed');
    expect(offered('regionHead', subject('reported', null, { suspected: true }))['incident.dismissDuplicate']).toBeUndefined();
  });

  it('a triaged P3: the operator dispatches, resolves only after feedback', () => {
    const actions = offered('operator', subject('triaged'));
    expect(actions['incident.dispatch']).toBe('allowed');
    expect(actions['incident.resolve']).toBe('needsFeedback');
    expect(offered('operator', subject('triaged', 'P3', { feedbackCount: 1 }))['incident.resolve']).toBe('allowed');
    // Sending a triage back to the seat is the commander's alone.
    expect(actions['incident.return']).toBeUndefined();
    expect(offered('commander', subject('triaged'))['incident.return']).toBe('allowed');
  });

  it('a serious incident shows "needs commander" to an operator for dispatch and closure, and a working button to the commander', () => {
    for (const priority of ['P1', 'P2'] as const) {
      expect(offered('operator', subject('triaged', priority))['incident.dispatch']).toBe('needsCommander');
      expect(offered('operator', subject('resolved', priority))['incident.acceptClosure']).toBe('needsCommander');
      expect(offered('commander', subject('triaged', priority))['incident.dispatch']).toBe('allowed');
      expect(offered('commander', subject('resolved', priority))['incident.acceptClosure']).toBe('allowed');
    }
    // Other actions on a serious incident stay the operator's.
    expect(offered('operator', subject('triaged', 'P1'))['incident.triage']).toBe('allowed');
  });

  it('unit accept and arrive only for units that have yet to do so', () => {
    const assignments = [
      { unitId: 'T1', status: 'dispatched' as const },
      { unitId: 'T2', status: 'accepted' as const },
      { unitId: 'T3', status: 'returned' as const },
    ];
    expect(unitsFor('unit.accept', assignments)).toEqual(['T1']);
    expect(unitsFor('unit.arrive', assignments)).toEqual(['T1', 'T2']);
    const actions = offered('operator', subject('accepted', 'P3', { assignments: [{ unitId: 'T2', status: 'accepted' }] }));
    expect(actions['unit.accept']).toBeUndefined();
    expect(actions['unit.arrive']).toBe('allowed');
    expect(actions['incident.return']).toBe('allowed');
  });

  it('closed: reopen only; merged: unmerge only; the wall and a region head get what their role allows', () => {
    expect(offered('operator', subject('closed'))).toEqual({ 'incident.reopen': 'allowed' });
    expect(offered('operator', subject('merged'))).toEqual({ 'incident.unmerge': 'allowed' });
    expect(offered('wall', subject('triaged'))).toEqual({});
    expect(Object.keys(offered('regionHead', subject('resolved')))).toEqual([]);
    expect(offered('regionHead', subject('triaged'))).toMatchObject({ 'incident.triage': 'allowed', 'incident.dispatch': 'allowed' });
    expect(offered('regionHead', subject('triaged'))['incident.cancel']).toBeUndefined();
  });
});
