import { describe, expect, it } from 'vitest';
import { fact, place } from './analysis.fixture';
import { dayFromKey, dayKey, dayStart, HOUR, type IncidentFact, type RegionFact } from './facts';
import { IncrementalIndices } from './incremental';
import { computeIndices, endOfDay } from './indices';

/** A small deterministic PRNG (mulberry32): each seed replays the same history. */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

const REGIONS: RegionFact[] = [
  { id: 'C', name: '指挥圈', level: 'command', parentId: null },
  { id: 'J1', name: '联勤一', level: 'jointEnforcement', parentId: 'C' },
  { id: 'J2', name: '联勤二', level: 'jointEnforcement', parentId: 'C' },
  { id: 'G1', name: '网格一', level: 'grid', parentId: 'J1' },
  { id: 'G2', name: '网格二', level: 'grid', parentId: 'J1' },
  { id: 'G3', name: '网格三', level: 'grid', parentId: 'J2' },
];
const PLACES = [place('p1', 'G1', 'red', ['2026-10-01']), place('p2', 'G2', 'yellow', ['2026-03-01']), place('p3', 'G3', 'green', [])];
const GRIDS = ['G1', 'G2', 'G3', 'G9', null]; // G9: a grid the town does not know
const CATEGORIES = ['noise', 'litter', 'streetVending', 'roadDamage'];
const PRIORITIES = ['P1', 'P2', 'P3', 'P4', null] as const;
// A few spots ~20 m apart, so reports repeat one another.
const SPOTS = [
  [120.1, 30.3],
  [120.1002, 30.3],
  [120.1004, 30.3001],
  [120.2, 30.25],
] as const;
const FIRST = dayFromKey('2026-09-01');
const DAYS = 70;

const iso = (ms: number) => new Date(ms).toISOString();

/** The next version of an incident: a lifecycle step, a move, a merge, a rating … */
function evolve(rng: ReturnType<typeof random>, f: IncidentFact, byId: Map<string, IncidentFact>): IncidentFact {
  const created = Date.parse(f.createdAt);
  const later = (hours: number) => iso(created + Math.floor(rng.next() * hours * HOUR));
  const step = rng.int(11);
  const updatedAt = later(24 * 10);
  switch (step) {
    case 0:
      return { ...f, state: 'dispatched', dispatchedAt: later(8), updatedAt };
    case 1:
      return { ...f, state: 'resolved', resolvedAt: later(24 * 5), updatedAt };
    case 2: {
      const closedAt = later(24 * 6);
      return { ...f, state: 'closed', resolvedAt: f.resolvedAt ?? (rng.next() < 0.7 ? closedAt : null), closedAt, rating: rng.next() < 0.7 ? 1 + rng.int(5) : null, updatedAt };
    }
    case 3:
      return { ...f, state: 'reopened', reopenCount: f.reopenCount + 1, closedAt: null, resolvedAt: null, updatedAt };
    case 4: {
      const others = [...byId.keys()].filter((id) => id !== f.id);
      return others.length ? { ...f, state: 'merged', mergedInto: rng.pick(others), updatedAt } : f;
    }
    case 5:
      return { ...f, state: 'triaged', mergedInto: null, updatedAt };
    case 6:
      return { ...f, state: 'cancelled', updatedAt };
    case 7: {
      const spot = rng.pick(SPOTS);
      return { ...f, gridId: rng.pick(GRIDS), lon: spot[0], lat: spot[1] };
    }
    case 8:
      return { ...f, category: rng.pick(CATEGORIES), priority: rng.pick(PRIORITIES) };
    case 9:
      // Backdated or moved forward: it changes which reports come before it.
      return { ...f, createdAt: iso(created + (rng.int(5) - 2) * 24 * HOUR + rng.int(3) * 60_000) };
    default:
      return { ...f, lon: null, lat: null };
  }
}

function newFact(rng: ReturnType<typeof random>, n: number): IncidentFact {
  // Whole minutes, so equal report times happen and their order matters.
  const createdAt = iso(dayStart(FIRST) + rng.int(DAYS * 24 * 60) * 60_000);
  const spot = rng.pick(SPOTS);
  return fact({
    id: `I${n}`,
    createdAt,
    state: 'reported',
    priority: rng.pick(PRIORITIES),
    category: rng.pick(CATEGORIES),
    gridId: rng.pick(GRIDS),
    lon: spot[0],
    lat: spot[1],
  });
}

function compareAll(model: IncrementalIndices, asOfs: number[]) {
  const facts = [...model.facts()];
  for (const [from, to] of [
    ['2026-09-29', '2026-09-29'],
    ['2026-10-01', '2026-10-20'],
    ['2026-09-01', '2026-11-15'],
  ] as const) {
    for (const asOf of [...asOfs, endOfDay(to)]) {
      const full = computeIndices({ incidents: facts, regions: REGIONS, places: PLACES, from, to, asOf });
      expect(model.compute({ from, to, asOf }), `${from}..${to} as of ${iso(asOf)}`).toEqual(full);
    }
  }
  const one = computeIndices({ incidents: facts, regions: REGIONS, places: PLACES, from: '2026-10-05', to: '2026-10-05', asOf: endOfDay('2026-10-05'), regionIds: ['J2', 'G1'] });
  expect(model.compute({ from: '2026-10-05', to: '2026-10-05', asOf: endOfDay('2026-10-05'), regionIds: ['J2', 'G1'] })).toEqual(one);
}

describe('incremental indices', () => {
  for (const seed of [1, 7, 42, 2026]) {
    it(`give the full pass's numbers after every kind of change (seed ${seed})`, () => {
      const rng = random(seed);
      const model = new IncrementalIndices(REGIONS, PLACES);
      const byId = new Map<string, IncidentFact>();
      let n = 0;
      for (let round = 0; round < 5; round++) {
        for (let i = 0; i < 120; i++) {
          if (byId.size < 10 || rng.next() < 0.45) {
            const f = newFact(rng, n++);
            byId.set(f.id, f);
            model.upsert(f);
          } else {
            const f = evolve(rng, rng.pick([...byId.values()]), byId);
            byId.set(f.id, f);
            model.upsert(f);
          }
        }
        compareAll(model, [dayStart(FIRST + 30) + 13 * HOUR, dayStart(FIRST + 45)]);
      }
      expect(model.size).toBe(byId.size);
      // The model holds each incident as last given.
      for (const f of model.facts()) expect(f).toBe(byId.get(f.id));
      // Repeats were exercised, so the comparison above is not vacuous.
      const all = computeIndices({ incidents: [...model.facts()], regions: REGIONS, places: PLACES, from: dayKey(FIRST), to: dayKey(FIRST + DAYS), asOf: endOfDay(dayKey(FIRST + DAYS)) });
      expect(all.reduce((s, r) => s + r.indices.repeat.inputs.repeats!, 0)).toBeGreaterThan(0);
    });
  }

  it('built at once from facts equals one built by upserts', () => {
    const rng = random(3);
    const facts = Array.from({ length: 300 }, (_, i) => newFact(rng, i));
    const a = new IncrementalIndices(REGIONS, PLACES, undefined, facts);
    const b = new IncrementalIndices(REGIONS, PLACES);
    for (const f of facts) b.upsert(f);
    const query = { from: '2026-09-10', to: '2026-10-30', asOf: endOfDay('2026-10-30') };
    expect(a.compute(query)).toEqual(b.compute(query));
    expect(a.compute(query)).toEqual(computeIndices({ incidents: facts, regions: REGIONS, places: PLACES, ...query }));
  });
});
