// Chinese street addresses as people type them, brought to one form the address database
// can be matched against: 浙江省杭州市西湖区三墩镇振华路八十八號３栋2单元 → road 振华路,
// number 88, building 3, unit 2, once the town's administrative names (town.json) are known.
// Pure string work; the matcher lives in the hub.
import type { AdminName, TownAdmin } from '../town';

export interface ParsedAddress {
  /** The normalised text the parts were read from. */
  normalized: string;
  /** The road as written (may be misspelt or lack its 路/街 suffix); null when none was found. */
  road: string | null;
  number: number | null;
  building: number | null;
  unit: number | null;
  room: number | null;
}

/** Written before any town's names, whatever its province. */
const COUNTRY = ['中华人民共和国', '中国'];
/**
 * The suffix each level's name ends in, longest first: 江苏省 is also written 江苏, 秣陵街道 秣陵.
 * The short form is only taken when two characters or more are left (a 区 named 东区 keeps its name).
 */
const LEVEL_SUFFIX = /(?:特别行政区|自治区|自治州|自治县|街道办事处|街道|社区|居委会|村委会|省|市|区|县|旗|镇|乡|村)$/u;

function forms(name: AdminName): string[] {
  const bare = name.name.replace(LEVEL_SUFFIX, '');
  const short = bare !== name.name && [...bare].length >= 2 ? [bare] : [];
  // Longer forms first, so 三墩镇 goes before 三墩 could leave 镇 behind.
  return [...new Set([name.name, ...name.aliases, ...short])].sort((a, b) => b.length - a.length);
}

/**
 * What an address in the town may start with, outermost first (the country, then the town's
 * province, city, district, town and communities, each in its full and short forms). A bare
 * name (三墩, 西湖) is only stripped when what follows is not a road suffix: 三墩路 and 西湖大道
 * are roads. Without the town's names only the country is known.
 */
export function adminPrefixes(admin?: TownAdmin): readonly string[] {
  if (!admin) return COUNTRY;
  return [...COUNTRY, ...townAndAbove(admin), ...admin.communities.flatMap(forms)];
}

/** Every form of the town's name and of the province, city and district holding it: what an alert covering the whole town names. */
export function townAndAbove(admin: TownAdmin): string[] {
  return [admin.province, admin.city, admin.district, admin.town].flatMap((level) => (level ? forms(level) : []));
}

/**
 * What follows a bare name when the name is part of a road's: a road's kind (三墩路, 西湖大道),
 * after one character (三墩北路, 佛城溪路 misspelt for 佛城西路: a road is rarely named by one
 * character), or a quarter of the compass and the number with the kind left out (天元中101号
 * is 天元中路 101 号, not 中 in 天元).
 */
const ROAD_SUFFIX = /^(?:\D?(?:路|街|大街|大道|道|巷|弄|港|河|桥)|[东西南北中]\d)/;

const DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNIT_OF: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const NUMERAL_CHAR = '[零〇一二两三四五六七八九十百千]';
const NUMERAL = `${NUMERAL_CHAR}+`;
/** Markers a house, building, unit or room number stands before; numerals elsewhere are part of names (文一西路). */
const MARKER = '(?:号楼|號|号|幢|栋|棟|座|楼|单元|單元|室|层|弄|-)';

/** 八十八 → 88, 一百零五 → 105, 二五 → 25 (digit by digit when there is no 十/百/千). */
export function chineseNumeral(text: string): number | null {
  if (!text || !new RegExp(`^${NUMERAL}$`).test(text)) return null;
  if (![...text].some((c) => c in UNIT_OF)) return Number([...text].map((c) => DIGIT[c]).join(''));
  let total = 0;
  let digit: number | null = null;
  for (const c of text) {
    if (c in DIGIT) digit = DIGIT[c]!;
    else {
      total += (digit ?? 1) * UNIT_OF[c]!;
      digit = null;
    }
  }
  return total + (digit ?? 0);
}

/** Full-width to half-width, traditional forms of the markers, no spaces, the town's admin prefixes (adminPrefixes) gone. */
export function normalizeAddress(text: string, prefixes: readonly string[]): string {
  let s = text.normalize('NFKC').replace(/[\s\u3000]+/g, '');
  s = s.replace(/號/g, '号').replace(/棟/g, '栋').replace(/單元/g, '单元').replace(/[—–－]/g, '-');
  // A run is tried only from its first character, so a long run with no marker after it is
  // scanned once, not once per character.
  s = s.replace(new RegExp(`(?<!${NUMERAL_CHAR})第?(${NUMERAL})(?=${MARKER})`, 'g'), (whole, numeral: string) => String(chineseNumeral(numeral) ?? whole));
  s = s.replace(/第(\d+)/g, '$1');
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of prefixes) {
      const rest = s.slice(prefix.length);
      // 三墩130号 names no road once 三墩 is gone: keep it, the road may be 三墩路. A name with
      // its level (秣陵街道, 三墩镇) is never a road's, whatever follows: 秣陵街道桥畈街.
      const bare = !LEVEL_SUFFIX.test(prefix);
      if (s.startsWith(prefix) && rest && !(bare && ROAD_SUFFIX.test(rest)) && !/^\d/.test(rest)) {
        s = s.slice(prefix.length);
        changed = true;
      }
    }
  }
  return s;
}

