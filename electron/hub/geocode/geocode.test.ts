import { beforeAll, describe, expect, it } from 'vitest';
import { generateTown } from '../town/generate';
import { measureAccuracy } from './accuracy';
import { adminPrefixes } from '../../../shared/geo/address';
import { addressColumns, type AddressColumns, type TownAdmin } from '../../../shared/town';
import { AddressIndex } from './address-index';
import { geocodeCases, PERTURBATIONS } from './perturb';

let rows: AddressColumns[];
let index: AddressIndex;
let admin: TownAdmin | undefined;

beforeAll(() => {
  // The demo town itself (seed 1, 60,000 addresses): the accuracy figure is about the real thing.
  const town = generateTown(1);
  rows = town.addresses.map(addressColumns);
  admin = town.admin;
  index = new AddressIndex(rows, adminPrefixes(admin));
});

describe('geocoding the demo town', () => {
  it('finds the right address first for ≥ 95% of perturbed addresses, and never locates one wrongly on its own', () => {
    const report = measureAccuracy(index, geocodeCases(rows, admin, 2_000, 11));
    expect(report.top1).toBeGreaterThanOrEqual(0.95);
    expect(report.wrongMatches).toBe(0);
    for (const kind of PERTURBATIONS) if (kind !== 'typo' && kind !== 'noSuffix') expect(report.byKind[kind], kind).toBe(1);
  });

  it('gives the operator candidates, not a guess, when a typo fits two roads', () => {
    const road = rows.find((r) => r.road === '振华路')!;
    const result = index.geocode(`振化路${road.number}号`);
    expect(result.candidates[0]?.text).toContain('号');
    if (result.status === 'matched') expect(result.match!.text).toBe(road.text);
  });

  it('answers a building named without its unit with the building, and nothing for a crossing', () => {
    const unit = rows.find((r) => r.unit === 2)!;
    const result = index.geocode(`${unit.road}${unit.number}号${unit.building}幢`);
    expect(result.status).toBe('matched');
    expect(result.match!.text).toBe(`${unit.road} ${unit.number} 号 ${unit.building} 幢`);
    expect(index.geocode('振华路与古墩路交叉口').status).toBe('unresolved');
  });

  it('suggests roads, then numbers, as the seat types', () => {
    expect(index.suggest('振华').map((s) => s.text)).toContain('振华路');
    const numbers = index.suggest('振华路1', 5);
    expect(numbers.length).toBe(5);
    for (const s of numbers) expect(s.text).toMatch(/^振华路 1\d* 号/);
  });

  it('suggests roads from pinyin initials or syllables typed without an input method', () => {
    expect(index.suggest('zhl').map((s) => s.text)).toContain('振华路');
    expect(index.suggest('zhenhua').map((s) => s.text)).toContain('振华路');
    const road = rows.find((r) => r.road === '振华路' && r.building === null)!;
    const numbers = index.suggest(`zhl${road.number}`, 20);
    expect(numbers.map((s) => s.text)).toContain(road.text);
    for (const s of numbers) expect(s.text).toMatch(new RegExp(`^\\S+ ${road.number}\\d* 号`));
    expect(index.suggest('qqqq')).toEqual([]);
  });
});
