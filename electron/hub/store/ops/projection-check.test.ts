// Rebuilding the projections from the journal alone, as `dutydeck verify` does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTORS, fixtureStore, REPORT } from '../../engine/town.fixture';
import { openDatabase } from '../database';
import { firstProjectionDifference, NOT_PROJECTED, PROJECTION_TABLES } from './projection-check';

describe('projection check', () => {
  it('places every table of the schema: a projection it rebuilds, or not a projection', () => {
    const db = openDatabase(join(mkdtempSync(join(tmpdir(), 'dutydeck-projection-')), 'schema.sqlite'));
    // The R*Tree's own shadow tables follow incident_extent.
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'incident_extent_%'").all() as Array<{ name: string }>).map((r) => r.name);
    db.close();
    const placed = [...PROJECTION_TABLES.map((t) => t.table), ...NOT_PROJECTED];
    expect(new Set(placed).size).toBe(placed.length);
    expect([...tables].sort()).toEqual([...placed].sort());
  });

  it('finds nothing on a store whose history was imported in bulk and then lived on', () => {
    const f = fixtureStore();
    const time = (m: number) => new Date(Date.parse('2026-11-21T02:00:00Z') + m * 60_000).toISOString();
    const history = Array.from({ length: 30 }, (_, i) => ({
      time: time(i),
      type: 'incident.reported',
      payload: {
        incident: { id: `20261121-${String(i + 1).padStart(4, '0')}`, state: 'reported', title: `历史 ${i}`, category: 'noise', priority: null, location: { lon: 120.07 + i / 1000, lat: 30.33 }, address: null, channels: ['hotline12345'], reportCount: 1, createdAt: time(i), updatedAt: time(i), lastSeq: 0, lastAction: 'reported', gridId: 'G1' },
        report: { id: `R20261121-${String(i + 1).padStart(4, '0')}`, incidentId: `20261121-${String(i + 1).padStart(4, '0')}`, channel: 'hotline12345', receivedAt: time(i), title: `历史 ${i}`, description: '', category: 'noise', location: { lon: 120.07 + i / 1000, lat: 30.33 }, address: null, reporter: null, takenBy: 'import' },
      },
    }));
    f.store.write.importEntries(history, 'import');
    const id = f.ok(ACTORS.operator, 'incident.report', REPORT).incidentId!;
    f.ok(ACTORS.operator, 'incident.triage', { incidentId: id, category: 'streetVending', priority: 'P2', lead: 'cityManagement', coHandlers: [] });
    f.ok(ACTORS.commander, 'incident.dispatch', { incidentId: id, unitIds: ['T1', 'S1'] });
    f.ok(ACTORS.commander, 'wall.focus', { incidentId: id });
    f.ok(ACTORS.commander, 'shift.start', {});
    f.ok(ACTORS.commander, 'shift.handover', { incomingUserId: 'cmd2', notes: '交接', watchList: [id] });
    expect(firstProjectionDifference(f.store.db)).toBeNull();
  });
});
