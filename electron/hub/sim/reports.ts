// New reports as the town would phone them in: an event (what happened, where) and each
// report of it, in the words and from the channel of whoever reported it. The first report
// is placed at a standard address (or at an enterprise or site for safety categories);
// a duplicate comes later from another channel, worded differently, a few dozen metres off.
import type { Channel, LonLat } from '../../../shared/domain';
import { degreesAround } from '../../../shared/geo/distance';
import type { CommandInput } from '../../../shared/protocol/commands';
import type { AddressSummary, PlaceSummary } from '../store/read/town';
import { mobilePhone, personName } from '../town/names';
import type { Random } from '../town/random';
import { wordReport } from '../town/report-texts';
import { drawCategory, drawChannel, gaussian, PLACE_CATEGORIES } from '../town/incident-mix';

export interface SimTownData {
  addresses: readonly AddressSummary[];
  places: readonly PlaceSummary[];
}

/** One thing that happened in the town; every report of it points here. */
export interface SimEvent {
  id: number;
  category: string;
  location: LonLat;
  address: AddressSummary;
  place: PlaceSummary | null;
  /** Wording variant of the first report; later reports pick others. */
  variant: number;
  channels: Channel[];
  /** The incident the first report opened: a later report of this event is its duplicate. */
  incidentId: string | null;
}

const CELL_DEG = 0.002;

/** Finds the standard address nearest a place, so a report at a factory names its street. */
class NearestAddress {
  private readonly cells = new Map<string, AddressSummary[]>();
  constructor(addresses: readonly AddressSummary[]) {
    for (const a of addresses) {
      const key = `${Math.floor(a.lon / CELL_DEG)}:${Math.floor(a.lat / CELL_DEG)}`;
      const list = this.cells.get(key);
      if (list) list.push(a);
      else this.cells.set(key, [a]);
    }
  }
  nearest(at: LonLat): AddressSummary | null {
    const cx = Math.floor(at.lon / CELL_DEG);
    const cy = Math.floor(at.lat / CELL_DEG);
    let best: AddressSummary | null = null;
    let bestD = Infinity;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const a of this.cells.get(`${cx + dx}:${cy + dy}`) ?? []) {
          const d = (a.lon - at.lon) ** 2 + (a.lat - at.lat) ** 2;
          if (d < bestD) {
            bestD = d;
            best = a;
          }
        }
    return best;
  }
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

function jitter(rng: Random, at: LonLat, meters: number): LonLat {
  const { dLon, dLat } = degreesAround(at.lat, meters);
  return { lon: round6(at.lon + gaussian(rng) * dLon), lat: round6(at.lat + gaussian(rng) * dLat) };
}

function reporterFor(rng: Random, channel: Channel): { name: string; phone?: string } {
  switch (channel) {
    case 'iot':
      return { name: `物联感知设备 IOT-${String(rng.int(1, 480)).padStart(4, '0')}` };
    case 'videoAi':
      return { name: `视频智能分析 CAM-${String(rng.int(1, 400)).padStart(3, '0')}` };
    case 'gridApp':
      return { name: `网格员 ${personName(rng)}`, phone: mobilePhone(rng) };
    case 'cityManagement':
      return { name: `城管信息员 ${personName(rng)}`, phone: mobilePhone(rng) };
    default:
      return { name: personName(rng), phone: mobilePhone(rng) };
  }
}

export class ReportMaker {
  private readonly index: NearestAddress;
  private readonly sites: readonly PlaceSummary[];
  private nextId = 0;

  constructor(
    private readonly town: SimTownData,
    private readonly rng: Random,
  ) {
    if (!town.addresses.length) throw new Error('the simulator needs a town with an address database');
    this.index = new NearestAddress(town.addresses);
    this.sites = town.places.filter((p) => p.kind === 'site');
  }

  newEvent(): SimEvent {
    const rng = this.rng;
    const category = drawCategory(rng);
    const place = PLACE_CATEGORIES.has(category) && this.town.places.length ? this.pickPlace(category) : null;
    const address = (place && this.index.nearest(place)) ?? rng.pick(this.town.addresses);
    const location = place ? { lon: place.lon, lat: place.lat } : { lon: address.lon, lat: address.lat };
    return { id: this.nextId++, category, location, address, place, variant: rng.int(0, 5), channels: [], incidentId: null };
  }

  private pickPlace(category: string): PlaceSummary {
    // Work-safety reports come from construction sites as often as from factories.
    if (category === 'workSafety' && this.sites.length && this.rng.chance(0.5)) return this.rng.pick(this.sites);
    return this.rng.pick(this.town.places);
  }

  /** The next report of the event: the first, or a duplicate from another channel. */
  report(event: SimEvent): CommandInput<'incident.report'> {
    const rng = this.rng;
    const nth = event.channels.length;
    const channel = drawChannel(rng, event.category, event.channels[nth - 1]);
    event.channels.push(channel);
    const where = { address: event.address.text, road: event.address.road, number: event.address.number };
    const words = wordReport(rng, channel, event.category, where, nth === 0 ? event.variant : event.variant + rng.int(1, 5));
    // A phone's or a patrol's GPS: metres off the first time, tens of metres for a second caller.
    const location = jitter(rng, event.location, nth === 0 ? 8 : 35);
    const reporter = reporterFor(rng, channel);
    return {
      channel,
      category: event.category,
      title: words.title,
      description: event.place ? `${event.place.name}：${words.description}` : words.description,
      location,
      address: event.place ? `${event.address.text}（${event.place.name}）`.slice(0, 200) : event.address.text,
      reporter,
    };
  }
}
