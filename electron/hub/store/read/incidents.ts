// Read model: the incident queue, one incident in full (its reports and its journal), the
// likely duplicates of a report being taken, and whom to send.
import type { Channel, Report } from '../../../../shared/domain';
import type { ReportFacts } from '../../../../shared/intake/facts';
import type { DedupeCandidate, DedupeDraft } from '../../../../shared/dedupe/candidates';
import { leadFor } from '../../../../shared/dispatch/lead';
import { recommendUnits, type Recommendation } from '../../../../shared/dispatch/recommend';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { maskPersonal, maskPhone } from '../../../../shared/privacy';
import type { Department } from '../../../../shared/town';
import type { Journal } from '../write/journal';
import type { ReadContext } from './context';
import { DedupeQuery } from './dedupe-query';
import { unitsWithLoad } from './duty';
import { IncidentJournalQuery, type IncidentJournal } from './incident-journal';

export type IncidentsReadModel = ReturnType<typeof incidentsReadModel>;

export interface IncidentDetail extends IncidentRecord {
  reports: Report[];
}

interface ReportRow {
  id: string;
  incident_id: string;
  channel: Channel;
  received_at: string;
  title: string;
  description: string;
  category: string;
  lon: number | null;
  lat: number | null;
  address: string | null;
  reporter: string | null;
  taken_by: string;
  facts: string | null;
}

const lonLat = (lon: number | null, lat: number | null) => (lon === null || lat === null ? null : { lon, lat });

function toReport(row: ReportRow, reveal: boolean): Report {
  const reporter = row.reporter ? (JSON.parse(row.reporter) as NonNullable<Report['reporter']>) : null;
  return {
    id: row.id,
    incidentId: row.incident_id,
    channel: row.channel,
    receivedAt: row.received_at,
    title: row.title,
    description: row.description,
    category: row.category,
    location: lonLat(row.lon, row.lat),
    address: row.address,
    reporter: reporter && !reveal ? { ...reporter, phone: maskPhone(reporter.phone) } : reporter,
    takenBy: row.taken_by,
    // Written by this store from a checked payload (shared/intake/facts.ts); no personal data.
    ...(row.facts ? { facts: JSON.parse(row.facts) as ReportFacts } : {}),
  };
}

/** A journal payload as any window may read it (the router masks further by role). */
const maskedPayload = (_type: string, payload: unknown): unknown => maskPersonal(payload, 'masked');

export function incidentsReadModel({ db, clock, projections, town }: ReadContext, journal: Journal) {
  const dedupe = new DedupeQuery(db, town);
  const entries = new IncidentJournalQuery(db);
  const units = unitsWithLoad(db, town);
  const s = {
    open: db.prepare<[number], { doc: string }>('SELECT doc FROM incidents WHERE open = 1 ORDER BY created_at DESC LIMIT ?'),
    all: db.prepare<[number], { doc: string }>('SELECT doc FROM incidents ORDER BY created_at DESC LIMIT ?'),
    reportsOf: db.prepare<[string], ReportRow>('SELECT * FROM reports WHERE incident_id = ? ORDER BY received_at, id'),
  };
  const list = (status: 'open' | 'all', limit: number): IncidentRecord[] =>
    (status === 'open' ? s.open.all(limit) : s.all.all(limit)).map((r) => JSON.parse(r.doc) as IncidentRecord);

  return {
    /** Newest first. */
    list,

    /** The list and the journal seq it reflects, read in one transaction so no entry falls between. */
    listWithSeq(status: 'open' | 'all', limit: number): { items: IncidentRecord[]; seq: number } {
      return db.transaction(() => ({ items: list(status, limit), seq: journal.lastSeq() }))();
    },

    /** An incident with its reports and those of incidents merged into it; phones masked. */
    detail(id: string): IncidentDetail | null {
      const record = projections.incident(id);
      if (!record) return null;
      const reports = [record.id, ...record.mergedFrom].flatMap((source) => s.reportsOf.all(source).map((row) => toReport(row, false)));
      return { ...record, reports };
    },

    /** Every journal entry about an incident and the reports merged into it, oldest first; phones masked. */
    journal(id: string): IncidentJournal | null {
      const record = projections.incident(id);
      if (!record) return null;
      return entries.entries(record.id, record.mergedFrom, maskedPayload);
    },

    /** Likely duplicates of a report being taken, with the scores that explain them. */
    dedupeCandidates(draft: DedupeDraft): DedupeCandidate[] {
      return dedupe.candidates(draft, clock());
    },

    /** Units to send, best first, with reasons; and the department that should lead. */
    recommendations(incidentId: string): { lead: Department; units: Recommendation[] } | null {
      const record = projections.incident(incidentId);
      if (!record) return null;
      const lead = record.lead ?? leadFor(record.category, projections.config().leadDepartments);
      const roads = town.roads;
      const ranked = recommendUnits(units.all(), {
        location: record.location,
        regionChain: record.gridId ? town.lookup.regionChain(record.gridId) : [],
        lead,
        coHandlers: record.coHandlers,
        exclude: new Set(record.assignments.filter((a) => a.status !== 'returned').map((a) => a.unitId)),
        ...(roads ? { distance: roads.distanceFunction() } : {}),
      });
      return { lead, units: ranked };
    },
  };
}