const PATTERN = new RegExp(
  [
    // The road is everything before the first digit; each later part starts where the one
    // before it stopped (no digit follows a digit run), so no two quantifiers share a digit.
    '^(?<road>\\D*)',
    '(?<number>\\d+)(?!\\d)(?:号(?!楼))?',
    // 3幢 / 3栋 / 3座 / 3号楼 / 3楼 (a building when a unit or nothing follows), or 88-3-2.
    '(?:-?(?<building>\\d+)(?!\\d)(?:幢|栋|座|号楼|楼|(?=-)))?',
    '(?:-?(?<unit>\\d+)(?!\\d)(?:单元|单|(?=-)|$))?',
    '(?:-?(?<room>\\d+)室?)?',
  ].join(''),
);

/** Reads road, number, building, unit and room from free text; parts not found are null. */
export function parseAddress(text: string, prefixes: readonly string[]): ParsedAddress {
  const normalized = normalizeAddress(text, prefixes);
  const found = PATTERN.exec(normalized);
  const num = (value: string | undefined) => (value === undefined ? null : Number(value));
  if (!found?.groups) return { normalized, road: normalized || null, number: null, building: null, unit: null, room: null };
  const g = found.groups;
  let unit = num(g.unit);
  let room = num(g.room);
  // 3幢201: a bare three-digit number after the building is a room, not a unit.
  if (unit !== null && unit >= 100 && room === null && !normalized.includes(`${unit}单`)) [unit, room] = [null, unit];
  return { normalized, road: g.road || null, number: num(g.number), building: num(g.building), unit, room };
}

/** The address database's own form: 振华路 88 号 3 幢 2 单元. */
export function standardAddressText(parts: { road: string; number: number; building?: number | null; unit?: number | null }): string {
  let text = `${parts.road} ${parts.number} 号`;
  if (parts.building != null) text += ` ${parts.building} 幢`;
  if (parts.unit != null) text += ` ${parts.unit} 单元`;
  return text;
}

const ROAD_TAIL = /(?:大道|路|街|道|巷|弄)$/;

/** A road's name without its kind: 振华路 → 振华, 西湖大道 → 西湖. */
export function roadCore(road: string): string {
  const core = road.replace(ROAD_TAIL, '');
  return core || road;
}

function bigrams(text: string): string[] {
  const padded = `^${text}$`;
  const grams: string[] = [];
  for (let i = 0; i < padded.length - 1; i++) grams.push(padded.slice(i, i + 2));
  return grams;
}

/** Dice coefficient over character bigrams (with start/end marks, so two-character names count). */
export function bigramSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const ga = bigrams(a);
  const gb = bigrams(b);
  const pool = new Map<string, number>();
  for (const g of gb) pool.set(g, (pool.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of ga) {
    const left = pool.get(g) ?? 0;
    if (left > 0) {
      common++;
      pool.set(g, left - 1);
    }
  }
  return (2 * common) / (ga.length + gb.length);
}

/** Levenshtein distance; road names are a handful of characters, so the simple table is fine. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/**
 * How alike a written road is to a database road, 0–1. Names are compared without their
 * 路/街 suffix (people drop it), a differing written suffix costs a little, and a one-character
 * typo in a three-character name still scores about 0.67.
 */
export function roadSimilarity(written: string, known: string): number {
  const b = roadCore(known);
  // 殷巷 for 殷巷路: the name written without its kind, though it ends like one.
  if (written === known || written === b) return 1;
  const a = roadCore(written);
  const longest = Math.max(a.length, b.length);
  const edit = longest ? 1 - editDistance(a, b) / longest : 0;
  const score = Math.max(edit, bigramSimilarity(a, b));
  const writtenSuffix = written.slice(a.length);
  const knownSuffix = known.slice(b.length);
  if (!writtenSuffix) return score;
  if (writtenSuffix !== knownSuffix) return score * 0.9;
  // Same suffix: it is evidence too (振化路 is nearer 振华路 than 振化 is to 振华).
  return Math.max(score, 1 - editDistance(written, known) / Math.max(written.length, known.length));
}
