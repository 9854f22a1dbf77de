// Duplicate candidates: open and recently closed incidents near the draft in space and time
// (R*Tree), plus any from the same caller or at the same address, scored by shared/dedupe.
// Cheap parts (distance, time, category) rank first; only the best few are read in full.
import type { DedupeCandidate, DedupeDraft } from '../../../../shared/dedupe/candidates';
import { DEDUPE_WEIGHTS, LIKELY_DUPLICATE, scorePair, type DedupeSubject } from '../../../../shared/dedupe/score';
import { bigrams } from '../../../../shared/dedupe/text';
import type { Channel, IncidentState } from '../../../../shared/domain';
import { degreesAround, distanceMeters } from '../../../../shared/geo/distance';
import { normalizeAddress } from '../../../../shared/geo/address';
import type { Db } from '../sqlite';
import type { TownInUse } from './context';
import { hoursSince2020 } from '../write/projections';

const RADIUS_M = 600;
/** Closed incidents stay candidates this long; open ones always are. */
const RECENT_HOURS = 72;
const FLOOR = 0.3;
/** How many of the cheaply ranked candidates are read and scored in full. */
const FULLY_SCORED = 12;

/** What the columns tell without reading the incident's document. */
interface Row {
  id: string;
  state: IncidentState;
  category: string;
  created_at: string;
  lon: number | null;
  lat: number | null;
}

interface Light {
  id: string;
  title: string;
  channels: string;
  address: string | null;
  report_count: number;
}

interface Words {
  key: string;
  text: string;
  grams: Set<string>;
  phones: string[];
  address: string | null;
}

const COLUMNS = 'i.id, i.state, i.category, i.created_at, i.lon, i.lat';

export class DedupeQuery {
  private readonly near;
  private readonly samePhone;
  private readonly recentSameCategory;
  private readonly reportsOf;
  private readonly light;
  /** Words of recent candidates: an incident's text changes only when reports join it. */
  private readonly words = new Map<string, Words>();

  /** `town`: whose admin prefixes an address is compared without (江苏省南京市… and 殷巷路 12 号 are one place). */
  constructor(
    db: Db,
    private readonly town: Pick<TownInUse, 'addressPrefixes'>,
  ) {
    this.near = db.prepare<[number, number, number, number, number], Row>(`
      SELECT ${COLUMNS} FROM incident_extent e JOIN incidents i ON i.rowid = e.rid
      WHERE e.min_lon <= ? AND e.max_lon >= ? AND e.min_lat <= ? AND e.max_lat >= ? AND e.max_h >= ?
      LIMIT 400`);
    this.samePhone = db.prepare<[string, string], Row>(`
      SELECT DISTINCT ${COLUMNS} FROM reports r JOIN incidents i ON i.id = r.incident_id
      WHERE r.reporter_phone = ? AND r.received_at >= ? AND i.state NOT IN ('merged', 'cancelled') LIMIT 50`);
    // Without a location only the category, the time and the words can tell.
    this.recentSameCategory = db.prepare<[string, string], Row>(`
      SELECT ${COLUMNS} FROM incidents i WHERE i.category = ? AND i.created_at >= ? AND i.state NOT IN ('merged', 'cancelled') ORDER BY i.created_at DESC LIMIT 200`);
    this.light = db.prepare<[string], Light>(`
      SELECT id, json_extract(doc, '$.title') AS title, json_extract(doc, '$.channels') AS channels,
        json_extract(doc, '$.address') AS address, json_extract(doc, '$.reportCount') AS report_count
      FROM incidents WHERE id = ?`);
    this.reportsOf = db.prepare<[string, string], { title: string; description: string; reporter_phone: string | null; address: string | null }>(
      `SELECT r.title, r.description, r.reporter_phone, r.address FROM reports r JOIN incidents i ON r.incident_id = i.id
       WHERE i.id = ? OR i.id IN (SELECT value FROM incidents m, json_each(m.doc, '$.mergedFrom') WHERE m.id = ?)`,
    );
  }

