import { beforeAll, describe, expect, it } from 'vitest';
import { adminPrefixes } from '../../../shared/geo/address';
import { addressColumns, type AddressColumns, type Town, type TownAdmin } from '../../../shared/town';
import type { Store } from '../store/store';
import { testStores } from '../store/store.fixture';
import { readTownFiles } from '../town/folder';
import { generateTown } from '../town/generate';
import { DEMO_ADMIN, MAIN_ROADS } from '../town/names';
import { serializeTown } from '../town/serialize';
import { measureAccuracy, type AccuracyReport } from './accuracy';
import { AddressIndex } from './address-index';
import { Geocoder } from './geocoder';
import { geocodeCases } from './perturb';

// A town in another province goes through the path a real one takes: its folder with a
// town.json naming 江苏省南京市江宁区秣陵街道 and its communities, the import into a store, and
// the hub's Geocoder built from that store. Its accuracy is measured beside the demo town's
// on the same cases drawn the same way.

const NANJING_TOWN_JSON = {
  admin: {
    province: '江苏省',
    city: '南京市',
    district: '江宁区',
    town: { name: '秣陵街道', aliases: ['秣陵镇'] },
    communities: ['殷巷社区', '将军山社区', '佛城社区', '天元社区', '蒋家社区'],
  },
};

/**
 * Arterial roads of 江宁 in place of the demo's; 殷巷路 and 秣陵路 share a name with a community
 * and the town, which must not be stripped from them.
 */
const NANJING_ROADS = [
  '双龙大道', '胜太路', '天元中路', '天元东路', '将军大道', '诚信大道', '秣周东路', '殷巷路', '清水亭西路',
  '佛城西路', '苏源大道', '利源中路', '金阳街', '竹山路', '上元大街', '格致路', '秣陵路', '蒋家路',
];

function inNanjing(demo: Town): Town {
  const renamed = new Map(MAIN_ROADS.map((road, i) => [road, NANJING_ROADS[i]!]));
  const rename = (road: string) => renamed.get(road) ?? road;
  const { admin: _, ...town } = structuredClone(demo);
  for (const a of town.addresses) {
    const road = rename(a.road);
    a.text = road + a.text.slice(a.road.length);
    a.road = road;
  }
  for (const r of town.basemap.roads) r.name = rename(r.name);
  return town;
}

const SIZE = { addresses: 20_000, enterprises: 400, sites: 20 };
const CASES = 5_000;
const openStore = testStores('other-province', { closeAfter: 'all' });
/** The store as the Geocoder reads it from the store thread, without the thread. */
const asClient = (store: Store) => ({ intake: { addressRows: async () => store.intake.addressRows() }, town: { meta: async () => store.town.meta() } });

let demo: AccuracyReport;
let nanjing: AccuracyReport;
let nanjingRows: AddressColumns[];
let nanjingAdmin: TownAdmin | undefined;
let geocoder: Geocoder;

beforeAll(async () => {
  const demoTown = generateTown(1, SIZE);
  const demoRows = demoTown.addresses.map(addressColumns);
  demo = measureAccuracy(new AddressIndex(demoRows, adminPrefixes(demoTown.admin)), geocodeCases(demoRows, demoTown.admin, CASES, 11));

  const read = readTownFiles({ ...serializeTown(inNanjing(demoTown)), 'town.json': JSON.stringify(NANJING_TOWN_JSON) }, 'wgs84');
  if (!read.ok) throw new Error(JSON.stringify(read.issues.slice(0, 3)));
  const store = openStore();
  store.write.importTown(read.town, 'nanjing', 'wgs84', { userId: 'system', role: 'system' });
  geocoder = await Geocoder.start(asClient(store));
  nanjingAdmin = store.town.meta()?.admin ?? undefined;
  nanjingRows = store.intake.addressRows();
  nanjing = measureAccuracy(geocoder, geocodeCases(nanjingRows, nanjingAdmin, CASES, 11));
}, 60_000);

describe('a town in another province', () => {
  it('geocodes its addresses, written with its own province, city, district and town, as well as the demo town', () => {
    expect(nanjing.top1).toBeGreaterThanOrEqual(0.95);
    expect(nanjing.top1).toBeGreaterThanOrEqual(demo.top1 - 0.01);
    expect(nanjing.wrongMatches).toBe(0);
    expect(nanjing.byKind.prefix).toBe(1);
    expect(nanjing.byKind.mixed).toBe(1);
  });

  it('strips the names its town.json gives, and keeps roads named after them', () => {
    const on = (road: string) => nanjingRows.find((r) => r.road === road && r.building === null)!;
    const yinxiang = on('殷巷路');
    expect(geocoder.geocode(`江苏南京江宁区秣陵镇殷巷社区殷巷路${yinxiang.number}号`)?.match?.addressId).toBe(yinxiang.id);
    const moling = on('秣陵路');
    expect(geocoder.geocode(`南京市 江宁区 秣陵街道 秣陵路${moling.number}号`)?.match?.addressId).toBe(moling.id);
  });

  it('does not know the demo province: the names come from the town, not the code', () => {
    const withDemoNames = new AddressIndex(nanjingRows, adminPrefixes(DEMO_ADMIN));
    const report = measureAccuracy(withDemoNames, geocodeCases(nanjingRows, nanjingAdmin, 500, 11));
    expect(report.byKind.prefix).toBeLessThan(0.5);
  });
});
