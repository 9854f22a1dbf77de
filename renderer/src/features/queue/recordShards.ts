// The open records by id, held as many small frozen maps instead of one. Redux state is
// never changed in place, so a batch that touches 60 of 10,000 records had to copy (and
// freeze) the one 10,000-key map: 6–7 ms per batch in Chromium, more than the rest of the
// fold. Split over SHARD_COUNT shards, a batch copies the shard list and the few shards it
// touches, a fraction of a millisecond. Still plain, serializable data.
import type { IncidentRecord } from '../../../../shared/incident/model';

/** About ten records a shard at 10,000 open. */
export const SHARD_COUNT = 1024;

export type RecordShards = readonly Readonly<Record<string, IncidentRecord>>[];

const EMPTY: Readonly<Record<string, IncidentRecord>> = Object.freeze({});

/** FNV-1a over the id's UTF-16 code units: incident ids share long prefixes, so every unit counts. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i += 1) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % SHARD_COUNT;
}

export function emptyShards(): RecordShards {
  return Object.freeze(new Array<Readonly<Record<string, IncidentRecord>>>(SHARD_COUNT).fill(EMPTY));
}

export function recordIn(shards: RecordShards, id: string): IncidentRecord | undefined {
  return shards[shardOf(id)]![id];
}

export function shardsOf(records: Iterable<IncidentRecord>): RecordShards {
  const writer = new ShardWriter(emptyShards());
  for (const record of records) writer.set(record);
  return writer.done();
}

/**
 * Changes to a set of shards, made on copies: each shard is copied the first time it is
 * written, and `done()` gives the new frozen set. The shards passed in are left as they were.
 */
export class ShardWriter {
  private readonly shards: Array<Readonly<Record<string, IncidentRecord>>>;
  private readonly copied = new Set<number>();

  constructor(base: RecordShards) {
    this.shards = base.slice();
  }

  get(id: string): IncidentRecord | undefined {
    return this.shards[shardOf(id)]![id];
  }

  set(record: IncidentRecord): void {
    this.writable(shardOf(record.id))[record.id] = record;
  }

  remove(id: string): void {
    const at = shardOf(id);
    if (this.shards[at]![id] !== undefined) delete this.writable(at)[id];
  }

  done(): RecordShards {
    for (const at of this.copied) Object.freeze(this.shards[at]);
    this.copied.clear();
    return Object.freeze(this.shards.slice());
  }

  private writable(at: number): Record<string, IncidentRecord> {
    if (!this.copied.has(at)) {
      this.shards[at] = { ...this.shards[at] };
      this.copied.add(at);
    }
    return this.shards[at] as Record<string, IncidentRecord>;
  }
}
