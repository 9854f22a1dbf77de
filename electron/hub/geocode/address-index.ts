// The address database in memory, indexed by road then house number, and matched against
// what people write. A match is only called a match when it is clear; otherwise the best
// candidates go to the operator (an ambiguous address is never silently guessed).
import type { z } from 'zod';
import type { GeocodeCandidateSchema } from '../../../shared/protocol/intake';
import type { AddressColumns } from '../../../shared/town';
import { parseAddress, roadCore, roadSimilarity, standardAddressText, type ParsedAddress } from '../../../shared/geo/address';
import { isPinyinQuery, pinyinKeys, pinyinMatches, type PinyinKeys } from './pinyin';

/** A candidate address for what was written: the answer's shape (shared/protocol/intake.ts). */
export type GeocodeCandidate = z.output<typeof GeocodeCandidateSchema>;

export type GeocodeStatus = 'matched' | 'ambiguous' | 'unresolved';

export interface GeocodeResult {
  status: GeocodeStatus;
  /** Set only when status is 'matched'. */
  match: GeocodeCandidate | null;
  /** Best first; what an operator picks from when the match is not clear. */
  candidates: GeocodeCandidate[];
  parsed: ParsedAddress;
}

/** Roads at least this alike are considered (a one-character typo in 振华路 scores 0.67). */
const ROAD_FLOOR = 0.5;
/** How many of the most alike roads a written road is looked for on. */
const ROADS_CONSIDERED = 12;
/**
 * A match needs the road as written (score ≥ 0.95) and a lead over the runner-up, or, for a
 * misspelt road, a wide lead: a slip that lands near two real roads goes to the operator.
 */
const EXACT_SCORE = 0.95;
const EXACT_MARGIN = 0.12;
const FUZZY_SCORE = 0.6;
const FUZZY_MARGIN = 0.3;

const candidateOf = (a: AddressColumns, score: number): GeocodeCandidate => ({ addressId: a.id, text: a.text, location: { lon: a.lon, lat: a.lat }, gridId: a.gridId, score });

export class AddressIndex {
  private readonly byRoad = new Map<string, Map<number, AddressColumns[]>>();
  private readonly roadNames: string[];
  /** Road names by each character of their core: a road sharing no character is never alike. */
  private readonly roadsByChar = new Map<string, string[]>();
  /** Pinyin of each road name, built lazily: only a seat typing Latin letters needs it. */
  private roadPinyin: Map<string, PinyinKeys> | null = null;
  readonly size: number;

  /** `prefixes`: the town's administrative names as adminPrefixes gives them, stripped before a road is looked for. */
  constructor(
    rows: readonly AddressColumns[],
    private readonly prefixes: readonly string[],
  ) {
    for (const row of rows) {
      let numbers = this.byRoad.get(row.road);
      if (!numbers) this.byRoad.set(row.road, (numbers = new Map()));
      const at = numbers.get(row.number);
      if (at) at.push(row);
      else numbers.set(row.number, [row]);
    }
    this.roadNames = [...this.byRoad.keys()].sort();
    for (const road of this.roadNames) {
      for (const c of new Set(roadCore(road))) {
        const list = this.roadsByChar.get(c);
        if (list) list.push(road);
        else this.roadsByChar.set(c, [road]);
      }
    }
    this.size = rows.length;
  }

  /** Roads that may be the one written, most alike first. */
  private roadsLike(written: string): Array<{ road: string; similarity: number }> {
    const found: Array<{ road: string; similarity: number }> = [];
    const sharing = new Set<string>();
    for (const c of roadCore(written)) for (const road of this.roadsByChar.get(c) ?? []) sharing.add(road);
    for (const road of sharing) {
      const similarity = roadSimilarity(written, road);
      if (similarity >= ROAD_FLOOR) found.push({ road, similarity });
    }
    found.sort((a, b) => b.similarity - a.similarity || a.road.localeCompare(b.road));
    // Twelve, and every road as alike as the twelfth: a cut inside a tie would keep one of
    // two equally likely roads by its name and let it match alone.
    const floor = found[ROADS_CONSIDERED - 1]?.similarity ?? 0;
    return found.filter((r, i) => i < ROADS_CONSIDERED || r.similarity >= floor);
  }

  /** Roads whose pinyin initials (zhl) or run of syllables (zhenhua) start with `typed`; initials first. */
  private roadsByPinyin(typed: string): Array<{ road: string; similarity: number }> {
    this.roadPinyin ??= new Map(this.roadNames.map((road) => [road, pinyinKeys(road)]));
    const byInitials: string[] = [];
    const byFull: string[] = [];
    for (const [road, keys] of this.roadPinyin) {
      const how = pinyinMatches(keys, typed);
      if (how === 'initials') byInitials.push(road);
      else if (how === 'full') byFull.push(road);
    }
    // Shorter names first: the letters typed cover more of them, so they are likelier meant.
    const order = (a: string, b: string) => a.length - b.length || a.localeCompare(b);
    return [...byInitials.sort(order), ...byFull.sort(order)].map((road) => ({ road, similarity: 1 }));
  }

