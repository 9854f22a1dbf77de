// The analysis over the store: the six indices, the risk map and early warnings, computed
// by the pure functions of shared/analysis from flat rows read straight out of SQLite
// (json_extract, no parsing of whole incident documents).
import type { JournalEntry } from '../../../shared/domain';
import { DAY, dayFromKey, dayKey, dayOf, dayStart, HOUR, type IncidentFact, type PlaceFact, type RegionFact } from '../../../shared/analysis/facts';
import { computeIndices, endOfDay, type RegionIndices } from '../../../shared/analysis/indices';
import { computeRisk, type GridRisk, type RiskColour } from '../../../shared/analysis/risk';
import { DEFAULT_FORECAST_PARAMS, fitForecast, hourlyCounts, warningsAt, type EarlyWarning } from '../../../shared/analysis/forecast';
import type { SlaConfig } from '../../../shared/sla';
import type { Db } from '../store/database';

export const RISK_CHANGED = 'risk.changed';

export interface RiskChanged {
  gridId: string;
  from: RiskColour | null;
  to: RiskColour;
  score: number;
  reasons: GridRisk['reasons'];
}

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
  json_extract(doc, '$.rating') AS rating, json_extract(doc, '$.mergedInto') AS mergedInto`;

type FactRow = IncidentFact;

const toFact = (row: FactRow): IncidentFact => row;

export class AnalysisStore {
  private readonly s;

  constructor(private readonly db: Db) {
    this.s = {
      factsSince: db.prepare<[string], FactRow>(`SELECT ${FACT_COLUMNS} FROM incidents WHERE updated_at >= ?`),
      factsCreatedSince: db.prepare<[string], FactRow>(`SELECT ${FACT_COLUMNS} FROM incidents WHERE created_at >= ? OR open = 1`),
      regions: db.prepare<[], RegionFact>('SELECT id, name, level, parent_id AS parentId FROM regions ORDER BY rowid'),
      places: db.prepare<[], { id: string; gridId: string; safetyCode: PlaceFact['safetyCode']; inspections: string }>(
        'SELECT id, grid_id AS gridId, safety_code AS safetyCode, inspections FROM places ORDER BY rowid',
      ),
      riskLevels: db.prepare<[], { grid_id: string; colour: RiskColour; since: string }>('SELECT grid_id, colour, since FROM risk_levels'),
      riskPut: db.prepare(`INSERT INTO risk_levels (grid_id, colour, score, reasons, since, seq) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(grid_id) DO UPDATE SET colour = excluded.colour, score = excluded.score, reasons = excluded.reasons, since = excluded.since, seq = excluded.seq`),
    };
  }

  /** Every incident (or those touched since `since`) as analysis facts. */
  facts(since = ''): IncidentFact[] {
    return this.s.factsSince.all(since).map(toFact);
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
   * The six indices of one day for every region (or one). Reads the incidents touched in the
   * 60 days before it: enough for the baseline weeks, repeats and the longest resolve clock.
   */
  indices(date: string, regionId: string | null, now: Date, sla?: SlaConfig): AnalysisIndices {
    const asOf = Math.min(now.getTime(), endOfDay(date));
    const since = new Date(dayStart(dayFromKey(date) - 60)).toISOString();
    const items = computeIndices({
      incidents: this.facts(since),
      regions: this.regions(),
      places: this.places(),
      from: date,
      to: date,
      asOf,
      regionIds: regionId === null ? undefined : [regionId],
      params: sla ? { sla } : undefined,
    });
    return { date, asOf: new Date(asOf).toISOString(), items };
  }

  /**
   * The six indices of every day from `from` to `to` (inclusive) in one pass: the trends of
   * the daily briefing. Clocks are judged at the end of `to` (or now), so a day's late
   * clocks that ran out after that day still count against it.
   */
  indicesRange(from: string, to: string, regionId: string | null, now: Date, sla?: SlaConfig): AnalysisIndicesRange {
    const asOf = Math.min(now.getTime(), endOfDay(to));
    const since = new Date(dayStart(dayFromKey(from) - 60)).toISOString();
    const items = computeIndices({
      incidents: this.facts(since),
      regions: this.regions(),
      places: this.places(),
      from,
      to,
      asOf,
      regionIds: regionId === null ? undefined : [regionId],
      params: sla ? { sla } : undefined,
    });
    return { from, to, asOf: new Date(asOf).toISOString(), items };
  }

  private liveRisk(now: Date, sla?: SlaConfig): { risk: GridRisk[]; journaled: Map<string, { colour: RiskColour; since: string }> } {
    const journaled = new Map(this.s.riskLevels.all().map((r) => [r.grid_id, { colour: r.colour, since: r.since }]));
    const previous = new Map([...journaled].map(([grid, r]) => [grid, r.colour]));
    const since = new Date(now.getTime() - 31 * DAY).toISOString();
    const risk = computeRisk({
      regions: this.regions(),
      places: this.places(),
      incidents: this.s.factsCreatedSince.all(since).map(toFact),
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
  applyRiskChanged(entry: JournalEntry): void {
    const p = entry.payload as RiskChanged;
    this.s.riskPut.run(p.gridId, p.to, p.score, JSON.stringify(p.reasons), entry.time, entry.seq);
  }

  /**
   * Open early warnings: the current hour (so far) and the last full hour, per grid, against
   * the forecast fitted on the 8 weeks before the hour.
   */
  warnings(now: Date): EarlyWarning[] {
    const params = DEFAULT_FORECAST_PARAMS;
    const hourStart = Math.floor(now.getTime() / HOUR) * HOUR;
    const start = hourStart - (params.seasonWeeks * 168 + 1) * HOUR;
    const regions = this.regions();
    const grids = regions.filter((r) => r.level === 'grid');
    const data = hourlyCounts(this.facts(new Date(start).toISOString()), grids.map((g) => g.id), start, hourStart + HOUR);
    const names = new Map(grids.map((g) => [g.id, g.name]));
    const current = data.hours - 1;
    return [current - 1, current].flatMap((hour) => warningsAt(data, fitForecast(data, hour, params), hour, params.alpha, names));
  }
}

/** The town day before `now`'s, as YYYY-MM-DD (the morning meeting's default). */
export function yesterday(now: Date): string {
  return dayKey(dayOf(now.getTime()) - 1);
}
