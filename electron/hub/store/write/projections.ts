// Projections are what the journal says, folded into tables. apply() is the only writer of
// these tables, so rebuilding them is replaying the journal through it. Incidents are folded
// by the shared reducer, the same one windows use on the stream.
import { isAccessEntry } from '../../../../shared/protocol/auth';
import { OPEN_STATES, type Report } from '../../../../shared/domain';
import type { EntryPayload, JournalEntry } from '../../../../shared/journal/catalog';
import { isIncidentEvent } from '../../../../shared/incident/events';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { reduceIncidents } from '../../../../shared/incident/reduce';
import { DEFAULT_CONFIG, type DutyConfig } from '../../../../shared/config';
import type { HandoverSheet } from '../../../../shared/shift';
import { JOURNAL_CHECKPOINTED } from '../../../../shared/journal/checkpoint';
import { DATABASE_BACKED_UP, TOWN_EXPORTED } from '../../../../shared/journal/file-records';
import type { Db } from '../sqlite';
import { IntakeProjection } from './intake-projection';
import { AnalysisStore, RISK_CHANGED, WARNING_ACKNOWLEDGED, WARNING_RAISED } from '../../analysis/analysis-store';

/** The payload of a `user.created` entry (shared/journal/catalog.ts). */
export type UserCreated = EntryPayload<'user.created'>;

const OPEN = new Set<string>(OPEN_STATES);

const EPOCH_2020 = Date.parse('2020-01-01T00:00:00Z');
/** Hours, not ms: the R*Tree stores 32-bit floats, exact for whole hours for centuries. */
export const hoursSince2020 = (iso: string) => (Date.parse(iso) - EPOCH_2020) / 3_600_000;
export const OPEN_ENDED_HOURS = 1e7;

/** Units holding an unfinished assignment on an incident. */
function busyUnits(record: IncidentRecord | null): string[] {
  if (!record || !OPEN.has(record.state) || record.state === 'resolved') return [];
  return record.assignments.filter((a) => a.status !== 'returned').map((a) => a.unitId);
}

/** What the R*Tree row depends on; most lifecycle steps leave it as it was. */
const extentKey = (r: IncidentRecord) => `${r.state === 'closed' || r.state === 'merged' || r.state === 'cancelled' ? r.state : 'open'}|${r.location?.lon}|${r.location?.lat}|${r.closedAt}`;

export class Projections {
  private readonly s;
  private readonly intake: IntakeProjection;
  /** The analysis queries, and the risk map's projection (electron/hub/analysis). */
  readonly analysis: AnalysisStore;

