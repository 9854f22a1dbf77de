import { describe, expect, it } from 'vitest';
import { orderDepartments, orderSteps, triageOf, unitsForDepartments } from './crossDepartment';

const at = (lon: number) => ({ lon, lat: 30.33 });
type Status = 'available' | 'busy' | 'offline';
function unit(id: string, department: 'police' | 'cityManagement' | 'emergencyManagement' | 'marketSupervision', lon: number, status: Status = 'available', openAssignments = 0) {
  return { id, name: id, kind: 'team' as const, department, gridId: 'G1', regionIds: [], location: at(lon), status, openAssignments };
}
const rec = (unitId: string, status: Status = 'available') => ({
  unitId,
  unitName: unitId,
  score: 0.5,
  reasons: { distanceMeters: 1, etaMinutes: 1, status, openAssignments: 0, region: 'grid' as const, departmentMatch: true },
});

describe('a cross-department order', () => {
  it('names the lead first and each co-handler once', () => {
    expect(orderDepartments({ lead: 'police', coHandlers: ['cityManagement', 'police', 'cityManagement', 'emergencyManagement'] })).toEqual(['police', 'cityManagement', 'emergencyManagement']);
  });

  it('triages where the state still takes a triage, and only adds units once dispatched', () => {
    expect(orderSteps('reported')).toEqual({ triage: true, dispatch: true });
    expect(orderSteps('triaged')).toEqual({ triage: true, dispatch: true });
    expect(orderSteps('onScene')).toEqual({ triage: false, dispatch: true });
    expect(orderSteps('resolved')).toEqual({ triage: false, dispatch: false });
  });

  it('sends the best-ranked unit of each department, else its nearest free one, never one twice or offline', () => {
    const units = [
      unit('P1', 'police', 120.07),
      unit('P2', 'police', 120.071),
      unit('C1', 'cityManagement', 120.2, 'offline'),
      unit('C2', 'cityManagement', 120.09, 'busy', 2),
      unit('C3', 'cityManagement', 120.1, 'available', 0),
      unit('E1', 'emergencyManagement', 120.3, 'offline'),
    ];
    const picks = unitsForDepartments(['police', 'cityManagement', 'emergencyManagement'], [rec('P2'), rec('P1')], units, at(120.07));
    expect(picks).toEqual([
      { department: 'police', unitId: 'P2' },
      { department: 'cityManagement', unitId: 'C3' },
      { department: 'emergencyManagement', unitId: null },
    ]);
    // Already on the incident: the next of the department goes instead.
    expect(unitsForDepartments(['police'], [rec('P2'), rec('P1')], units, at(120.07), new Set(['P2']))).toEqual([{ department: 'police', unitId: 'P1' }]);
  });

  it('keeps the category and priority unless the commander sets another priority', () => {
    const incident = { id: 'A', category: 'fire', priority: 'P2' as const };
    expect(triageOf(incident, { lead: 'emergencyManagement', coHandlers: ['police', 'emergencyManagement'] })).toEqual({
      incidentId: 'A',
      category: 'fire',
      priority: 'P2',
      lead: 'emergencyManagement',
      coHandlers: ['police'],
    });
    expect(triageOf({ ...incident, priority: null }, { lead: 'police', coHandlers: [] }).priority).toBe('P3');
    expect(triageOf(incident, { lead: 'police', coHandlers: [] }, 'P1').priority).toBe('P1');
  });
});