  /** The best address on one road for the parsed parts, scaled by how alike the road is. */
  private onRoad(road: string, similarity: number, parsed: ParsedAddress): GeocodeCandidate | null {
    const numbers = this.byRoad.get(road);
    if (!numbers || parsed.number === null) return null;
    const rows = numbers.get(parsed.number);
    if (!rows) return null;
    const plate = rows.find((r) => r.building === null) ?? rows[0]!;
    if (parsed.building === null) return candidateOf(plate, similarity * (parsed.unit === null ? 1 : 0.9));
    const inBuilding = rows.filter((r) => r.building === parsed.building);
    if (!inBuilding.length) return candidateOf(plate, similarity * 0.8);
    if (parsed.unit !== null) {
      const exact = inBuilding.find((r) => r.unit === parsed.unit);
      return exact ? candidateOf(exact, similarity) : this.building(road, parsed.number, parsed.building, inBuilding, similarity * 0.9);
    }
    // The building is named without its unit: its units lie within metres, so the building is the answer.
    return this.building(road, parsed.number, parsed.building, inBuilding, similarity);
  }

  private building(road: string, number: number, building: number, units: AddressColumns[], score: number): GeocodeCandidate {
    if (units.length === 1) return candidateOf(units[0]!, score);
    const lon = units.reduce((sum, u) => sum + u.lon, 0) / units.length;
    const lat = units.reduce((sum, u) => sum + u.lat, 0) / units.length;
    return { addressId: null, text: standardAddressText({ road, number, building }), location: { lon, lat }, gridId: units[0]!.gridId, score };
  }

  geocode(text: string, limit = 5): GeocodeResult {
    const parsed = parseAddress(text, this.prefixes);
    if (!parsed.road || parsed.number === null) return { status: 'unresolved', match: null, candidates: [], parsed };
    // The common case: the road as written holds the address as written.
    const exact = this.onRoad(parsed.road, 1, parsed);
    if (exact?.score === 1) return { status: 'matched', match: exact, candidates: [exact], parsed };
    const roads = this.roadsLike(parsed.road);
    // A misspelling can produce another real name: the named road is one candidate among the alike.
    if (this.byRoad.has(parsed.road) && !roads.some((r) => r.road === parsed.road)) roads.unshift({ road: parsed.road, similarity: 1 });
    const candidates: GeocodeCandidate[] = [];
    for (const { road, similarity } of roads) {
      const found = this.onRoad(road, similarity, parsed);
      if (found) candidates.push(found);
    }
    candidates.sort((a, b) => b.score - a.score || a.text.localeCompare(b.text));
    const best = candidates[0];
    const second = candidates[1];
    const lead = best ? best.score - (second?.score ?? 0) : 0;
    const clear = !!best && ((best.score >= EXACT_SCORE && lead >= EXACT_MARGIN) || (best.score >= FUZZY_SCORE && lead >= FUZZY_MARGIN));
    const status: GeocodeStatus = clear ? 'matched' : candidates.length ? 'ambiguous' : 'unresolved';
    return { status, match: clear ? best : null, candidates: candidates.slice(0, limit), parsed };
  }

  /**
   * Autocomplete for the seat: what was typed so far, as a road prefix (or a close road, or the
   * road's pinyin: zhl88 → 振华路 88 号) and a number prefix. Roads first when no number is typed yet.
   */
  suggest(typed: string, limit = 10): GeocodeCandidate[] {
    const parsed = parseAddress(typed, this.prefixes);
    const written = parsed.road ?? parsed.normalized;
    if (!written) return [];
    const starts = this.roadNames.filter((r) => r.startsWith(written));
    const roads = starts.length
      ? starts.map((road) => ({ road, similarity: 1 }))
      : isPinyinQuery(written)
        ? this.roadsByPinyin(written)
        : this.roadsLike(written);
    const out: GeocodeCandidate[] = [];
    for (const { road, similarity } of roads) {
      const numbers = this.byRoad.get(road)!;
      const keys = [...numbers.keys()].sort((a, b) => a - b);
      if (parsed.number === null) {
        const first = numbers.get(keys[0]!)!;
        out.push({ ...candidateOf(first.find((r) => r.building === null) ?? first[0]!, similarity), text: road });
      } else {
        const typedNumber = String(parsed.number);
        for (const n of keys) {
          if (!String(n).startsWith(typedNumber)) continue;
          for (const row of numbers.get(n)!) {
            if (parsed.building !== null && row.building !== parsed.building) continue;
            if (parsed.building === null && row.building !== null) continue;
            out.push(candidateOf(row, similarity));
            if (out.length >= limit) return out;
          }
        }
      }
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  }
}
