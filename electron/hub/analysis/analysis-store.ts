// The analysis over the store: the six indices, the risk map and early warnings, computed
// by the pure functions of shared/analysis. The incidents they read are held in memory as
// flat facts: read once out of SQLite (json_extract, no parsing of whole documents) on first
// use, then kept current from each journal entry as it is projected, the indices' counters
// with them (shared/analysis/incremental.ts). Early warnings are journaled
// (`warning.raised`, `warning.acknowledged`) and projected into the warnings table.
import { OPEN_STATES, type Channel } from '../../../shared/domain';
import { countDay, type DayCounts } from '../../../shared/analysis/day-counts';
import type { EntryPayload, JournalEntry, JournalEntryOf } from '../../../shared/journal/catalog';
import type { IncidentRecord } from '../../../shared/incident/model';
import { DAY, dayKey, dayOf, HOUR, type IncidentFact, type PlaceFact, type RegionFact } from '../../../shared/analysis/facts';
import { endOfDay, type RegionIndices } from '../../../shared/analysis/indices';
import { IncrementalIndices } from '../../../shared/analysis/incremental';
import { computeRisk, type GridRisk, type RiskColour } from '../../../shared/analysis/risk';
import { DEFAULT_FORECAST_PARAMS, fitForecast, hourlyCounts, warningsAt, type EarlyWarning } from '../../../shared/analysis/forecast';
import { DEFAULT_SLA, type SlaConfig } from '../../../shared/sla';
import type { Db } from '../store/sqlite';

export const RISK_CHANGED = 'risk.changed';
export const WARNING_RAISED = 'warning.raised';
export const WARNING_ACKNOWLEDGED = 'warning.acknowledged';

/** The payload of a `warning.raised` entry: one grid's hour, raised once (shared/journal/catalog.ts). */
export type WarningRaised = EntryPayload<'warning.raised'>;

export type WarningState = 'open' | 'acknowledged';

/** A journaled warning as GET /warnings answers it. */
export interface JournaledWarning extends WarningRaised {
  state: WarningState;
  raisedAt: string;
  /** The seq of its `warning.raised` entry. */
  seq: number;
}

export const warningId = (gridId: string, hourStart: string) => `${gridId}@${hourStart}`;

/** The payload of a `risk.changed` entry (shared/journal/catalog.ts). */
export type RiskChanged = EntryPayload<'risk.changed'>;

export interface AnalysisIndicesRange {
  from: string;
  to: string;
  asOf: string;
  items: RegionIndices[];
}

export interface AnalysisIndices {
  date: string;
  asOf: string;
  items: RegionIndices[];
}

export interface RiskLevel extends GridRisk {
  /** When the journal last recorded this grid's colour (null: not yet journaled). */
  since: string | null;
  /** The colour the live score points to; differs from `colour` until the ticker journals it. */
  scoreColour: RiskColour;
}

const FACT_COLUMNS = `id, state, priority, category, grid_id AS gridId, lon, lat, created_at AS createdAt, updated_at AS updatedAt,
  json_extract(doc, '$.dispatchedAt') AS dispatchedAt, json_extract(doc, '$.resolvedAt') AS resolvedAt,
  json_extract(doc, '$.closedAt') AS closedAt, ifnull(json_extract(doc, '$.reopenCount'), 0) AS reopenCount,
  json_extract(doc, '$.rating') AS rating, json_extract(doc, '$.mergedInto') AS mergedInto, json_extract(doc, '$.channels') AS channels`;

/** A row of FACT_COLUMNS: the channels come as the record's JSON array. */
type FactRow = Omit<IncidentFact, 'channels'> & { at: number; channels: string | null };

const toFact = ({ at: _at, channels, ...fact }: FactRow): IncidentFact => ({ ...fact, channels: channels ? (JSON.parse(channels) as Channel[]) : [] });

