// A year of the town's incidents that never happened, with the shape of ones that did:
// hour-of-week rhythm, hotspots, a realistic mix of categories and channels, the same event
// reported again from another channel, and lifecycle times. The generator knows which
// reports are one event, so dedupe can be measured against the truth.
import type { Channel, LonLat, Priority } from '../../../shared/domain';
import { degreesAround } from '../../../shared/geo/distance';
import { townHour, townWeekday } from '../../../shared/time';
import type { Address, Department, Place, Town } from '../../../shared/town';
import { leadFor } from '../../../shared/dispatch/lead';
import { drawCategory, drawChannel, drawPriority, exponential, gaussian, PLACE_CATEGORIES } from './incident-mix';
import { Random } from './random';
import { wordReport } from './report-texts';

export interface HistoryOptions {
  days: number;
  /** The history ends here (exclusive). */
  end: Date;
  /** Mean events per day. */
  perDay: number;
}

export interface HistoricalReport {
  eventId: number;
  /** 0 for the report that opened the event, 1… for the same event reported again. */
  nth: number;
  channel: Channel;
  category: string;
  receivedAt: string;
  title: string;
  description: string;
  location: LonLat;
  address: string;
  reporter: { name: string; phone: string };
}

export interface HistoricalEvent {
  id: number;
  category: string;
  priority: Priority;
  lead: Department;
  location: LonLat;
  gridId: string;
  placeId: string | null;
  startedAt: string;
  /** Minutes after the first report; null where the step never happened. */
  steps: { triage: number; dispatch: number | null; accept: number | null; arrive: number | null; feedback: number | null; resolve: number | null; close: number | null; cancel: number | null };
  settledOnSpot: boolean;
  rating: number | null;
}

export interface History {
  events: HistoricalEvent[];
  /** Every report, in the order they arrived. */
  reports: HistoricalReport[];
}

/** Relative activity by hour of day: quiet at night, morning and afternoon peaks. */
const HOURLY = [0.25, 0.15, 0.1, 0.08, 0.08, 0.15, 0.4, 0.8, 1.2, 1.5, 1.5, 1.3, 1.0, 1.1, 1.4, 1.5, 1.4, 1.3, 1.1, 1.0, 0.9, 0.8, 0.6, 0.4];
const HOUR_BOOST: Record<string, (hour: number) => number> = {
  noise: (h) => (h >= 20 || h < 2 ? 3 : 0.7),
  streetVending: (h) => (h >= 6 && h <= 9 ? 2.5 : h >= 17 && h <= 22 ? 2 : 0.6),
  trafficAccident: (h) => (h >= 7 && h <= 9 ? 2 : h >= 17 && h <= 19 ? 2 : 1),
  publicOrder: (h) => (h >= 21 || h < 3 ? 2.5 : 0.8),
};
/** Sunday first, as townWeekday counts (shared/time.ts). */
const WEEKDAY = [0.8, 1.05, 1.05, 1.0, 1.0, 1.1, 0.85];

const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'];
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华红玉兰建国志峰鹏辉亮婷雪琳'];

function jitter(random: Random, at: LonLat, meters: number): LonLat {
  const { dLon, dLat } = degreesAround(at.lat, meters);
  return { lon: at.lon + gaussian(random) * dLon, lat: at.lat + gaussian(random) * dLat };
}

const round6 = (n: number) => Math.round(n * 1e6) / 1e6;

function person(random: Random): { name: string; phone: string } {
  const name = random.pick(SURNAMES) + random.pick(GIVEN) + (random.chance(0.6) ? random.pick(GIVEN) : '');
  const phone = `1${random.pick(['3', '5', '7', '8', '9'])}${String(random.int(0, 999_999_999)).padStart(9, '0')}`;
  return { name, phone };
}

