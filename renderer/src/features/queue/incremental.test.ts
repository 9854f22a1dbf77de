import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { incrementalList, patchSorted, recordChanges, type RecordsSnapshot } from './incremental';
import { facetsOf, facetsPatched } from './queueFilters';
import { shardsOf } from './recordShards';

const record = (id: string, createdAt: string, over: Partial<IncidentRecord> = {}) =>
  ({ id, createdAt, lastSeq: 1, state: 'reported', priority: null, channels: ['phone'], category: 'noise', lead: null, gridId: null, ...over }) as IncidentRecord;

const snapshot = (records: IncidentRecord[]): RecordsSnapshot => ({ ids: records.map((r) => r.id), records: shardsOf(records) });
const byCreated = (a: IncidentRecord, b: IncidentRecord) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : a.createdAt < b.createdAt ? -1 : 1);

describe('incremental views of the open records', () => {
  it('reports what changed, arrived and left by identity', () => {
    const a = record('A', '1');
    const b = record('B', '2');
    const c = record('C', '3');
    const b2 = { ...b, lastSeq: 2 };
    const d = record('D', '4');
    const changes = recordChanges(snapshot([a, b, c]), snapshot([a, b2, d]));
    expect(changes.before.map((r) => r.id).sort()).toEqual(['B', 'C']);
    expect(changes.after).toEqual([b2, d]);
  });

  it('takes the ids the fold touched, from one revision to the next, for what a full comparison finds', () => {
    const a = record('A', '1');
    const b = record('B', '2');
    const c = record('C', '3');
    const prev = { ...snapshot([a, b, c]), revision: 4 };
    const after = snapshot([a, { ...b, lastSeq: 2 }, record('D', '4')]);
    const full = recordChanges(snapshot([a, b, c]), after);
    // The fold names what it touched, A among them although it came out the same.
    const told = recordChanges(prev, { ...after, revision: 5, touched: ['A', 'B', 'C', 'D'] });
    expect(told.before).toEqual(full.before);
    expect(told.after).toEqual(full.after);
    // And it is taken as told, without a walk over every id (which would find D as well)...
    expect(recordChanges(prev, { ...after, revision: 5, touched: ['B'] }).after.map((r) => r.id)).toEqual(['B']);
    // ...but only for the revision right after: across a gap, or unknown, every id is compared.
    expect(recordChanges(prev, { ...after, revision: 6, touched: ['B'] }).after.map((r) => r.id)).toEqual(['B', 'D']);
    expect(recordChanges(prev, { ...after, revision: 5, touched: null }).after.map((r) => r.id)).toEqual(['B', 'D']);
  });

  it('patches a sorted list to what a full sort gives', () => {
    const rows = ['1', '3', '5', '7'].map((t) => record(`R${t}`, t));
    const patched = patchSorted(rows, [rows[1]!, rows[1]!, record('R9', '9')], [record('R3', '8'), record('R0', '0'), record('R6', '6')], byCreated);
    expect(patched.map((r) => r.id)).toEqual(['R0', 'R1', 'R5', 'R6', 'R7', 'R3']);
    expect(rows.map((r) => r.id)).toEqual(['R1', 'R3', 'R5', 'R7']);
  });

  it('keeps a filtered, sorted list equal to a rebuild through random batches', () => {
    let seed = 7;
    const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed % n);
    const list = incrementalList<string>(
      (x, y) => x === y,
      (sort) => ({ keep: (r) => r.priority !== 'P4', compare: sort === 'created' ? byCreated : (a, b) => a.lastSeq - b.lastSeq || byCreated(a, b) }),
    );
    let records = Array.from({ length: 200 }, (_, i) => record(`I${i}`, String(random(50)).padStart(3, '0')));
    let sort = 'created';
    for (let batch = 0; batch < 40; batch += 1) {
      const next = [...records];
      for (let k = 0; k < 15; k += 1) {
        const i = random(next.length);
        const roll = random(3);
        if (roll === 0) next.splice(i, 1);
        else if (roll === 1) next[i] = { ...next[i]!, lastSeq: random(100), priority: random(2) ? 'P4' : 'P1' };
        else next.push(record(`N${batch}-${k}`, String(random(50)).padStart(3, '0'), { lastSeq: random(100) }));
      }
      records = next;
      if (batch === 20) sort = 'seq';
      const compare = sort === 'created' ? byCreated : (a: IncidentRecord, b: IncidentRecord) => a.lastSeq - b.lastSeq || byCreated(a, b);
      const expected = records.filter((r) => r.priority !== 'P4').sort(compare);
      expect(list(snapshot(records), sort).map((r) => r.id)).toEqual(expected.map((r) => r.id));
    }
  });

  it('patches the filter counts to what counting afresh gives', () => {
    const chains = new Map([['G1', new Set(['G1', 'T1'])]]);
    const a = record('A', '1', { gridId: 'G1', lead: 'police' });
    const b = record('B', '2', { channels: ['phone', 'iot'] });
    const b2 = { ...b, state: 'dispatched', priority: 'P2', category: 'fireHazard.gas' } as IncidentRecord;
    const c = record('C', '3', { gridId: 'G1' });
    const patched = facetsPatched(facetsOf([a, b], chains), [a, b], [b2, c], chains);
    expect(patched).toEqual(facetsOf([b2, c], chains));
    expect(patched.department).toEqual({});
  });
});