/** What FACT_COLUMNS reads out of an incident's row, from the record the reducer just made. */
export function factOf(record: IncidentRecord): IncidentFact {
  return {
    id: record.id,
    state: record.state,
    priority: record.priority ?? null,
    category: record.category,
    gridId: record.gridId ?? null,
    lon: record.location?.lon ?? null,
    lat: record.location?.lat ?? null,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    dispatchedAt: record.dispatchedAt ?? null,
    resolvedAt: record.resolvedAt ?? null,
    closedAt: record.closedAt ?? null,
    reopenCount: record.reopenCount ?? 0,
    rating: record.rating ?? null,
    mergedInto: record.mergedInto ?? null,
    channels: record.channels,
  };
}

const OPEN = new Set<string>(OPEN_STATES);

/**
 * The incidents as facts with the indices' counters, as of the journal entry `head` (its
 * hash). Built lazily; dropped when an entry does not follow `head` or the journal's head
 * is another (a transaction rolled back after its entries were projected), then read anew.
 */
interface Memory {
  model: IncrementalIndices;
  regions: RegionFact[];
  places: PlaceFact[];
  /** JSON of the SLA the counters were counted with. */
  sla: string;
  head: string;
}

interface WarningRow {
  doc: string;
  state: WarningState;
  raised_at: string;
  raised_seq: number;
}

/**
 * The first read, a page at a time between the store thread's other work. Entries projected
 * meanwhile are kept as facts and applied once the last page is read: a page reads what is
 * committed, and a change it read too early is among them.
 */
interface Loading {
  model: IncrementalIndices;
  regions: RegionFact[];
  places: PlaceFact[];
  /** JSON of the SLA the counters are counted with. */
  sla: string;
  head: string;
  /** The rowid of the last incident read. */
  after: number;
  /** The newest fact of each incident an entry changed since the read began. */
  since: Map<string, IncidentFact>;
}

/**
 * Incidents read in one page of the first read: ~50 ms on a 2-core machine, so a command that
 * arrives while the facts are read waits for one page, not for a year of incidents (~2 s).
 */
export const WARM_PAGE_ROWS = 2_000;
/** A query that finds the read unfinished reads the rest at once: SQLite's LIMIT -1 has no limit. */
const REST_OF_THE_ROWS = -1;

/** Days of incidents the forecast needs before its warnings mean anything. */
export const MIN_FORECAST_HISTORY_DAYS = 14;

export class AnalysisStore {
  private readonly s;
  private memory: Memory | null = null;
  private loading: Loading | null = null;
  /** The SLA the counters were last asked for. */
  private sla: SlaConfig = DEFAULT_SLA;

  constructor(private readonly db: Db) {
    this.s = {
      factsPage: db.prepare<[number, number], FactRow>(`SELECT rowid AS at, ${FACT_COLUMNS} FROM incidents WHERE rowid > ? ORDER BY rowid LIMIT ?`),
      head: db.prepare<[], { hash: string }>('SELECT hash FROM journal ORDER BY seq DESC LIMIT 1'),
      // incidents_recent serves the range; the columns are read without parsing any record.
      heat: db
        .prepare<[string, number], [number, number, string]>(
          "SELECT lon, lat, created_at FROM incidents WHERE created_at >= ? AND state != 'merged' AND lon IS NOT NULL AND lat IS NOT NULL ORDER BY created_at DESC LIMIT ?",
        )
        .raw(),
      firstIncident: db.prepare<[], { first: string | null }>('SELECT min(created_at) AS first FROM incidents'),
      warning: db.prepare<[string], { id: string; state: WarningState }>('SELECT id, state FROM warnings WHERE id = ?'),
      warningsOpen: db.prepare<[number], WarningRow>(`SELECT doc, state, raised_at, raised_seq FROM warnings WHERE state = 'open' ORDER BY hour_start DESC, id LIMIT ?`),
      warningRaise: db.prepare(`INSERT INTO warnings (id, grid_id, hour_start, state, doc, raised_at, raised_seq) VALUES (?, ?, ?, 'open', ?, ?, ?)
        ON CONFLICT(id) DO NOTHING`),
      warningAck: db.prepare(`UPDATE warnings SET state = 'acknowledged', acknowledged_at = ?, acknowledged_by = ?, note = ?, acknowledged_seq = ? WHERE id = ?`),
      regions: db.prepare<[], RegionFact>('SELECT id, name, level, parent_id AS parentId FROM regions ORDER BY rowid'),
      places: db.prepare<[], { id: string; gridId: string; safetyCode: PlaceFact['safetyCode']; inspections: string }>(
        'SELECT id, grid_id AS gridId, safety_code AS safetyCode, inspections FROM places ORDER BY rowid',
      ),
      riskLevels: db.prepare<[], { grid_id: string; colour: RiskColour; since: string }>('SELECT grid_id, colour, since FROM risk_levels'),
      riskPut: db.prepare(`INSERT INTO risk_levels (grid_id, colour, score, reasons, since, seq) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(grid_id) DO UPDATE SET colour = excluded.colour, score = excluded.score, reasons = excluded.reasons, since = excluded.since, seq = excluded.seq`),
    };
  }