export function generateHistory(town: Town, seed: number, options: HistoryOptions): History {
  const random = new Random(seed ^ 0x5eed);
  const grids = town.regions.filter((r) => r.level === 'grid');
  // Hotspots: a few grids see many times the town's average.
  const gridWeights = grids.map(() => (random.chance(0.12) ? random.range(3, 6) : random.range(0.4, 1.4)));
  const addressesByGrid = new Map<string, Address[]>();
  for (const address of town.addresses) addressesByGrid.set(address.gridId, [...(addressesByGrid.get(address.gridId) ?? []), address]);
  const placesByGrid = new Map<string, Place[]>();
  for (const place of town.places) placesByGrid.set(place.gridId, [...(placesByGrid.get(place.gridId) ?? []), place]);
  const addressById = new Map(town.addresses.map((a) => [a.id, a]));

  const events: HistoricalEvent[] = [];
  const reports: HistoricalReport[] = [];
  const start = options.end.getTime() - options.days * 86_400_000;
  for (let hourStart = start; hourStart < options.end.getTime(); hourStart += 3_600_000) {
    const hour = townHour(hourStart);
    const expected = (options.perDay / 24) * (HOURLY[hour]! / (HOURLY.reduce((a, b) => a + b) / 24)) * WEEKDAY[townWeekday(hourStart)]!;
    // Poisson by inversion: small means, so this stays cheap.
    let count = 0;
    for (let p = Math.exp(-expected), s = p, u = random.next(); u > s; count++) {
      p *= expected / (count + 1);
      s += p;
    }
    for (let k = 0; k < count; k++) {
      let category = drawCategory(random);
      // Some categories crowd into their hours: redraw the rest of the time.
      const boost = HOUR_BOOST[category]?.(hour) ?? 1;
      if (boost < 1 && !random.chance(boost)) category = drawCategory(random);
      const gridIndex = random.weighted(gridWeights);
      const grid = grids[gridIndex]!;
      const usesPlace = PLACE_CATEGORIES.has(category);
      const place = usesPlace ? (placesByGrid.get(grid.id)?.length ? random.pick(placesByGrid.get(grid.id)!) : null) : null;
      const address = (place?.addressId ? addressById.get(place.addressId) : undefined) ?? random.pick(addressesByGrid.get(grid.id) ?? town.addresses);
      const at = new Date(hourStart + random.next() * 3_600_000);
      const priority = drawPriority(random, category);
      const serious = priority === 'P1' || priority === 'P2';
      const cancelled = random.chance(0.03);
      const settledOnSpot = !cancelled && (category === 'neighbourDispute' || category === 'other') && random.chance(0.4);
      const triage = random.range(1, serious ? 4 : 15);
      const dispatch = cancelled || settledOnSpot ? null : triage + random.range(1, serious ? 6 : 50);
      const accept = dispatch === null ? null : dispatch + random.range(1, serious ? 4 : 30);
      const arrive = accept === null ? null : accept + random.range(3, serious ? 15 : 90);
      const feedback = cancelled ? null : (arrive ?? triage) + random.range(5, category === 'illegalConstruction' ? 4_000 : 600);
      const resolve = feedback === null ? null : feedback + random.range(1, 60);
      const close = resolve === null ? null : resolve + random.range(10, 1_500);
      const event: HistoricalEvent = {
        id: events.length,
        category,
        priority,
        lead: leadFor(category),
        location: { lon: round6(address.location.lon), lat: round6(address.location.lat) },
        gridId: address.gridId,
        placeId: place?.id ?? null,
        startedAt: at.toISOString(),
        steps: { triage, dispatch, accept, arrive, feedback, resolve, close, cancel: cancelled ? triage + random.range(1, 20) : null },
        settledOnSpot,
        rating: close === null ? null : random.weighted([0.03, 0.05, 0.12, 0.35, 0.45]) + 1,
      };
      events.push(event);
      // The same event again from other channels: ~12% twice, ~3% three times.
      const copies = random.chance(0.12) ? (random.chance(0.25) ? 2 : 1) : 0;
      const firstVariant = random.int(0, 5);
      const caller = person(random);
      const where = { address: address.text, road: address.road, number: address.number };
      let when = at.getTime();
      let channel = drawChannel(random, category);
      for (let nth = 0; nth <= copies; nth++) {
        if (nth > 0) {
          when += Math.min(6 * 3_600_000, exponential(random, 40) * 60_000 + 60_000);
          channel = drawChannel(random, category, channel);
        }
        const words = wordReport(random, channel, category, where, nth === 0 ? firstVariant : firstVariant + random.int(1, 5));
        // GPS of a phone or a patrol: tens of metres off; the first report is geocoded from its address.
        const location = nth === 0 ? event.location : jitter(random, event.location, 35);
        const sameCaller = nth > 0 && random.chance(0.15);
        reports.push({
          eventId: event.id,
          nth,
          channel,
          category,
          receivedAt: new Date(when).toISOString(),
          title: words.title,
          description: words.description,
          location: { lon: round6(location.lon), lat: round6(location.lat) },
          address: address.text,
          reporter: sameCaller ? caller : person(random),
        });
      }
    }
  }
  reports.sort((a, b) => (a.receivedAt < b.receivedAt ? -1 : a.receivedAt > b.receivedAt ? 1 : 0));
  return { events, reports };
}
