import { describe, expect, it } from 'vitest';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { emptyShards, recordIn, SHARD_COUNT, shardOf, shardsOf, ShardWriter } from './recordShards';

const record = (id: string, lastSeq = 1) => ({ id, lastSeq }) as IncidentRecord;

describe('record shards', () => {
  it('spreads ids that differ only at the end over many shards', () => {
    const used = new Set<number>();
    for (let i = 0; i < 10_000; i += 1) used.add(shardOf(`20261122-${String(i).padStart(4, '0')}`));
    // 10,000 ids into 1,024 shards: nearly every shard is used, none is a hot spot.
    expect(used.size).toBeGreaterThan(SHARD_COUNT * 0.99);
    const sizes = new Array<number>(SHARD_COUNT).fill(0);
    for (let i = 0; i < 10_000; i += 1) sizes[shardOf(`20261122-${String(i).padStart(4, '0')}`)]! += 1;
    expect(Math.max(...sizes)).toBeLessThan(30);
  });

  it('writes on copies of the shards it touches and leaves the rest shared', () => {
    const base = shardsOf([record('A'), record('B'), record('C')]);
    const writer = new ShardWriter(base);
    writer.set(record('A', 2));
    writer.remove('B');
    writer.remove('missing');
    writer.set(record('D'));
    const next = writer.done();

    expect(recordIn(base, 'A')?.lastSeq).toBe(1);
    expect(recordIn(base, 'B')).toBeDefined();
    expect(recordIn(next, 'A')?.lastSeq).toBe(2);
    expect(recordIn(next, 'B')).toBeUndefined();
    expect(recordIn(next, 'D')).toBeDefined();
    expect(recordIn(next, 'C')).toBe(recordIn(base, 'C'));

    const touched = new Set(['A', 'B', 'D'].map(shardOf));
    for (let at = 0; at < SHARD_COUNT; at += 1) {
      if (touched.has(at)) expect(next[at]).not.toBe(base[at]);
      else expect(next[at]).toBe(base[at]);
    }
    expect(Object.isFrozen(next)).toBe(true);
    for (const at of touched) expect(Object.isFrozen(next[at])).toBe(true);
  });

  it('starts empty and frozen', () => {
    const empty = emptyShards();
    expect(empty).toHaveLength(SHARD_COUNT);
    expect(Object.isFrozen(empty)).toBe(true);
    expect(recordIn(empty, 'A')).toBeUndefined();
  });
});
