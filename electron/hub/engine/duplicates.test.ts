import { describe, expect, it } from 'vitest';
import { distanceMeters } from '../../../shared/geo/distance';
import type { Actor } from './actor';
import { ACTORS, fixtureStore } from './town.fixture';

// The case: a 12345 call about a pothole, then 8 minutes later a 110 report of the
// same pothole 15 m away, in other words. Nobody at a seat looked for duplicates of the 110
// report: it came in by its channel's integration.

const POLICE: Actor = { userId: 'int-110', role: 'integration', channel: 'police110' };
const HOTLINE = { channel: 'hotline12345', category: 'municipalFacility', title: '路面坑洼', description: '振华路人行道有个大坑，行人容易绊倒', location: { lon: 120.07, lat: 30.33 }, reporter: { name: '王女士', phone: '13900001111' } };
// 15 m east.
const POLICE_REPORT = { channel: 'police110', category: 'municipalFacility', title: '道路坑洞', description: '振华路人行道路面塌陷出现大坑', location: { lon: 120.070156, lat: 30.33 } };

function twoReports() {
  const f = fixtureStore();
  const first = f.ok(ACTORS.operator, 'incident.report', HOTLINE).incidentId!;
  f.advance(8);
  const second = f.ok(POLICE, 'incident.report', POLICE_REPORT).incidentId!;
  return { f, first, second };
}

describe('duplicates from every channel', () => {
  it('suspects a channel report of being a seat report of the same pothole, with the scores and reasons journaled', () => {
    const { f, first, second } = twoReports();
    expect(distanceMeters(HOTLINE.location, POLICE_REPORT.location)).toBeCloseTo(15, 0);
    const entries = f.store.write.suspectDuplicates([second]);
    expect(entries.map((e) => e.type)).toEqual(['incident.duplicateSuspected']);
    const [entry] = entries;
    if (entry?.type !== 'incident.duplicateSuspected') throw new Error('no suspicion');
    expect(entry).toMatchObject({ actor: 'system', role: 'system', payload: { incidentId: second, of: first } });
    expect(entry.payload.score.total).toBeGreaterThanOrEqual(0.55);
    expect(entry.payload.score.distanceMeters).toBe(15);
    expect(entry.payload.score.minutesApart).toBe(8);
    expect(entry.payload.reasons).toEqual(expect.arrayContaining(['near', 'soon', 'sameCategory']));
    expect(f.store.incidents.detail(second)!.suspectedDuplicate).toMatchObject({ of: first, distanceMeters: 15, minutesApart: 8 });
    // The older incident is not suspected of being the newer one's duplicate, and asking again appends nothing.
    expect(f.store.write.suspectDuplicates([first, second])).toEqual([]);
    expect(f.store.incidents.detail(first)!.suspectedDuplicate).toBeNull();
  });

  it('leaves an unrelated report alone', () => {
    const f = fixtureStore();
    f.ok(ACTORS.operator, 'incident.report', HOTLINE);
    f.advance(8);
    const other = f.ok(POLICE, 'incident.report', { ...POLICE_REPORT, category: 'noise', title: '夜间噪声扰民', description: '楼下KTV唱歌到凌晨', location: { lon: 120.079, lat: 30.336 } }).incidentId!;
    expect(f.store.write.suspectDuplicates([other])).toEqual([]);
  });

  it('merges with the suspicion answered, or dismisses it once, journaled; a dismissed suspicion is not raised again', () => {
    const { f, first, second } = twoReports();
    f.store.write.suspectDuplicates([second]);
    f.ok(ACTORS.operator, 'incident.dismissDuplicate', { incidentId: second });
    expect(f.store.incidents.detail(second)!.suspectedDuplicate).toBeNull();
    const refused = f.run(ACTORS.operator, 'incident.dismissDuplicate', { incidentId: second });
    expect(refused.ok === false && refused.error.code).toBe('illegalState');
    // Only a newly reported incident is checked: one the seat has answered for stays answered.
    f.ok(ACTORS.operator, 'incident.triage', { incidentId: second, category: 'municipalFacility', priority: 'P3', lead: 'cityManagement' });
    expect(f.store.write.suspectDuplicates([second])).toEqual([]);
    expect(f.store.journal.page(0, 100).entries.filter((e) => e.type === 'incident.duplicateDismissed').map((e) => e.payload)).toEqual([{ incidentId: second, of: first }]);

    const again = twoReports();
    again.f.store.write.suspectDuplicates([again.second]);
    again.f.ok(ACTORS.operator, 'incident.merge', { incidentId: again.second, into: again.first });
    expect(again.f.store.incidents.detail(again.second)).toMatchObject({ state: 'merged', suspectedDuplicate: null });
    expect(again.f.store.incidents.detail(again.first)).toMatchObject({ reportCount: 2, channels: ['hotline12345', 'police110'] });
  });

  it('lets the seat and the commander dismiss, not a region head, the wall or an integration', () => {
    const { f, second } = twoReports();
    f.store.write.suspectDuplicates([second]);
    for (const actor of [ACTORS.regionHead, ACTORS.wall, POLICE]) {
      const outcome = f.run(actor, 'incident.dismissDuplicate', { incidentId: second });
      expect(outcome.ok === false && outcome.error.code, actor.role).toBe('forbidden');
    }
    f.ok(ACTORS.commander, 'incident.dismissDuplicate', { incidentId: second });
  });
});
