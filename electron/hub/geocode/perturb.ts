// A test set for the geocoder: addresses of a town written the ways people write them, its
// own administrative names in front. Each case knows its true address, so top-1 accuracy is
// measured, not guessed.
import { roadCore } from '../../../shared/geo/address';
import { Random } from '../town/random';
import type { AddressColumns, AdminName, TownAdmin } from '../../../shared/town';

export const PERTURBATIONS = ['standard', 'prefix', 'numerals', 'fullWidth', 'buildingSynonym', 'dashForm', 'missingUnit', 'noSuffix', 'typo', 'mixed'] as const;
export type Perturbation = (typeof PERTURBATIONS)[number];

export interface GeocodeCase {
  kind: Perturbation;
  text: string;
  truth: AddressColumns;
  /** Missing unit: the building is all anyone could know, so the building is what must match. */
  level: 'unit' | 'building';
}

/** 江苏省 → 江苏: how people shorten a name when they write it at all. */
const shortOf = (n: AdminName | undefined) => n?.name.replace(/(?:街道|省|市|区|县|镇|乡)$/u, '') ?? '';
const nameOf = (n: AdminName | undefined) => n?.name ?? '';

/**
 * What people put before the road, from the town's own names: the whole chain, parts of it,
 * short forms, spaced out, a community. The demo town's gives 浙江省杭州市西湖区三墩镇,
 * 杭州市西湖区, 浙江杭州, 三墩镇振华社区 and the like.
 */
function writtenPrefixes(admin: TownAdmin | undefined): string[] {
  if (!admin) return [''];
  const { province, city, district, town } = admin;
  const found = [
    [province, city, district, town].map(nameOf).join(''),
    nameOf(city) + nameOf(district),
    nameOf(district) + nameOf(town),
    shortOf(province) + shortOf(city),
    `${[city, district, town].map(nameOf).join(' ')} `,
    nameOf(town),
    ...admin.communities.slice(0, 3).map((c) => nameOf(town) + nameOf(c)),
  ];
  return [...new Set(found.filter((p) => p.trim()))];
}
const DIGITS = '零一二三四五六七八九';
/** Characters a slip of the keyboard or of the ear puts into a road name. */
const TYPO_POOL = '华化花兴新星金经今港岗刚塘堂唐溪西喜桥乔巧园元源路鹿林临';

export function chineseOf(n: number): string {
  if (n < 10) return DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  return [...String(n)].map((d) => DIGITS[Number(d)]).join('');
}

const fullWidth = (text: string) => text.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));

function parts(a: AddressColumns, options: { road?: string; num?: (n: number) => string; building?: string; spaces?: boolean } = {}): string {
  const num = options.num ?? String;
  const sep = options.spaces ? ' ' : '';
  let text = `${options.road ?? a.road}${sep}${num(a.number)}${sep}号`;
  if (a.building !== null) text += `${sep}${num(a.building)}${sep}${options.building ?? '幢'}`;
  if (a.unit !== null) text += `${sep}${num(a.unit)}${sep}单元`;
  return text;
}

/** A one-character slip in the road's name that is not itself another road's name. */
function typo(road: string, rng: Random, roads: ReadonlySet<string>): string {
  const core = roadCore(road);
  const suffix = road.slice(core.length);
  for (let attempt = 0; attempt < 20; attempt++) {
    const at = rng.int(0, core.length - 1);
    const chars = [...core];
    if (chars.length >= 3 && rng.next() < 0.3) chars.splice(at, 1);
    else chars[at] = rng.pick([...TYPO_POOL]);
    const written = chars.join('') + suffix;
    if (written !== road && !roads.has(written)) return written;
  }
  return road;
}

function write(kind: Perturbation, a: AddressColumns, rng: Random, roads: ReadonlySet<string>, prefixes: readonly string[]): string {
  switch (kind) {
    case 'standard':
      return a.text;
    case 'prefix':
      return rng.pick(prefixes) + (rng.next() < 0.5 ? a.text : parts(a));
    case 'numerals':
      return parts(a, { num: chineseOf });
    case 'fullWidth':
      return fullWidth(parts(a, { spaces: rng.next() < 0.5 }));
    case 'buildingSynonym':
      return parts(a, { building: rng.pick(['栋', '座', '号楼']) });
    case 'dashForm':
      return [`${a.road}${a.number}`, ...(a.building !== null ? [a.building] : []), ...(a.unit !== null ? [a.unit] : [])].join('-');
    case 'missingUnit':
      return parts({ ...a, unit: null });
    case 'noSuffix':
      return parts(a, { road: roadCore(a.road) });
    case 'typo':
      return parts(a, { road: typo(a.road, rng, roads) });
    case 'mixed':
      return `${rng.pick(prefixes)}${fullWidth(parts(a, { num: rng.next() < 0.5 ? chineseOf : String, building: rng.pick(['栋', '幢', '号楼']), spaces: true }))}`;
  }
}

/** `count` cases spread evenly over the perturbations, on addresses drawn with `seed`, prefixed with the names of `admin`. */
export function geocodeCases(addresses: readonly AddressColumns[], admin: TownAdmin | undefined, count: number, seed = 7): GeocodeCase[] {
  const rng = new Random(seed);
  const roads = new Set(addresses.map((a) => a.road));
  const prefixes = writtenPrefixes(admin);
  const cases: GeocodeCase[] = [];
  for (let i = 0; i < count; i++) {
    const kind = PERTURBATIONS[i % PERTURBATIONS.length]!;
    const truth = addresses[rng.int(0, addresses.length - 1)]!;
    const level = kind === 'missingUnit' && truth.unit !== null ? 'building' : 'unit';
    cases.push({ kind, text: write(kind, truth, rng, roads, prefixes), truth, level });
  }
  return cases;
}

/** Whether a candidate is the case's true address (or its building, for a missing unit). */
export function isCorrect(c: GeocodeCase, candidate: { addressId: string | null; text: string } | undefined): boolean {
  if (!candidate) return false;
  if (c.level === 'unit') return candidate.addressId === c.truth.id;
  return candidate.text.startsWith(`${c.truth.road} ${c.truth.number} 号 ${c.truth.building} 幢`);
}
