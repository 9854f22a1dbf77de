// The six indices kept up to date one incident at a time. computeIndices (indices.ts) folds
// every incident on each query; here each incident's counts stay added into per-(region, day)
// counters, and a changed incident takes its old counts out and puts its new ones in. A
// day's indices then read a few counter rows instead of the history. The counts come from
// the same incidentCounts the full pass uses, so both give the same numbers (the tests
// compare them on random histories).
import { ancestry, DAY, dayOf, isoMs, type IncidentFact, type PlaceFact, type RegionFact } from './facts';
import { addPlaceCounts, C, counterBlock, incidentCounts, indexParams, isDuplicate, K, metres, placeDays, scoreRegions, type CountSink, type IndexParams, type PlaceDays, type RegionIndices } from './indices';

interface Held {
  fact: IncidentFact;
  created: number;
  /** Insertion order: breaks ties between equal report times as the full pass's stable sort does. */
  ord: number;
  chain: readonly number[] | null;
  /** grid|category when it has a place (a chain and coordinates): the reports it may repeat. */
  bucket: string | null;
  repeat: boolean;
  /** Its clocks still running, as filed in `timed`. */
  clocks: Timed[];
}

/** A clock not yet done: due on its day once `deadline` has passed the query's instant. */
interface Timed {
  day: number;
  chain: readonly number[];
  counter: number;
  deadline: number;
  /** Its place in the day's list (removed by swapping the last into it). */
  at: number;
}

export interface IncrementalQuery {
  from: string;
  to: string;
  asOf: number;
  regionIds?: readonly string[];
}

const before = (a: Held, b: Held) => a.created < b.created || (a.created === b.created && a.ord < b.ord);

export class IncrementalIndices {
  readonly params: IndexParams;
  private readonly chains: Map<string, number[]>;
  private readonly held = new Map<string, Held>();
  private nextOrd = 0;
  /** Per day: regions × K counters of everything that does not depend on the query's instant. */
  private readonly days = new Map<number, Float64Array>();
  /** Per day: the clocks still running. */
  private readonly timed = new Map<number, Timed[]>();
  /** Reports with a place, per grid and category, in report order (time, then insertion). */
  private readonly buckets = new Map<string, Held[]>();
  private readonly repeatWindow: number;
  /** The places with their inspection days parsed once, not on every query. */
  private readonly places: PlaceDays[];

  constructor(
    private readonly regions: readonly RegionFact[],
    places: readonly PlaceFact[],
    params?: Partial<IndexParams>,
    facts: Iterable<IncidentFact> = [],
  ) {
    this.params = indexParams(params);
    this.places = placeDays(places);
    this.chains = ancestry(regions);
    this.repeatWindow = this.params.repeatDays * DAY;
    for (const fact of facts) this.upsert(fact);
  }

  get size(): number {
    return this.held.size;
  }

  /** Every incident held, in the order first seen (the order the full pass must get them in). */
  *facts(): IterableIterator<IncidentFact> {
    for (const h of this.held.values()) yield h.fact;
  }

  fact(id: string): IncidentFact | undefined {
    return this.held.get(id)?.fact;
  }

  /** An incident as it is now: new, or replacing what was held under its id. */
  upsert(fact: IncidentFact): void {
    const created = isoMs(fact.createdAt);
    const chain = fact.gridId === null ? null : (this.chains.get(fact.gridId) ?? null);
    const bucket = chain !== null && fact.lat !== null && fact.lon !== null ? `${fact.gridId}|${fact.category}` : null;
    const old = this.held.get(fact.id);
    if (old) {
      this.count(old, -1);
      const moved = old.bucket !== bucket || (bucket !== null && (old.created !== created || old.fact.lat !== fact.lat || old.fact.lon !== fact.lon));
      if (!moved) {
        // Its place and time are as they were, so the reports after it repeat as before.
        old.fact = fact;
        old.created = created;
        old.chain = chain;
        old.repeat = this.repeats(old);
        this.count(old, 1);
        return;
      }
      const affected = this.followers(old);
      this.unfile(old);
      Object.assign(old, { fact, created, chain, bucket });
      this.file(old);
      affected.push(...this.followers(old));
      old.repeat = this.repeats(old);
      this.count(old, 1);
      this.recheck(affected, old);
      return;
    }
    const held: Held = { fact, created, ord: this.nextOrd++, chain, bucket, repeat: false, clocks: [] };
    this.held.set(fact.id, held);
    this.file(held);
    held.repeat = this.repeats(held);
    this.count(held, 1);
    this.recheck(this.followers(held), held);
  }