  /** Where incidents were reported since `since` (ISO), flat lon/lat/ms triples, newest first. */
  heat(since: string, limit: number): { points: number[]; truncated: boolean } {
    const rows = this.s.heat.all(new Date(since).toISOString(), limit + 1);
    const points: number[] = [];
    for (const [lon, lat, createdAt] of rows.slice(0, limit)) points.push(lon, lat, Date.parse(createdAt));
    return { points, truncated: rows.length > limit };
  }

  /** Every incident as analysis facts, in the table's order (what the counters hold after a read). */
  facts(): IncidentFact[] {
    return this.s.factsPage.all(0, REST_OF_THE_ROWS).map(toFact);
  }

  regions(): RegionFact[] {
    return this.s.regions.all();
  }

  places(): PlaceFact[] {
    return this.s.places.all().map((p) => ({
      id: p.id,
      gridId: p.gridId,
      safetyCode: p.safetyCode,
      inspections: (JSON.parse(p.inspections) as Array<{ date: string }>).map((i) => i.date),
    }));
  }

  /**
   * The facts and counters, current with the journal. The first call reads every incident
   * (~60k a year: a few MB) unless warmUp() already has; later ones only check the journal's head.
   */
  private current(sla?: SlaConfig): Memory {
    const head = this.headHash();
    if (this.memory && this.memory.head !== head) this.memory = null;
    // Asked without an SLA (risk, warnings: they read facts only), the counters keep theirs.
    const wanted = sla ?? this.sla;
    this.sla = wanted;
    const key = JSON.stringify(wanted);
    while (!this.memory) this.warmUp(wanted, REST_OF_THE_ROWS);
    if (this.memory.sla !== key) {
      // The SLA changed (config.updated): every clock moves; recount from the facts held.
      const { regions, places, model } = this.memory;
      this.memory = { ...this.memory, model: new IncrementalIndices(regions, places, { sla: wanted }, model.facts()), sla: key };
    }
    return this.memory;
  }

  private headHash(): string {
    return this.s.head.get()?.hash ?? '';
  }

  /**
   * Reads one page of the incidents towards holding the facts; true once they are held. The
   * store thread calls it between other work after it opens, so the first query, often the
   * early-warning check a minute after start, no longer holds every command for seconds.
   */
  warmUp(sla: SlaConfig = this.sla, pageRows = WARM_PAGE_ROWS): boolean {
    if (this.memory) return true;
    // Counted with the SLA the queries will ask for, or they would count again.
    this.sla = sla;
    const key = JSON.stringify(sla);
    const head = this.headHash();
    // A transaction rolled back after its entries were observed, or the SLA changed: start again.
    if (this.loading && (this.loading.head !== head || this.loading.sla !== key)) this.loading = null;
    if (!this.loading) {
      const regions = this.regions();
      const places = this.places();
      this.loading = { model: new IncrementalIndices(regions, places, { sla }), regions, places, sla: key, head, after: 0, since: new Map() };
    }
    const loading = this.loading;
    const rows = this.s.factsPage.all(loading.after, pageRows);
    for (const row of rows) {
      loading.model.upsert(toFact(row));
      loading.after = row.at;
    }
    if (rows.length === pageRows) return false;
    for (const fact of loading.since.values()) loading.model.upsert(fact);
    this.memory = { model: loading.model, regions: loading.regions, places: loading.places, sla: loading.sla, head: loading.head };
    this.loading = null;
    return true;
  }

