// Duplicate candidates: open and recently closed incidents near the draft in space and time
// (R*Tree), plus any from the same caller or at the same address, scored by shared/dedupe.
import type { DedupeCandidate, DedupeDraft } from '../../../shared/dedupe/candidates';
import { LIKELY_DUPLICATE, scorePair, type DedupeSubject } from '../../../shared/dedupe/score';
import { bigrams } from '../../../shared/dedupe/text';
import { degreesAround } from '../../../shared/geo/distance';
import type { IncidentRecord } from '../../../shared/incident/model';
import type { Db } from './database';
import { hoursSince2020 } from './projections';

const RADIUS_M = 1_000;
/** Closed incidents stay candidates this long; open ones always are. */
const RECENT_HOURS = 72;
const FLOOR = 0.3;

export class DedupeQuery {
  private readonly near;
  private readonly samePhone;
  private readonly recentSameCategory;
  private readonly reportsOf;

  constructor(db: Db) {
    this.near = db.prepare<[number, number, number, number, number], { doc: string }>(`
      SELECT i.doc FROM incident_extent e JOIN incidents i ON i.rowid = e.rid
      WHERE e.min_lon <= ? AND e.max_lon >= ? AND e.min_lat <= ? AND e.max_lat >= ? AND e.max_h >= ?
      LIMIT 400`);
    this.samePhone = db.prepare<[string, string], { doc: string }>(`
      SELECT DISTINCT i.doc FROM reports r JOIN incidents i ON i.id = r.incident_id
      WHERE r.reporter_phone = ? AND r.received_at >= ? AND i.state NOT IN ('merged', 'cancelled') LIMIT 50`);
    // Without a location only the category, the time and the words can tell.
    this.recentSameCategory = db.prepare<[string, string], { doc: string }>(`
      SELECT doc FROM incidents WHERE category = ? AND created_at >= ? AND state NOT IN ('merged', 'cancelled') ORDER BY created_at DESC LIMIT 200`);
    this.reportsOf = db.prepare<[string], { title: string; description: string; reporter_phone: string | null; address: string | null }>(
      'SELECT title, description, reporter_phone, address FROM reports WHERE incident_id = ?',
    );
  }

  candidates(draft: DedupeDraft, now: Date, limit = 5): DedupeCandidate[] {
    const nowHours = hoursSince2020(now.toISOString());
    const found = new Map<string, IncidentRecord>();
    const add = (rows: Array<{ doc: string }>) => {
      for (const { doc } of rows) {
        const record = JSON.parse(doc) as IncidentRecord;
        if (record.id !== draft.excludeId) found.set(record.id, record);
      }
    };
    if (draft.location) {
      const { dLon, dLat } = degreesAround(draft.location.lat, RADIUS_M);
      const { lon, lat } = draft.location;
      add(this.near.all(lon + dLon, lon - dLon, lat + dLat, lat - dLat, nowHours - RECENT_HOURS));
    } else {
      add(this.recentSameCategory.all(draft.category, new Date(now.getTime() - RECENT_HOURS * 3_600_000).toISOString()));
    }
    const phone = draft.phone?.replace(/\D/g, '');
    if (phone) add(this.samePhone.all(phone, new Date(now.getTime() - 30 * 86_400_000).toISOString()));

    const subject: DedupeSubject = {
      category: draft.category,
      time: now.toISOString(),
      location: draft.location ?? null,
      text: `${draft.title} ${draft.description}`,
      address: draft.address ?? null,
      phones: phone ? [phone] : [],
    };
    const subjectGrams = bigrams(subject.text);
    const scored: DedupeCandidate[] = [];
    for (const record of found.values()) {
      const reports = this.reportsOf.all(record.id);
      const other: DedupeSubject = {
        category: record.category,
        time: record.createdAt,
        location: record.location,
        text: reports.map((r) => `${r.title} ${r.description}`).join(' '),
        address: record.address ?? reports.find((r) => r.address)?.address ?? null,
        phones: reports.map((r) => r.reporter_phone).filter((p): p is string => !!p),
      };
      const score = scorePair(subject, other, subjectGrams);
      if (score.total < FLOOR) continue;
      scored.push({
        incidentId: record.id,
        title: record.title,
        state: record.state,
        category: record.category,
        createdAt: record.createdAt,
        channels: record.channels,
        likely: score.total >= LIKELY_DUPLICATE,
        score,
      });
    }
    return scored.sort((a, b) => b.score.total - a.score.total).slice(0, limit);
  }
}