  constructor(db: Db) {
    this.intake = new IntakeProjection(db);
    this.analysis = new AnalysisStore(db);
    this.s = {
      incidentDoc: db.prepare<[string], { doc: string }>('SELECT doc FROM incidents WHERE id = ?'),
      upsertIncident: db.prepare(`
        INSERT INTO incidents (id, state, open, priority, category, grid_id, lon, lat, created_at, updated_at, last_seq, doc)
        VALUES (@id, @state, @open, @priority, @category, @gridId, @lon, @lat, @createdAt, @updatedAt, @lastSeq, @doc)
        ON CONFLICT(id) DO UPDATE SET state = excluded.state, open = excluded.open, priority = excluded.priority,
          category = excluded.category, grid_id = excluded.grid_id, lon = excluded.lon, lat = excluded.lat,
          updated_at = excluded.updated_at, last_seq = excluded.last_seq, doc = excluded.doc`),
      insertReport: db.prepare(`
        INSERT INTO reports (id, incident_id, channel, received_at, title, description, category, lon, lat, address, reporter, reporter_phone, taken_by, facts)
        VALUES (@id, @incidentId, @channel, @receivedAt, @title, @description, @category, @lon, @lat, @address, @reporter, @reporterPhone, @takenBy, @facts)`),
      rowid: db.prepare<[string], { rowid: number }>('SELECT rowid FROM incidents WHERE id = ?'),
      extentPut: db.prepare('INSERT OR REPLACE INTO incident_extent (rid, min_lon, max_lon, min_lat, max_lat, min_h, max_h) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      extentDelete: db.prepare('DELETE FROM incident_extent WHERE rid = ?'),
      insertUser: db.prepare('INSERT INTO users (id, username, name, role, region_id, unit_id, created_seq) VALUES (?, ?, ?, ?, ?, ?, ?)'),
      unitLoad: db.prepare(`INSERT INTO unit_load (unit_id, open_assignments) VALUES (?, ?)
        ON CONFLICT(unit_id) DO UPDATE SET open_assignments = open_assignments + excluded.open_assignments`),
      wallFocus: db.prepare(`INSERT INTO wall_focus (id, incident_id, seq, at) VALUES (1, ?, ?, ?)
        ON CONFLICT(id) DO UPDATE SET incident_id = excluded.incident_id, seq = excluded.seq, at = excluded.at`),
      shiftStarted: db.prepare('INSERT INTO shifts (seq, commander_id, started_at, handover_id) VALUES (?, ?, ?, ?)'),
      handoverPut: db.prepare('INSERT INTO handovers (id, doc) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET doc = excluded.doc'),
      configPut: db.prepare('INSERT INTO config (key, value, seq) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, seq = excluded.seq'),
      configAll: db.prepare<[], { key: string; value: string }>('SELECT key, value FROM config'),
      handoverGet: db.prepare<[string], { doc: string }>('SELECT doc FROM handovers WHERE id = ?'),
    };
  }

  /**
   * While a bulk import runs, incidents just written are kept in memory: an import touches
   * each incident several times, and re-reading its JSON each time would dominate. Only
   * for imports: a command's savepoint may roll back, a cache would not.
   */
  private bulk: Map<string, IncidentRecord> | null = null;

  beginBulk(): void {
    this.bulk = new Map();
  }

  /** Writes each incident the import touched once, in its final form; inside the import's transaction. */
  flushBulk(): void {
    const pending = this.bulk;
    if (!pending) return;
    this.bulk = null;
    for (const record of pending.values()) this.writeRow(record, true);
    this.bulk = new Map();
  }

  endBulk(): void {
    this.bulk = null;
  }

  incident(id: string): IncidentRecord | null {
    const cached = this.bulk?.get(id);
    if (cached) return cached;
    const row = this.s.incidentDoc.get(id);
    return row ? (JSON.parse(row.doc) as IncidentRecord) : null;
  }

  /** The defaults with an admin's changes laid over them. */
  config(): DutyConfig {
    const config: DutyConfig = { ...DEFAULT_CONFIG };
    for (const { key, value } of this.s.configAll.all()) {
      if (key === 'leadDepartments' || key === 'sla' || key === 'sessions' || key === 'alerts') (config as unknown as Record<string, unknown>)[key] = JSON.parse(value);
    }
    return config;
  }

  handover(id: string): HandoverSheet | null {
    const row = this.s.handoverGet.get(id);
    return row ? (JSON.parse(row.doc) as HandoverSheet) : null;
  }

  apply(entry: JournalEntry): void {
    if (isIncidentEvent(entry.type)) {
      const records = reduceIncidents(entry, (id) => this.incident(id));
      for (const record of records) this.writeIncident(record);
      if (entry.type === 'incident.reported') this.writeReport(entry.payload.report);
      this.analysis.observe(entry, records);
      return;
    }
    // Every entry, so the analysis sees an unbroken chain (its facts stay current or are dropped).
    this.analysis.observe(entry, []);
    switch (entry.type) {
      case 'user.created': {
        const { user } = entry.payload;
        this.s.insertUser.run(user.id, user.username, user.name, user.role, user.regionId ?? null, user.unitId ?? null, entry.seq);
        return;
      }
      case 'wall.focused':
        this.s.wallFocus.run(entry.payload.incidentId, entry.seq, entry.time);
        return;
      case 'shift.started': {
        const p = entry.payload;
        this.s.shiftStarted.run(entry.seq, p.commanderId, entry.time, p.handoverId);
        if (p.handoverId) {
          const sheet = this.handover(p.handoverId);
          if (sheet) this.s.handoverPut.run(sheet.id, JSON.stringify({ ...sheet, signedInAt: entry.time }));
        }
        return;
      }
      case 'config.updated': {
        const { key, value } = entry.payload;
        this.s.configPut.run(key, JSON.stringify(value), entry.seq);
        return;
      }
      case 'shift.handedOver': {
        const { sheet } = entry.payload;
        this.s.handoverPut.run(sheet.id, JSON.stringify(sheet));
        return;
      }
      case 'integration.created':
        this.intake.apply(entry);
        return;
      case RISK_CHANGED:
        this.analysis.applyRiskChanged(entry);
        return;
      case WARNING_RAISED:
      case WARNING_ACKNOWLEDGED:
        this.analysis.applyWarning(entry);
        return;
      case JOURNAL_CHECKPOINTED: {
        // A handover's checkpoint is printed on its sheet; other checkpoints are on record only.
        const p = entry.payload;
        const sheet = p.handoverId ? this.handover(p.handoverId) : null;
        if (sheet) this.s.handoverPut.run(sheet.id, JSON.stringify({ ...sheet, checkpoint: { seq: p.seq, headHash: p.headHash, keyId: p.keyId } }));
        return;
      }
      case 'briefing.exported':
      case TOWN_EXPORTED:
      case DATABASE_BACKED_UP:
        // On record only: an export changes nothing the hub reads back.
        return;
      case 'alert.setAside':
        // Read from the journal itself, by its partial index (migration 14).
        return;
      case 'town.imported':
        // The town's rows are reference data the import itself writes (town-store.ts).
        return;
      default:
        // Sign-ins, lockouts and second factors: on record; their rows are the primary's
        // alone (write/access.ts), written beside the entry.
        if (isAccessEntry(entry.type)) return;
        throw new Error(`no projection for journal entry type ${entry.type}`);
    }
  }

  private writeIncident(record: IncidentRecord): void {
    const previous = this.incident(record.id);
    const before = busyUnits(previous);
    const after = busyUnits(record);
    for (const unitId of before) if (!after.includes(unitId)) this.s.unitLoad.run(unitId, -1);
    for (const unitId of after) if (!before.includes(unitId)) this.s.unitLoad.run(unitId, 1);
    if (this.bulk) {
      this.bulk.set(record.id, record);
      if (this.bulk.size > 20_000) this.flushBulk();
      return;
    }
    this.writeRow(record, !previous || extentKey(previous) !== extentKey(record));
  }

  private writeRow(record: IncidentRecord, extentChanged: boolean): void {
    this.s.upsertIncident.run({
      id: record.id,
      state: record.state,
      open: OPEN.has(record.state) ? 1 : 0,
      priority: record.priority,
      category: record.category,
      gridId: record.gridId,
      lon: record.location?.lon ?? null,
      lat: record.location?.lat ?? null,
      createdAt: record.createdAt,
      updatedAt: record.updatedAt,
      lastSeq: record.lastSeq,
      doc: JSON.stringify(record),
    });
    if (extentChanged) this.writeExtent(record);
  }

  private writeReport(report: Report): void {
    this.s.insertReport.run({
      ...report,
      lon: report.location?.lon ?? null,
      lat: report.location?.lat ?? null,
      reporter: report.reporter ? JSON.stringify(report.reporter) : null,
      reporterPhone: report.reporter?.phone?.replace(/\D/g, '') || null,
      facts: report.facts ? JSON.stringify(report.facts) : null,
    });
  }

  private writeExtent(record: IncidentRecord): void {
    const { rowid } = this.s.rowid.get(record.id)!;
    const gone = record.state === 'merged' || record.state === 'cancelled';
    if (gone || !record.location) {
      this.s.extentDelete.run(rowid);
      return;
    }
    const { lon, lat } = record.location;
    const end = record.state === 'closed' && record.closedAt ? hoursSince2020(record.closedAt) : OPEN_ENDED_HOURS;
    this.s.extentPut.run(rowid, lon, lon, lat, lat, hoursSince2020(record.createdAt), end);
  }
}
