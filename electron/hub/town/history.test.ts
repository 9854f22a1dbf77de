import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { townHour } from '../../../shared/time';
import { Store } from '../store/store';
import { generateTown } from './generate';
import { generateHistory } from './history';
import { historyEntries } from './history-entries';

const town = generateTown(1);
const end = new Date('2026-11-22T00:00:00Z');
const history = generateHistory(town, 1, { days: 28, end, perDay: 165 });
const hourInTown = (iso: string) => townHour(Date.parse(iso));

describe('generated incident history', () => {
  it('is the same history for the same seed', () => {
    const again = generateHistory(town, 1, { days: 28, end, perDay: 165 });
    expect(again.reports.slice(0, 50)).toEqual(history.reports.slice(0, 50));
    expect(generateHistory(town, 2, { days: 28, end, perDay: 165 }).reports[0]).not.toEqual(history.reports[0]);
  });

  it('has the rate asked for, and the rhythm of a day: busy mornings, quiet small hours', () => {
    expect(history.events.length / 28).toBeGreaterThan(140);
    expect(history.events.length / 28).toBeLessThan(190);
    const at = (hour: number) => history.reports.filter((r) => hourInTown(r.receivedAt) === hour).length;
    expect(at(10)).toBeGreaterThan(at(3) * 5);
  });

  it('reports some events again from another channel, minutes to hours later, nearby', () => {
    const again = history.reports.filter((r) => r.nth > 0);
    expect(again.length / history.events.length).toBeGreaterThan(0.1);
    expect(again.length / history.events.length).toBeLessThan(0.2);
    for (const r of again.slice(0, 200)) {
      const first = history.reports.find((f) => f.eventId === r.eventId && f.nth === 0)!;
      expect(r.receivedAt >= first.receivedAt).toBe(true);
      expect(Math.abs(r.location.lon - first.location.lon)).toBeLessThan(0.005);
    }
  });

  it('imports through the journal: closed incidents with their steps, merged duplicates, none in the future', () => {
    const store = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-history-')), 'dutydeck.sqlite'), () => end);
    store.write.importTown(town, 'test', 'wgs84', { userId: 'system', role: 'system' });
    const entries = historyEntries(history, store.duty.units(), end);
    expect(entries.every((e, i) => e.time < end.toISOString() && (i === 0 || entries[i - 1]!.time <= e.time))).toBe(true);
    store.write.importEntries(entries, 'history');
    const all = store.incidents.list('all', 100_000);
    expect(all).toHaveLength(history.reports.length);
    const closed = all.filter((i) => i.state === 'closed');
    expect(closed.length / all.length).toBeGreaterThan(0.7);
    expect(closed.every((i) => i.feedback.length > 0 && i.closedAt! >= i.createdAt)).toBe(true);
    expect(all.filter((i) => i.state === 'merged').length).toBe(history.reports.length - history.events.length);
    // Work still in hand at the end stays open, as in a real queue.
    expect(store.incidents.list('open', 100_000).length).toBeGreaterThan(0);
    expect(store.journal.verify()).toBeNull();
    // Live numbering continues after the imported work orders.
    const last = all.map((i) => i.id).filter((id) => id.startsWith('20261122')).sort().at(-1)!;
    expect(last).toBeDefined();
    const live = store.execute(
      { type: 'incident.report', idempotencyKey: 'after-history-1', payload: { channel: 'phone', category: 'noise', title: '测试', address: '振华路 1 号' } },
      { userId: 'op', role: 'operator' },
    );
    expect(live.ok && live.value.incidentId! > last).toBe(true);
    store.close();
  });
});
