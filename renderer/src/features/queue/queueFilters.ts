// What the operator narrows the queue to and how it is ordered, as pure functions over the
// records: the selectors in ./queueSelectors.ts memoize them, the tests call them directly.
import { CHANNELS, INCIDENT_STATES, PRIORITIES, type Channel, type IncidentState, type Priority } from '../../../../shared/domain';
import { priorityRank, type IncidentRecord, type SlaClock } from '../../../../shared/incident/model';
import { slaClocks, type SlaConfig } from '../../../../shared/sla';
import { DEPARTMENTS, type Department } from '../../../../shared/town';

export const QUEUE_SORTS = ['newest', 'priority', 'slaLeft', 'reports'] as const;
export type QueueSort = (typeof QUEUE_SORTS)[number];

/** '' means "any". `priority: 'none'` is the untriaged incidents. */
export interface QueueFilters {
  state: IncidentState | '';
  priority: Priority | 'none' | '';
  channel: Channel | '';
  category: string;
  region: string;
  department: Department | '';
  overdueOnly: boolean;
}

export interface QueueView {
  sort: QueueSort;
  filters: QueueFilters;
}

export const DEFAULT_QUEUE_VIEW: QueueView = {
  sort: 'newest',
  filters: { state: '', priority: '', channel: '', category: '', region: '', department: '', overdueOnly: false },
};

export function isFiltered(filters: QueueFilters): boolean {
  return (Object.keys(DEFAULT_QUEUE_VIEW.filters) as Array<keyof QueueFilters>).some((k) => filters[k] !== DEFAULT_QUEUE_VIEW.filters[k]);
}

/** The top-level category of a code: taxonomies may file sub-categories as `parent.child`. */
export function topCategory(code: string): string {
  const dot = code.indexOf('.');
  return dot < 0 ? code : code.slice(0, dot);
}

// ---- SLA -----------------------------------------------------------------------------

/** The nearest running SLA clock of an incident, in epoch milliseconds. */
export interface SlaDue {
  clock: SlaClock;
  deadline: number;
  /** How long the clock allows in all, for the "less than a quarter left" warning. */
  allowance: number;
}

// Records are immutable, so each one's deadline is computed once per SLA configuration.
const dueCache = new WeakMap<SlaConfig, WeakMap<IncidentRecord, SlaDue | null>>();

export function slaDue(record: IncidentRecord, config: SlaConfig): SlaDue | null {
  let byRecord = dueCache.get(config);
  if (!byRecord) dueCache.set(config, (byRecord = new WeakMap()));
  const cached = byRecord.get(record);
  if (cached !== undefined) return cached;
  let best: SlaDue | null = null;
  for (const clock of slaClocks(record, config)) {
    if (clock.startedAt === null || clock.deadline === null || clock.doneAt !== null) continue;
    const deadline = Date.parse(clock.deadline);
    if (!best || deadline < best.deadline) best = { clock: clock.clock, deadline, allowance: deadline - Date.parse(clock.startedAt) };
  }
  byRecord.set(record, best);
  return best;
}

export type SlaTone = 'ok' | 'warn' | 'overdue';

/** Amber when under a quarter of the allowance is left, red once past the deadline. */
export function slaTone(due: SlaDue, now: number): SlaTone {
  const left = due.deadline - now;
  if (left < 0) return 'overdue';
  return left < due.allowance / 4 ? 'warn' : 'ok';
}