  /** Drops the facts held (the town's regions or places changed outside the journal). */
  forget(): void {
    this.memory = null;
    this.loading = null;
  }

  /** Whether the facts are held in memory (read on first use). */
  get loaded(): boolean {
    return this.memory !== null;
  }

  /**
   * Every journal entry as it is projected, with the incident records it changed: keeps the
   * facts and counters current. Nothing to do until they are first read.
   */
  observe(entry: JournalEntry, changed: readonly IncidentRecord[]): void {
    const held = this.memory ?? this.loading;
    if (!held) return;
    // Not the entry after the one held: an earlier one was rolled back. Read anew when asked.
    if (entry.prevHash !== held.head || entry.type === 'town.imported') {
      this.memory = null;
      this.loading = null;
      return;
    }
    held.head = entry.hash;
    if (this.memory) for (const record of changed) this.memory.model.upsert(factOf(record));
    else for (const record of changed) this.loading!.since.set(record.id, factOf(record));
  }

  /** The facts held that `keep` accepts, in the order first seen (the table's row order). */
  private heldFacts(keep: (fact: IncidentFact) => boolean): IncidentFact[] {
    const out: IncidentFact[] = [];
    for (const fact of this.current().model.facts()) if (keep(fact)) out.push(fact);
    return out;
  }

  /** The six indices of one day for every region (or one). */
  indices(date: string, regionId: string | null, now: Date, sla?: SlaConfig): AnalysisIndices {
    const asOf = Math.min(now.getTime(), endOfDay(date));
    const items = this.current(sla).model.compute({ from: date, to: date, asOf, regionIds: regionId === null ? undefined : [regionId] });
    return { date, asOf: new Date(asOf).toISOString(), items };
  }

  /**
   * The six indices of every day from `from` to `to` (inclusive) in one pass: the trends of
   * the daily briefing. Clocks are judged at the end of `to` (or now), so a day's late
   * clocks that ran out after that day still count against it.
   */
  indicesRange(from: string, to: string, regionId: string | null, now: Date, sla?: SlaConfig): AnalysisIndicesRange {
    const asOf = Math.min(now.getTime(), endOfDay(to));
    const items = this.current(sla).model.compute({ from, to, asOf, regionIds: regionId === null ? undefined : [regionId] });
    return { from, to, asOf: new Date(asOf).toISOString(), items };
  }

  /** A town day's counts by category and channel, from the facts held (no incident is read for them). */
  dayCounts(date: string): DayCounts & { date: string } {
    return { date, ...countDay(this.current().model.facts(), date) };
  }

  private liveRisk(now: Date, sla?: SlaConfig): { risk: GridRisk[]; journaled: Map<string, { colour: RiskColour; since: string }> } {
    const journaled = new Map(this.s.riskLevels.all().map((r) => [r.grid_id, { colour: r.colour, since: r.since }]));
    const previous = new Map([...journaled].map(([grid, r]) => [grid, r.colour]));
    const since = new Date(now.getTime() - 31 * DAY).toISOString();
    const { regions, places } = this.current();
    const risk = computeRisk({
      regions,
      places,
      incidents: this.heldFacts((f) => f.createdAt >= since || OPEN.has(f.state)),
      now: now.getTime(),
      previous,
      params: sla ? { sla } : undefined,
    });
    return { risk, journaled };
  }

