import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../shared/journal/catalog';
import { foldHeat } from './heatFold';

const at = '2025-03-01T08:00:00.000Z';
const ms = Date.parse(at);
let seq = 0;
const entry = (type: string, payload: unknown) => ({ seq: ++seq, time: at, actor: 'u', role: 'operator', type, payload, prevHash: '', hash: '' }) as JournalEntry;
const reported = (id: string, location: { lon: number; lat: number } | null) =>
  entry('incident.reported', { incident: { id, state: 'reported', title: id, category: 'noise', priority: null, location, address: null, channels: ['hotline12345'], reportCount: 1, createdAt: at, updatedAt: at, lastSeq: seq + 1, lastAction: 'incident.reported' }, report: {} });

describe('the heat map folds the stream', () => {
  it('adds a located report, skips one without a point, and leaves the answer alone for other entries', () => {
    const answer = { points: [120, 30, 1], truncated: false };
    const folded = foldHeat(answer, [reported('A', { lon: 121, lat: 31 }), reported('B', null)], () => undefined);
    expect(folded!.points).toEqual([121, 31, ms, 120, 30, 1]);
    expect(answer.points).toEqual([120, 30, 1]);
    expect(foldHeat(answer, [entry('wall.focused', { incidentId: null })], () => undefined)).toBe(answer);
  });

  it('takes a merged report out and puts it back when unmerged; asks again for one it cannot place', () => {
    const answer = { points: [121, 31, ms, 120, 30, 1], truncated: false };
    const locate = (id: string) => (id === 'A' ? { lon: 121, lat: 31, createdAt: at } : undefined);
    const merged = foldHeat(answer, [entry('incident.merged', { incidentId: 'A', into: 'M' })], locate);
    expect(merged!.points).toEqual([120, 30, 1]);
    expect(foldHeat(merged!, [entry('incident.unmerged', { incidentId: 'A', from: 'M' })], locate)!.points).toEqual([121, 31, ms, 120, 30, 1]);
    expect(foldHeat(answer, [entry('incident.merged', { incidentId: 'Z', into: 'M' })], locate)).toBeNull();
  });
});
