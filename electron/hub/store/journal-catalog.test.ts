// The journal catalog against what the hub writes: the engine's deciders, the store's append,
// and the demo room's generated year of history.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEntryType, parseEntryPayload } from '../../../shared/journal/catalog';
import { ACTORS, fixtureStore, REPORT } from '../engine/town.fixture';
import { DEMO_EVENTS_PER_DAY } from '../town/demo-history';
import { DEMO_TOWN_SEED } from '../town/demo-town';
import { generateTown } from '../town/generate';
import { generateHistory } from '../town/history';
import { historyEntries } from '../town/history-entries';
import { Store } from './store';

describe('the journal catalog and the hub', () => {
  it('knows every entry the engine decides, through a whole day of commands', () => {
    const f = fixtureStore();
    const first = f.ok(ACTORS.operator, 'incident.report', REPORT).incidentId!;
    const second = f.ok(ACTORS.operator, 'incident.report', { ...REPORT, channel: 'gridApp' }).incidentId!;
    f.ok(ACTORS.operator, 'incident.merge', { incidentId: second, into: first });
    f.ok(ACTORS.operator, 'incident.unmerge', { incidentId: second });
    f.ok(ACTORS.operator, 'incident.cancel', { incidentId: second, reason: '重复上报' });
    f.ok(ACTORS.operator, 'incident.triage', { incidentId: first, category: 'streetVending', priority: 'P3', lead: 'cityManagement' });
    f.advance(61);
    expect(f.store.write.escalateDue().length).toBeGreaterThan(0);
    f.ok(ACTORS.operator, 'incident.dispatch', { incidentId: first, unitIds: ['T1'] });
    f.ok(ACTORS.unitT1, 'unit.accept', { incidentId: first, unitId: 'T1' });
    f.ok(ACTORS.unitT1, 'unit.arrive', { incidentId: first, unitId: 'T1' });
    f.ok(ACTORS.commander, 'incident.circleCall', { incidentId: first });
    f.ok(ACTORS.operator, 'personalData.reveal', { incidentId: first, reportId: f.store.incidents.detail(first)!.reports[0]!.id });
    f.ok(ACTORS.unitT1, 'incident.feedback', { incidentId: first, text: '已劝离' });
    f.ok(ACTORS.operator, 'incident.resolve', { incidentId: first, summary: '摊贩已劝离' });
    f.ok(ACTORS.operator, 'incident.acceptClosure', { incidentId: first, rating: 5 });
    f.ok(ACTORS.operator, 'incident.reopen', { incidentId: first, reason: '群众反映仍在经营' });
    const third = f.ok(ACTORS.operator, 'incident.report', { ...REPORT, title: '文一西路噪声' }).incidentId!;
    f.ok(ACTORS.operator, 'incident.triage', { incidentId: third, category: 'streetVending', priority: 'P1', lead: 'cityManagement' });
    f.ok(ACTORS.commander, 'incident.return', { incidentId: third, reason: '请重新研判' });
    f.ok(ACTORS.commander, 'wall.focus', { incidentId: first });
    f.ok(ACTORS.commander, 'shift.start', {});
    f.ok(ACTORS.commander, 'briefing.export', { date: '2026-11-21' });
    f.ok(ACTORS.commander, 'shift.handover', { incomingUserId: ACTORS.commander2.userId });
    const entries = f.store.journal.page(0, 1_000).entries;
    const types = new Set(entries.map((e) => e.type));
    for (const type of ['incident.reported', 'incident.merged', 'incident.unmerged', 'incident.cancelled', 'sla.escalated', 'incident.triaged', 'incident.dispatched', 'unit.accepted', 'unit.arrived', 'incident.circleCalled', 'personalData.revealed', 'incident.feedbackGiven', 'incident.resolved', 'incident.closed', 'incident.reopened', 'incident.returned', 'wall.focused', 'shift.started', 'briefing.exported', 'shift.handedOver']) {
      expect(types).toContain(type);
    }
    for (const entry of entries) expect(() => parseEntryPayload(entry.type, entry.payload)).not.toThrow();
    f.store.close();
  });

  it('refuses to append an entry type it does not know, and writes nothing', () => {
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-catalog-')), 'dutydeck.sqlite'), () => new Date('2026-11-22T02:00:00Z'));
    const before = store.journal.seq();
    expect(() => store.write.importEntries([{ time: '2026-11-22T01:00:00.000Z', type: 'incident.teleported', payload: { incidentId: 'X' } }], 'test')).toThrow(
      expect.objectContaining({ name: 'DutyFailure', error: expect.objectContaining({ code: 'invalid', path: 'type' }) }),
    );
    expect(store.journal.seq()).toBe(before);
    expect(store.journal.page(0, 10).entries).toEqual([]);
    store.close();
  });

  // The full demo year (365 days, as the demo room imports by default), generated without
  // writing it to SQLite: every entry is parsed through the catalog.
  it("parses every entry of the demo room's generated year", () => {
    const end = new Date('2026-11-22T00:00:00Z');
    const town = generateTown(DEMO_TOWN_SEED);
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-demo-')), 'dutydeck.sqlite'), () => end);
    store.write.importTown(town, 'demo', 'wgs84', { userId: 'system', role: 'system' });
    const history = generateHistory(town, DEMO_TOWN_SEED, { days: 365, end, perDay: DEMO_EVENTS_PER_DAY });
    const entries = historyEntries(history, store.duty.units(), end);
    store.close();
    expect(entries.length).toBeGreaterThan(300_000);
    const unknown = new Set<string>();
    let refused = 0;
    for (const entry of entries) {
      if (!isEntryType(entry.type)) unknown.add(entry.type);
      else {
        try {
          parseEntryPayload(entry.type, entry.payload);
        } catch {
          refused++;
        }
      }
    }
    expect([...unknown]).toEqual([]);
    expect(refused).toBe(0);
  }, 180_000);
});