  /** The indices of every day from `from` to `to` as computeIndices gives them for the facts held. */
  compute(query: IncrementalQuery): RegionIndices[] {
    const R = this.regions.length;
    const block = counterBlock(R, query.from, query.to, this.params);
    const { counts, base, span, first, last } = block;
    for (let day = base; day <= last; day++) {
      const row = this.days.get(day);
      if (!row) continue;
      for (let r = 0; r < R; r++) counts.set(row.subarray(r * K, r * K + K), (r * span + day - base) * K);
    }
    // Clocks are read only for the days shown (the baseline weeks read reports alone).
    for (let day = first; day <= last; day++) {
      const clocks = this.timed.get(day);
      if (!clocks) continue;
      for (const t of clocks) {
        if (t.deadline > query.asOf) continue;
        for (const r of t.chain) counts[(r * span + day - base) * K + t.counter]! += 1;
      }
    }
    addPlaceCounts(block, this.places, this.chains, this.params);
    return scoreRegions(block, this.regions, this.params, query.regionIds);
  }

  // One sink for every count: a closure per incident would be garbage on every update.
  private counting: Held | null = null;
  private sign = 1;
  private readonly sink: CountSink = {
    fixed: (day, counter, value) => this.add(this.counting!.chain!, day, counter, this.sign * value),
    timed: (day, counter, deadline) => {
      if (this.sign < 0) return; // taken out from the clocks it filed (count)
      let clocks = this.timed.get(day);
      if (!clocks) this.timed.set(day, (clocks = []));
      const t: Timed = { day, chain: this.counting!.chain!, counter, deadline, at: clocks.length };
      clocks.push(t);
      this.counting!.clocks.push(t);
    },
  };

  /** Adds (sign 1) or takes out (sign −1) an incident's counts. */
  private count(h: Held, sign: 1 | -1): void {
    const chain = h.chain;
    if (!chain) return;
    if (sign < 0) {
      // The clocks it filed, whatever they were: taken out as they were put in.
      for (const t of h.clocks) {
        const clocks = this.timed.get(t.day)!;
        const last = clocks.pop()!;
        if (last !== t) {
          clocks[t.at] = last;
          last.at = t.at;
        }
      }
      h.clocks = [];
    }
    this.counting = h;
    this.sign = sign;
    incidentCounts(h.fact, h.created, this.params, this.sink);
    this.counting = null;
    if (h.repeat) this.add(chain, dayOf(h.created), C.repeats, sign);
  }

  private add(chain: readonly number[], day: number, counter: number, value: number): void {
    let row = this.days.get(day);
    if (!row) this.days.set(day, (row = new Float64Array(this.regions.length * K)));
    for (const r of chain) row[r * K + counter]! += value;
  }

  /** Whether a report repeats an earlier one: a duplicate, or near an earlier one of its grid and category. */
  private repeats(h: Held): boolean {
    if (isDuplicate(h.fact)) return true;
    if (h.bucket === null) return false;
    const list = this.buckets.get(h.bucket)!;
    for (let i = this.position(list, h) - 1; i >= 0; i--) {
      const other = list[i]!;
      if (h.created - other.created > this.repeatWindow) break;
      if (metres(other.fact, h.fact) <= this.params.repeatMeters) return true;
    }
    return false;
  }

  /** The reports after `h` in its bucket close enough in time that `h` may make them repeats. */
  private followers(h: Held): Held[] {
    if (h.bucket === null) return [];
    const list = this.buckets.get(h.bucket)!;
    const out: Held[] = [];
    for (let i = this.position(list, h) + 1; i < list.length && list[i]!.created - h.created <= this.repeatWindow; i++) out.push(list[i]!);
    return out;
  }

  private recheck(affected: readonly Held[], changed: Held): void {
    for (const h of new Set(affected)) {
      if (h === changed) continue;
      const repeat = this.repeats(h);
      if (repeat === h.repeat) continue;
      h.repeat = repeat;
      if (h.chain) this.add(h.chain, dayOf(h.created), C.repeats, repeat ? 1 : -1);
    }
  }

  /** Index of `h` in its bucket, or where it would go. */
  private position(list: readonly Held[], h: Held): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(list[mid]!, h)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private file(h: Held): void {
    if (h.bucket === null) return;
    let list = this.buckets.get(h.bucket);
    if (!list) this.buckets.set(h.bucket, (list = []));
    list.splice(this.position(list, h), 0, h);
  }

  private unfile(h: Held): void {
    if (h.bucket === null) return;
    const list = this.buckets.get(h.bucket)!;
    const i = this.position(list, h);
    if (list[i] === h) list.splice(i, 1);
  }
}
