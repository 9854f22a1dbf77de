// What the engine reads while it decides a command, inside the command's transaction: the
// projections as they stand (an import's incidents from its in-memory batch), the town in
// force with each unit's load, and the work-order counters it reserves numbers from.
import type { DedupeDraft } from '../../../../shared/dedupe/candidates';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { DedupeQuery } from '../read/dedupe-query';
import type { EngineView } from '../../engine/engine';
import type { AccessReadModel } from '../read/access';
import type { TownInUse } from '../read/context';
import { unitsWithLoad, type DutyReadModel } from '../read/duty';
import type { Writer } from './writer';

export function engineView(writer: Writer, town: TownInUse, read: { access: Pick<AccessReadModel, 'user'>; duty: Pick<DutyReadModel, 'onDuty'> }): EngineView {
  const { db, projections, clock } = writer;
  const units = unitsWithLoad(db, town);
  const s = {
    counterNext: db.prepare<[string], { value: number }>(
      'INSERT INTO counters (name, value) VALUES (?, 1) ON CONFLICT(name) DO UPDATE SET value = value + 1 RETURNING value',
    ),
    openIncidents: db.prepare<[], { doc: string }>('SELECT doc FROM incidents WHERE open = 1 ORDER BY created_at DESC'),
    report: db.prepare<[string], { incident_id: string; reporter: string | null }>('SELECT incident_id, reporter FROM reports WHERE id = ?'),
    ownReports: db.prepare<[string], { title: string; description: string; reporter_phone: string | null; address: string | null }>(
      'SELECT title, description, reporter_phone, address FROM reports WHERE incident_id = ? ORDER BY rowid',
    ),
  };
  const dedupe = new DedupeQuery(db, town);
  const alertExpires = db.prepare<[], { incidentId: string; expires: string }>(
    `SELECT r.incident_id AS incidentId, json_extract(r.facts, '$.cap.expires') AS expires FROM reports r INDEXED BY reports_alert_expires
     JOIN incidents i ON i.id = r.incident_id WHERE json_extract(r.facts, '$.cap.expires') IS NOT NULL AND i.open = 1`,
  );
  /** Reported before `incident`: older, or as old with a lower work-order number. */
  const before = (incident: IncidentRecord, other: { createdAt: string; incidentId: string }) =>
    other.createdAt < incident.createdAt || (other.createdAt === incident.createdAt && other.incidentId < incident.id);
  return {
    now: () => clock(),
    nextNumber: (counter) => s.counterNext.get(counter)!.value,
    incident: (id) => projections.incident(id),
    openIncidents: () => s.openIncidents.all().map((r) => JSON.parse(r.doc) as IncidentRecord),
    unit: (id) => units.unit(id),
    unitsInRegion: (regionId) => units.inRegion(regionId),
    regionChain: (gridId) => town.lookup.regionChain(gridId),
    gridAt: (lon, lat) => town.lookup.gridAt(lon, lat),
    user: (id) => read.access.user(id),
    onDuty: () => read.duty.onDuty(),
    handover: (id) => projections.handover(id),
    config: () => projections.config(),
    warning: (id) => projections.analysis.warning(id),
    olderLikelyDuplicates: (incident) => {
      const reports = s.ownReports.all(incident.id);
      const address = incident.address ?? reports.find((r) => r.address)?.address ?? null;
      const phone = reports.find((r) => r.reporter_phone)?.reporter_phone ?? null;
      const draft: DedupeDraft = {
        category: incident.category,
        title: reports.map((r) => r.title).join(' '),
        description: reports.map((r) => r.description).join(' '),
        excludeId: incident.id,
        ...(incident.location ? { location: incident.location } : {}),
        ...(address ? { address } : {}),
        ...(phone ? { phone } : {}),
      };
      return dedupe
        .candidates(draft, new Date(incident.createdAt))
        .filter((c) => c.likely && c.state !== 'merged' && c.state !== 'cancelled' && before(incident, c));
    },
    alertExpiries: () => {
      // An Update may move the time: the latest of an incident's alerts holds.
      const latest = new Map<string, string>();
      for (const { incidentId, expires } of alertExpires.all()) {
        const held = latest.get(incidentId);
        if (!held || Date.parse(expires) > Date.parse(held)) latest.set(incidentId, expires);
      }
      return [...latest].map(([incidentId, expires]) => ({ incidentId, expires }));
    },
    reporterOf: (reportId) => {
      const row = s.report.get(reportId);
      if (!row) return null;
      const reporter = row.reporter ? (JSON.parse(row.reporter) as { name?: string; phone?: string }) : {};
      return { incidentId: row.incident_id, ...reporter };
    },
  };
}