  /** An address as compared for samePlace: the town's admin names and the spacing gone. */
  private placeOf(address: string | null): string | null {
    return address ? normalizeAddress(address, this.town.addressPrefixes) || null : null;
  }

  private wordsOf(light: Light): Words {
    const key = `${light.id}:${light.report_count}`;
    const cached = this.words.get(light.id);
    if (cached?.key === key) return cached;
    const reports = this.reportsOf.all(light.id, light.id);
    const text = reports.map((r) => `${r.title} ${r.description}`).join(' ');
    const words: Words = {
      key,
      text,
      grams: bigrams(text),
      phones: reports.map((r) => r.reporter_phone).filter((p): p is string => !!p),
      address: this.placeOf(light.address ?? reports.find((r) => r.address)?.address ?? null),
    };
    if (this.words.size > 5_000) this.words.clear();
    this.words.set(light.id, words);
    return words;
  }

  candidates(draft: DedupeDraft, now: Date, limit = 5): DedupeCandidate[] {
    const found = new Map<string, Row>();
    const add = (rows: Row[]) => {
      for (const row of rows) if (row.id !== draft.excludeId) found.set(row.id, row);
    };
    if (draft.location) {
      const { dLon, dLat } = degreesAround(draft.location.lat, RADIUS_M);
      const { lon, lat } = draft.location;
      add(this.near.all(lon + dLon, lon - dLon, lat + dLat, lat - dLat, hoursSince2020(now.toISOString()) - RECENT_HOURS));
    } else {
      add(this.recentSameCategory.all(draft.category, new Date(now.getTime() - RECENT_HOURS * 3_600_000).toISOString()));
    }
    const phone = draft.phone?.replace(/\D/g, '');
    const byPhone = new Set<string>();
    if (phone) {
      const rows = this.samePhone.all(phone, new Date(now.getTime() - 30 * 86_400_000).toISOString());
      for (const row of rows) byPhone.add(row.id);
      add(rows);
    }

    const subject: DedupeSubject = {
      category: draft.category,
      time: now.toISOString(),
      location: draft.location ?? null,
      text: `${draft.title} ${draft.description}`,
      address: this.placeOf(draft.address ?? null),
      phones: phone ? [phone] : [],
    };
    // Rank by what the row alone tells; a same-caller match always goes on to full scoring.
    const ranked = [...found.values()]
      .map((row) => {
        const location = row.lon === null || row.lat === null ? null : { lon: row.lon, lat: row.lat };
        const meters = location && subject.location ? distanceMeters(location, subject.location) : null;
        const minutes = Math.abs(now.getTime() - Date.parse(row.created_at)) / 60_000;
        const cheap = DEDUPE_WEIGHTS.distance * (meters === null ? 0.5 : Math.exp(-meters / 216)) + DEDUPE_WEIGHTS.time * Math.exp(-minutes / 520) + DEDUPE_WEIGHTS.category * (row.category === subject.category ? 1 : 0.3);
        return { row, location, cheap: byPhone.has(row.id) ? 10 : cheap };
      })
      .sort((a, b) => b.cheap - a.cheap)
      .slice(0, FULLY_SCORED);

    const subjectGrams = bigrams(subject.text);
    const scored: DedupeCandidate[] = [];
    for (const { row, location } of ranked) {
      const light = this.light.get(row.id)!;
      const words = this.wordsOf(light);
      const other: DedupeSubject = { category: row.category, time: row.created_at, location, text: words.text, address: words.address, phones: words.phones };
      const score = scorePair(subject, other, subjectGrams, words.grams);
      if (score.total < FLOOR) continue;
      scored.push({
        incidentId: row.id,
        title: light.title,
        state: row.state,
        category: row.category,
        createdAt: row.created_at,
        channels: JSON.parse(light.channels) as Channel[],
        likely: score.total >= LIKELY_DUPLICATE,
        score,
      });
    }
    return scored.sort((a, b) => b.score.total - a.score.total).slice(0, limit);
  }
}
