// Random command sequences against the real store: whatever the engine accepts must be
// legal, the projections must equal a replay of the journal, and merges must stay sound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentState } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { isLegal, type IncidentCommand } from '../../../shared/incident/machine';
import type { IncidentRecord } from '../../../shared/incident/model';
import { reduceIncidents } from '../../../shared/incident/reduce';
import type { CommandType } from '../../../shared/protocol/commands';
import type { Actor } from './actor';
import { ACTORS, fixtureStore, REPORT } from './town.fixture';

/** Which command produced each incident entry, to check the state it acted on. */
const COMMAND_OF: Record<string, IncidentCommand> = {
  'incident.triaged': 'incident.triage',
  'incident.merged': 'incident.merge',
  'incident.unmerged': 'incident.unmerge',
  'incident.dispatched': 'incident.dispatch',
  'incident.returned': 'incident.return',
  'unit.accepted': 'unit.accept',
  'unit.arrived': 'unit.arrive',
  'incident.feedbackGiven': 'incident.feedback',
  'incident.resolved': 'incident.resolve',
  'incident.closed': 'incident.acceptClosure',
  'incident.reopened': 'incident.reopen',
  'incident.cancelled': 'incident.cancel',
};

const actors = Object.values(ACTORS) as Actor[];
const units = ['T1', 'W1', 'S1', 'T2'];

function step(slot: fc.Arbitrary<number>) {
  const incident = slot.map((n) => `#${n}`);
  const unit = fc.constantFrom(...units);
  // Weighted toward the main path so sequences reach dispatch, arrival and closure.
  const weights = [2, 4, 1, 1, 5, 1, 4, 4, 4, 4, 4, 1, 1];
  const commands: Array<fc.Arbitrary<[CommandType, Record<string, unknown>]>> = [
    fc.record({ lon: fc.double({ min: 120.07, max: 120.1, noNaN: true }) }).map(({ lon }) => ['incident.report', { ...REPORT, location: { lon, lat: 30.33 } }] as [CommandType, Record<string, unknown>]),
    fc.tuple(incident, fc.constantFrom('P1', 'P2', 'P3', 'P4', 'P3', 'P4')).map(([id, priority]) => ['incident.triage', { incidentId: id, category: 'noise', priority, lead: 'police' }] as [CommandType, Record<string, unknown>]),
    fc.tuple(incident, incident).map(([a, b]) => ['incident.merge', { incidentId: a, into: b }] as [CommandType, Record<string, unknown>]),
    incident.map((id) => ['incident.unmerge', { incidentId: id }] as [CommandType, Record<string, unknown>]),
    fc.tuple(incident, fc.subarray(units, { minLength: 1, maxLength: 2 })).map(([id, unitIds]) => ['incident.dispatch', { incidentId: id, unitIds }] as [CommandType, Record<string, unknown>]),
    // Without a unit: the whole incident back (from triaged, the commander's refusal of a dispatch).
    fc.tuple(incident, fc.option(unit, { nil: undefined })).map(([id, unitId]) => ['incident.return', { incidentId: id, ...(unitId ? { unitId } : {}), reason: '不属本部门' }] as [CommandType, Record<string, unknown>]),
    fc.tuple(incident, unit).map(([id, unitId]) => ['unit.accept', { incidentId: id, unitId }] as [CommandType, Record<string, unknown>]),
    fc.tuple(incident, unit).map(([id, unitId]) => ['unit.arrive', { incidentId: id, unitId }] as [CommandType, Record<string, unknown>]),
    fc.tuple(incident, fc.boolean()).map(([id, settledOnSpot]) => ['incident.feedback', { incidentId: id, text: '已处理', settledOnSpot }] as [CommandType, Record<string, unknown>]),
    incident.map((id) => ['incident.resolve', { incidentId: id, summary: '完成' }] as [CommandType, Record<string, unknown>]),
    incident.map((id) => ['incident.acceptClosure', { incidentId: id }] as [CommandType, Record<string, unknown>]),
    incident.map((id) => ['incident.reopen', { incidentId: id, reason: '回访不满意' }] as [CommandType, Record<string, unknown>]),
    incident.map((id) => ['incident.cancel', { incidentId: id, reason: '无效来电' }] as [CommandType, Record<string, unknown>]),
  ];
  // Mostly the seat and the commander, so sequences get deep into the lifecycle.
  const actor = fc.oneof(
    { arbitrary: fc.constant<Actor>(ACTORS.operator), weight: 6 },
    { arbitrary: fc.constant<Actor>(ACTORS.commander), weight: 4 },
    { arbitrary: fc.constantFrom(...actors), weight: 2 },
  );
  return fc.tuple(actor, fc.oneof(...commands.map((arbitrary, i) => ({ arbitrary, weight: weights[i]! }))), fc.integer({ min: 0, max: 30 }));
}

describe('engine properties', () => {
  it('accepts no illegal transition, projects exactly the journal, and keeps merges sound', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4 }), fc.array(step(fc.integer({ min: 0, max: 3 })), { minLength: 20, maxLength: 80 }), (initial, steps) => {
        const f = fixtureStore();
        const ids: string[] = [];
        for (let i = 0; i < initial; i++) ids.push(f.ok(ACTORS.operator, 'incident.report', { ...REPORT, location: { lon: 120.07 + i * 0.01, lat: 30.33 } }).incidentId!);
        for (const [actor, [type, payload], minutes] of steps) {
          f.advance(minutes);
          // '#n' names the n-th incident reported so far (or a missing one).
          const resolve = (value: unknown) => (typeof value === 'string' && value.startsWith('#') ? (ids[Number(value.slice(1))] ?? 'missing') : value);
          const concrete = Object.fromEntries(Object.entries(payload).map(([k, v]) => [k, resolve(v)]));
          const outcome = f.run(actor, type, concrete);
          if (outcome.ok && type === 'incident.report' && outcome.value.incidentId) ids.push(outcome.value.incidentId);
          if (outcome.ok) f.store.write.escalateDue();
        }

        const entries: JournalEntry[] = f.store.journal.page(0, 10_000).entries;
        const replay = new Map<string, IncidentRecord>();
        for (const entry of entries) {
          const command = COMMAND_OF[entry.type];
          if (command) {
            const target = replay.get((entry.payload as { incidentId: string }).incidentId);
            expect(target, `${entry.type} on a known incident`).toBeDefined();
            expect(isLegal(command, target!.state as IncidentState), `${command} from ${target!.state}`).toBe(true);
            if (command === 'incident.return' && target!.state === 'triaged') {
              expect([entry.role, (entry.payload as { unitId: string | null }).unitId], 'a return before dispatch').toEqual(['commander', null]);
            }
          }
          for (const record of reduceIncidents(entry, (id) => replay.get(id) ?? null)) replay.set(record.id, record);
        }

        for (const [id, record] of replay) {
          const { reports: _reports, ...stored } = f.store.incidents.detail(id)!;
          expect(stored).toEqual(record);
          if (record.state === 'merged') {
            const master = replay.get(record.mergedInto!);
            expect(master && master.state !== 'merged' && master.state !== 'cancelled', `master of ${id}`).toBe(true);
            expect(master!.mergedFrom).toContain(id);
          }
          expect(record.reportCount).toBe(record.ownReportCount + record.mergedFrom.reduce((n, c) => n + replay.get(c)!.ownReportCount, 0));
        }
        expect(f.store.journal.verify()).toBeNull();
        f.store.close();
      }),
      { numRuns: 120 },
    );
  });
});