  /** Every grid: the journaled colour, the live score and its reasons. */
  risk(now: Date, sla?: SlaConfig): RiskLevel[] {
    const { risk, journaled } = this.liveRisk(now, sla);
    return risk.map((r) => ({ ...r, scoreColour: r.colour, colour: journaled.get(r.gridId)?.colour ?? r.colour, since: journaled.get(r.gridId)?.since ?? null }));
  }

  /** The `risk.changed` entries due now: grids whose colour differs from the journaled one. */
  riskChanges(now: Date, sla?: SlaConfig): RiskChanged[] {
    const { risk, journaled } = this.liveRisk(now, sla);
    return risk
      .filter((r) => journaled.get(r.gridId)?.colour !== r.colour)
      .map((r) => ({ gridId: r.gridId, from: journaled.get(r.gridId)?.colour ?? null, to: r.colour, score: r.score, reasons: r.reasons }));
  }

  /** Projection of a `risk.changed` entry. */
  applyRiskChanged(entry: JournalEntryOf<'risk.changed'>): void {
    const p = entry.payload;
    this.s.riskPut.run(p.gridId, p.to, p.score, JSON.stringify(p.reasons), entry.time, entry.seq);
  }

  /**
   * Early warnings as the forecast sees them now: the current hour (so far) and the last full
   * hour, per grid, against the forecast fitted on the 8 weeks before the hour.
   */
  warnings(now: Date): EarlyWarning[] {
    // A room without history forecasts zero everywhere, and every report would be "unusual":
    // the forecast speaks only once it has seen the town for a while.
    const first = this.s.firstIncident.get()?.first;
    if (!first || now.getTime() - Date.parse(first) < MIN_FORECAST_HISTORY_DAYS * DAY) return [];
    const params = DEFAULT_FORECAST_PARAMS;
    const hourStart = Math.floor(now.getTime() / HOUR) * HOUR;
    const start = hourStart - (params.seasonWeeks * 168 + 1) * HOUR;
    const since = new Date(start).toISOString();
    const grids = this.current().regions.filter((r) => r.level === 'grid');
    const data = hourlyCounts(this.heldFacts((f) => f.updatedAt >= since), grids.map((g) => g.id), start, hourStart + HOUR);
    const names = new Map(grids.map((g) => [g.id, g.name]));
    const current = data.hours - 1;
    return [current - 1, current].flatMap((hour) => warningsAt(data, fitForecast(data, hour, params), hour, params.alpha, names));
  }

  /** The `warning.raised` entries due now: warnings of this hour and the last not raised yet. */
  warningsDue(now: Date): WarningRaised[] {
    const names = new Map(this.current().regions.map((r) => [r.id, r.name]));
    return this.warnings(now)
      .map((w) => ({ id: warningId(w.gridId, w.hourStart), name: names.get(w.gridId) ?? w.gridId, ...w }))
      .filter((w) => !this.s.warning.get(w.id));
  }

  /** A journaled warning's state, for the engine. */
  warning(id: string): { id: string; state: WarningState } | null {
    return this.s.warning.get(id) ?? null;
  }

  /** The warnings raised and not acknowledged, newest hour first. */
  openWarnings(limit = 500): JournaledWarning[] {
    return this.s.warningsOpen.all(limit).map((row) => ({ ...(JSON.parse(row.doc) as WarningRaised), state: row.state, raisedAt: row.raised_at, seq: row.raised_seq }));
  }

  /** Projection of `warning.raised` and `warning.acknowledged` entries. */
  applyWarning(entry: JournalEntryOf<'warning.raised'> | JournalEntryOf<'warning.acknowledged'>): void {
    if (entry.type === 'warning.raised') {
      const p = entry.payload;
      this.s.warningRaise.run(p.id, p.gridId, p.hourStart, JSON.stringify(p), entry.time, entry.seq);
    } else {
      const p = entry.payload;
      this.s.warningAck.run(entry.time, entry.actor, p.note, entry.seq, p.warningId);
    }
  }
}

/** The town day before `now`'s, as YYYY-MM-DD (the morning meeting's default). */
export function yesterday(now: Date): string {
  return dayKey(dayOf(now.getTime()) - 1);
}
