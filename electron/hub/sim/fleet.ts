// Units on the move: each trip follows the road graph at urban speed, and the tracker is
// told where every moving unit is whenever `step` runs (once a second). Arrival is a timer
// of its own, so it happens on time however coarse the steps are.
import type { LonLat } from '../../../shared/domain';
import { distanceMeters } from '../../../shared/geo/distance';
import type { RoadGraph } from '../../../shared/geo/roads';
import type { UnitTracker } from '../units/tracker';
import type { Cancel, SimClock } from './clock';

/** 25 km/h: what a patrol car or an e-bike makes through town traffic. */
export const TRAVEL_METERS_PER_MS = 25_000 / 3_600_000;

interface Trip {
  path: Array<[number, number]>;
  /** Metres from the start to each vertex of the path. */
  along: number[];
  start: number;
  durationMs: number;
  cancelArrival: Cancel;
}

function pointAlong(trip: Trip, meters: number): LonLat {
  const { path, along } = trip;
  if (meters <= 0) return { lon: path[0]![0], lat: path[0]![1] };
  let i = 1;
  while (i < along.length - 1 && along[i]! < meters) i++;
  const a = path[i - 1]!;
  const b = path[i]!;
  const span = along[i]! - along[i - 1]!;
  const t = span > 0 ? Math.min(1, (meters - along[i - 1]!) / span) : 1;
  return { lon: a[0] + (b[0] - a[0]) * t, lat: a[1] + (b[1] - a[1]) * t };
}

export class Fleet {
  private readonly trips = new Map<string, Trip>();

  constructor(
    private readonly clock: SimClock,
    private readonly roads: RoadGraph | null,
    private readonly tracker: UnitTracker,
    private readonly bases: ReadonlyMap<string, LonLat>,
  ) {}

  get moving(): number {
    return this.trips.size;
  }

  /** Sends a unit by road from where it is now to `to`; `arrived` runs when it gets there. Returns the trip's minutes. */
  drive(unitId: string, to: LonLat, arrived: () => void | Promise<void>): number {
    this.stop(unitId);
    const from = this.tracker.position(unitId) ?? this.bases.get(unitId) ?? to;
    const route = this.roads?.shortestPath(from, to) ?? { path: [[from.lon, from.lat] as [number, number], [to.lon, to.lat] as [number, number]], meters: distanceMeters(from, to) };
    const along = [0];
    for (let i = 1; i < route.path.length; i++) {
      const [aLon, aLat] = route.path[i - 1]!;
      const [bLon, bLat] = route.path[i]!;
      along.push(along[i - 1]! + distanceMeters({ lon: aLon, lat: aLat }, { lon: bLon, lat: bLat }));
    }
    const durationMs = along[along.length - 1]! / TRAVEL_METERS_PER_MS;
    const cancelArrival = this.clock.after(durationMs, () => {
      this.trips.delete(unitId);
      this.tracker.move(unitId, to);
      return arrived();
    });
    this.trips.set(unitId, { path: route.path, along, start: this.clock.now(), durationMs, cancelArrival });
    return durationMs / 60_000;
  }

  /** Back to base; nothing to report on arrival. */
  goHome(unitId: string): void {
    const base = this.bases.get(unitId);
    if (base) this.drive(unitId, base, () => undefined);
  }

  /** Stops a unit where it is (its trip is called off). */
  stop(unitId: string): void {
    const trip = this.trips.get(unitId);
    if (!trip) return;
    trip.cancelArrival();
    this.trips.delete(unitId);
  }

  /** Moves every travelling unit to where its trip has brought it by now. */
  step(): void {
    const now = this.clock.now();
    for (const [unitId, trip] of this.trips) {
      const done = Math.min(1, (now - trip.start) / Math.max(1, trip.durationMs));
      this.tracker.move(unitId, pointAlong(trip, done * trip.along[trip.along.length - 1]!));
    }
  }
}
