import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Store } from '../store/store';
import { generateTown } from '../town/generate';
import { generateHistory } from '../town/history';
import { historyEntries } from '../town/history-entries';

const end = new Date('2026-11-22T00:00:00Z');
let now = end;
const town = generateTown(1);
const store = new Store(join(mkdtempSync(join(tmpdir(), 'dutydeck-analysis-')), 'dutydeck.sqlite'), () => now);
store.importTown(town, 'test', 'wgs84', { userId: 'system', role: 'system' });
store.importEntries(historyEntries(generateHistory(town, 1, { days: 14, end, perDay: 165 }), store.units(), end), 'history');
afterAll(() => store.close());

describe('analysis over the store', () => {
  it('gives the six indices of a day for every region, the town adding up its grids', () => {
    const { date, items } = store.analysisIndices('2026-11-20', null);
    expect(date).toBe('2026-11-20');
    expect(items).toHaveLength(town.regions.length);
    const command = items.find((r) => r.level === 'command')!;
    const grids = items.filter((r) => r.level === 'grid');
    expect(command.indices.pressure.inputs.observed).toBe(grids.reduce((s, g) => s + g.indices.pressure.inputs.observed!, 0));
    expect(command.indices.pressure.inputs.observed).toBeGreaterThan(100);
    for (const name of ['timeliness', 'closure', 'repeat', 'riskSites', 'satisfaction'] as const) {
      const score = command.indices[name].score;
      expect(score, name).not.toBeNull();
      expect(score!).toBeGreaterThanOrEqual(0);
      expect(score!).toBeLessThanOrEqual(100);
    }
    const one = store.analysisIndices('2026-11-20', grids[0]!.regionId);
    expect(one.items).toEqual([grids[0]]);
    // Yesterday by default.
    expect(store.analysisIndices(null, null).date).toBe('2026-11-21');
  });

  it('journals a risk colour only when it changes, with its reasons', () => {
    const first = store.updateRisk();
    expect(first).toHaveLength(town.regions.filter((r) => r.level === 'grid').length);
    expect(first[0]).toMatchObject({ type: 'risk.changed', actor: 'system' });
    expect((first[0]!.payload as { reasons: { places: number } }).reasons.places).toBeGreaterThanOrEqual(0);
    expect(store.updateRisk()).toEqual([]);
    const map = store.analysisRisk();
    expect(map.every((g) => g.since === end.toISOString() && g.colour === g.scoreColour)).toBe(true);
    expect(new Set(map.map((g) => g.colour)).size).toBeGreaterThan(1);
    // A month later nothing new has been reported: density falls, colours change, and only those are journaled.
    now = new Date(end.getTime() + 40 * 86_400_000);
    const later = store.updateRisk();
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((e) => (e.payload as { from: string; to: string }).from !== (e.payload as { to: string }).to)).toBe(true);
    expect(store.verifyJournal()).toBeNull();
    now = end;
  });

  it('answers open early warnings with their numbers', () => {
    const warnings = store.analysisWarnings();
    expect(Array.isArray(warnings)).toBe(true);
    for (const w of warnings) expect(w.observed).toBeGreaterThan(w.upperBound);
  });
});
