import { describe, expect, it } from 'vitest';
import type { Actor } from '../engine/actor';
import { ACTORS, fixtureStore, REPORT } from '../engine/town.fixture';

const IOT: Actor = { userId: 'int-iot', role: 'integration', channel: 'iot' };
const HOTLINE: Actor = { userId: 'int-12345', role: 'integration', channel: 'hotline12345' };

describe('an integration account in the engine', () => {
  it('reports for its own channel only', () => {
    const f = fixtureStore();
    expect(f.run(IOT, 'incident.report', REPORT)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.run(HOTLINE, 'incident.report', REPORT)).toMatchObject({ ok: true });
  });

  it('cancels, merges and unmerges only incidents its own channel reported', () => {
    const f = fixtureStore();
    const mine = f.ok(HOTLINE, 'incident.report', REPORT).incidentId!;
    const update = f.ok(HOTLINE, 'incident.report', REPORT).incidentId!;
    const seat = f.ok(ACTORS.operator, 'incident.report', { ...REPORT, channel: 'walkIn' }).incidentId!;
    const seq = f.store.journal.seq();
    expect(f.run(IOT, 'incident.cancel', { incidentId: mine, reason: '误报' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.run(HOTLINE, 'incident.cancel', { incidentId: seat, reason: '误报' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.run(HOTLINE, 'incident.merge', { incidentId: update, into: seat })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.run(HOTLINE, 'incident.triage', { incidentId: mine, category: 'other', priority: 'P3', lead: 'police' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(f.store.journal.seq()).toBe(seq);
    f.ok(HOTLINE, 'incident.merge', { incidentId: update, into: mine });
    expect(f.run(IOT, 'incident.unmerge', { incidentId: update })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    f.ok(HOTLINE, 'incident.unmerge', { incidentId: update });
    f.ok(HOTLINE, 'incident.cancel', { incidentId: mine, reason: '来源撤销' });
  });
});
