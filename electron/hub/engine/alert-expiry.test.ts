import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { ACTORS, fixtureStore } from './town.fixture';

// A CAP alert's `expires`: once it passes, the incident is marked; one nobody acted on is
// cancelled, as the source's own warning no longer stands.

const FEED: Actor = { userId: 'int-iot', role: 'integration', channel: 'iot' };
const cap = (identifier: string, expires: string) => ({
  identifier,
  sender: 'iot.sandun@hz.gov.cn',
  sent: '2026-11-22T09:55:00+08:00',
  msgType: 'Alert',
  event: '烟感报警',
  urgency: 'Immediate',
  severity: 'Severe',
  certainty: 'Observed',
  senderName: null,
  onset: null,
  expires,
  instruction: null,
  web: null,
  areas: [{ desc: '振华路沿线厂房', polygons: [], circles: [{ center: [120.07, 30.33], radiusKm: 0.05 }] }],
});
const report = (identifier: string, expires: string) => ({ channel: 'iot', category: 'fire', title: '烟感报警', description: '连续三次报警', location: { lon: 120.07, lat: 30.33 }, facts: { cap: cap(identifier, expires) } });

describe('CAP alerts that expire', () => {
  it('cancels an untouched incident and marks one being worked, each once, when its alert expires', () => {
    // The clock starts at 2026-11-22T02:00:00Z, 10:00 in the town.
    const f = fixtureStore();
    const untouched = f.ok(FEED, 'incident.report', report('A-1', '2026-11-22T10:30:00+08:00')).incidentId!;
    const worked = f.ok(FEED, 'incident.report', report('A-2', '2026-11-22T10:30:00+08:00')).incidentId!;
    const later = f.ok(FEED, 'incident.report', report('A-3', '2026-11-22T12:00:00+08:00')).incidentId!;
    f.ok(ACTORS.operator, 'incident.triage', { incidentId: worked, category: 'fire', priority: 'P2', lead: 'emergencyManagement' });
    expect(f.store.incidents.detail(untouched)!.reports[0]!.facts?.cap?.expires).toBe('2026-11-22T10:30:00+08:00');
    expect(f.store.write.expireAlerts()).toEqual([]);
    f.advance(31);
    const entries = f.store.write.expireAlerts();
    expect(entries.map((e) => [e.type, e.payload])).toEqual([
      ['incident.alertExpired', { incidentId: untouched, expires: '2026-11-22T10:30:00+08:00' }],
      ['incident.cancelled', { incidentId: untouched, reason: 'CAP 告警已于 2026-11-22T10:30:00+08:00 失效，未经处置，自动撤销' }],
      ['incident.alertExpired', { incidentId: worked, expires: '2026-11-22T10:30:00+08:00' }],
    ]);
    expect(f.store.incidents.detail(untouched)).toMatchObject({ state: 'cancelled', alertExpiredAt: '2026-11-22T10:30:00+08:00' });
    expect(f.store.incidents.detail(worked)).toMatchObject({ state: 'triaged', alertExpiredAt: '2026-11-22T10:30:00+08:00' });
    expect(f.store.incidents.detail(later)!.alertExpiredAt).toBeNull();
    expect(f.store.write.expireAlerts()).toEqual([]);
  });
});