/** "12:34" left, "1:02:03" past an hour, "-4:05" when overdue; whole seconds. */
export function slaLeftText(due: SlaDue, now: number): string {
  const ms = due.deadline - now;
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const two = (n: number) => String(n).padStart(2, '0');
  const body = h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`;
  return ms < 0 ? `-${body}` : body;
}

// ---- regions ---------------------------------------------------------------------------

export interface RegionLike {
  id: string;
  parentId: string | null;
}

/** For each region, itself and every region above it. */
export function regionChains(regions: readonly RegionLike[]): Map<string, Set<string>> {
  const parent = new Map(regions.map((r) => [r.id, r.parentId]));
  const chains = new Map<string, Set<string>>();
  for (const region of regions) {
    const chain = new Set<string>();
    for (let id: string | null | undefined = region.id; id && !chain.has(id); id = parent.get(id)) chain.add(id);
    chains.set(region.id, chain);
  }
  return chains;
}

// ---- filters and order -----------------------------------------------------------------

export interface FilterContext {
  config: SlaConfig;
  chains: Map<string, Set<string>>;
  /** Only read when the overdue filter is on. */
  now: number;
}

export function matchesFilters(record: IncidentRecord, filters: QueueFilters, context: FilterContext): boolean {
  if (filters.state && record.state !== filters.state) return false;
  if (filters.priority && (record.priority ?? 'none') !== filters.priority) return false;
  if (filters.channel && !record.channels.includes(filters.channel)) return false;
  if (filters.category && topCategory(record.category) !== filters.category) return false;
  if (filters.department && record.lead !== filters.department) return false;
  if (filters.region) {
    const chain = record.gridId ? context.chains.get(record.gridId) : undefined;
    if (!chain?.has(filters.region)) return false;
  }
  if (filters.overdueOnly) {
    const due = slaDue(record, context.config);
    if (!due || due.deadline >= context.now) return false;
  }
  return true;
}

function newest(a: IncidentRecord, b: IncidentRecord): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? 1 : -1;
  return b.lastSeq - a.lastSeq || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

export function comparatorFor(sort: QueueSort, config: SlaConfig): (a: IncidentRecord, b: IncidentRecord) => number {
  switch (sort) {
    case 'newest':
      return newest;
    case 'priority':
      return (a, b) => priorityRank(a.priority) - priorityRank(b.priority) || newest(a, b);
    case 'reports':
      return (a, b) => b.reportCount - a.reportCount || newest(a, b);
    case 'slaLeft':
      // Ordering by deadline is ordering by time left at any instant, so it needs no clock.
      return (a, b) => {
        const da = slaDue(a, config)?.deadline ?? Infinity;
        const db = slaDue(b, config)?.deadline ?? Infinity;
        return da === db ? newest(a, b) : da < db ? -1 : 1;
      };
  }
}

// ---- counts ----------------------------------------------------------------------------

export interface QueueFacets {
  state: Partial<Record<IncidentState, number>>;
  priority: Partial<Record<Priority | 'none', number>>;
  channel: Partial<Record<Channel, number>>;
  category: Record<string, number>;
  department: Partial<Record<Department, number>>;
  region: Record<string, number>;
}

function tally(facets: QueueFacets, r: IncidentRecord, chains: Map<string, Set<string>>, delta: 1 | -1) {
  const bump = <K extends string>(counts: Partial<Record<K, number>>, key: K) => {
    const n = (counts[key] ?? 0) + delta;
    // No zero entries: a count goes when its last record does, as if counted afresh.
    if (n === 0) delete counts[key];
    else counts[key] = n;
  };
  bump(facets.state, r.state);
  bump(facets.priority, r.priority ?? 'none');
  for (const channel of r.channels) bump(facets.channel, channel);
  bump(facets.category, topCategory(r.category));
  if (r.lead) bump(facets.department, r.lead);
  const chain = r.gridId ? chains.get(r.gridId) : undefined;
  if (chain) for (const id of chain) bump(facets.region, id);
}

/** How many open incidents each filter option would show, over the whole queue. */
export function facetsOf(records: Iterable<IncidentRecord>, chains: Map<string, Set<string>>): QueueFacets {
  const facets: QueueFacets = { state: {}, priority: {}, channel: {}, category: {}, department: {}, region: {} };
  for (const r of records) tally(facets, r, chains, 1);
  return facets;
}

/** `facets` after records changed: `before` counted out, `after` counted in. A new object. */
export function facetsPatched(facets: QueueFacets, before: readonly IncidentRecord[], after: readonly IncidentRecord[], chains: Map<string, Set<string>>): QueueFacets {
  const next: QueueFacets = {
    state: { ...facets.state },
    priority: { ...facets.priority },
    channel: { ...facets.channel },
    category: { ...facets.category },
    department: { ...facets.department },
    region: { ...facets.region },
  };
  for (const r of before) tally(next, r, chains, -1);
  for (const r of after) tally(next, r, chains, 1);
  return next;
}

export const FILTER_OPTIONS = { state: INCIDENT_STATES, priority: [...PRIORITIES, 'none'] as const, channel: CHANNELS, department: DEPARTMENTS };
