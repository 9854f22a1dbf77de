// Where every unit is and what it is doing, in memory. Positions change every second and
// are not journaled; statuses follow the journal's assignments (dispatched → on the way →
// on scene → free again), so they are right whoever moves the units: the simulator today,
// the field app's GPS tomorrow.
import type { LonLat } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import type { LiveUnitStatus, UnitPosition } from '../../../shared/protocol/units';
import type { UnitStatus } from '../../../shared/units';

export interface TrackedUnitSeed {
  id: string;
  location: LonLat;
  status: UnitStatus;
}

/** An open incident's assignments, to seed statuses when the hub starts mid-shift. */
export interface AssignmentSeed {
  id: string;
  assignments: ReadonlyArray<{ unitId: string; status: 'dispatched' | 'accepted' | 'onScene' | 'returned' }>;
}

type Step = 'dispatched' | 'accepted' | 'onScene';

interface Tracked {
  lon: number;
  lat: number;
  heading: number | undefined;
  offline: boolean;
  /** The unit's active assignments: incident id → how far it got. */
  work: Map<string, Step>;
  status: LiveUnitStatus;
}

const RAD = Math.PI / 180;

/** Initial bearing from a to b, degrees clockwise from north. */
export function bearing(a: LonLat, b: LonLat): number {
  const dLon = (b.lon - a.lon) * RAD;
  const y = Math.sin(dLon) * Math.cos(b.lat * RAD);
  const x = Math.cos(a.lat * RAD) * Math.sin(b.lat * RAD) - Math.sin(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.cos(dLon);
  return (Math.round((Math.atan2(y, x) / RAD) * 10) / 10 + 360) % 360;
}

function statusOf(unit: Tracked): LiveUnitStatus {
  if (unit.offline) return 'offline';
  let best: LiveUnitStatus = 'available';
  for (const step of unit.work.values()) {
    if (step === 'onScene') return 'onScene';
    if (step === 'accepted') best = 'enRoute';
    else if (best === 'available') best = 'dispatched';
  }
  return best;
}

export class UnitTracker {
  private units = new Map<string, Tracked>();
  /** Units changed since the last tick. */
  private dirty = new Set<string>();

  constructor(units: readonly TrackedUnitSeed[] = [], open: readonly AssignmentSeed[] = []) {
    this.reset(units, open);
  }

  /** Starts over from the units' base locations (on start, or when a new town is imported). */
  reset(units: readonly TrackedUnitSeed[], open: readonly AssignmentSeed[] = []): void {
    this.units = new Map(
      units.map((u) => [u.id, { lon: u.location.lon, lat: u.location.lat, heading: undefined, offline: u.status === 'offline', work: new Map(), status: 'available' as LiveUnitStatus }]),
    );
    for (const incident of open)
      for (const a of incident.assignments) if (a.status !== 'returned') this.units.get(a.unitId)?.work.set(incident.id, a.status);
    for (const unit of this.units.values()) unit.status = statusOf(unit);
    this.dirty = new Set(this.units.keys());
  }

  get size(): number {
    return this.units.size;
  }

  has(id: string): boolean {
    return this.units.has(id);
  }

  position(id: string): LonLat | null {
    const unit = this.units.get(id);
    return unit ? { lon: unit.lon, lat: unit.lat } : null;
  }

  status(id: string): LiveUnitStatus | null {
    return this.units.get(id)?.status ?? null;
  }

  /** A unit's new position; the heading is taken from the way it moved unless given. */
  move(id: string, to: LonLat, heading?: number): void {
    const unit = this.units.get(id);
    if (!unit || (unit.lon === to.lon && unit.lat === to.lat && heading === unit.heading)) return;
    unit.heading = heading ?? (unit.lon === to.lon && unit.lat === to.lat ? unit.heading : bearing(unit, to));
    unit.lon = to.lon;
    unit.lat = to.lat;
    this.dirty.add(id);
  }

  /** Follows assignments through the journal: dispatch, accept, arrive, return, resolve. */
  apply(entries: readonly JournalEntry[]): void {
    for (const entry of entries) {
      switch (entry.type) {
        case 'incident.dispatched':
          for (const { unitId } of entry.payload.units) this.set(unitId, entry.payload.incidentId, 'dispatched');
          break;
        case 'unit.accepted': {
          const { unitId, incidentId } = entry.payload;
          if (unitId && this.units.get(unitId)?.work.get(incidentId) === 'dispatched') this.set(unitId, incidentId, 'accepted');
          break;
        }
        case 'unit.arrived':
          if (entry.payload.unitId) this.set(entry.payload.unitId, entry.payload.incidentId, 'onScene');
          break;
        case 'incident.returned':
          if (entry.payload.unitId) this.set(entry.payload.unitId, entry.payload.incidentId, null);
          else this.releaseAll(entry.payload.incidentId);
          break;
        // Once resolved (or called off) nobody works on it any more.
        case 'incident.resolved':
        case 'incident.closed':
        case 'incident.cancelled':
          this.releaseAll(entry.payload.incidentId);
          break;
      }
    }
  }

  private set(unitId: string, incidentId: string, step: Step | null): void {
    const unit = this.units.get(unitId);
    if (!unit) return;
    if (step) unit.work.set(incidentId, step);
    else unit.work.delete(incidentId);
    const status = statusOf(unit);
    if (status !== unit.status) {
      unit.status = status;
      this.dirty.add(unitId);
    }
  }

  private releaseAll(incidentId: string): void {
    for (const [id, unit] of this.units) if (unit.work.has(incidentId)) this.set(id, incidentId, null);
  }

  /** Every unit, for a window that has just connected or asks over HTTP. */
  snapshot(): UnitPosition[] {
    return [...this.units.keys()].map((id) => this.toPosition(id));
  }

  /** The units that changed since the last tick (and forgets them): what the stream sends each second. */
  tick(): UnitPosition[] {
    const changed = [...this.dirty].map((id) => this.toPosition(id));
    this.dirty.clear();
    return changed;
  }

  private toPosition(id: string): UnitPosition {
    const unit = this.units.get(id)!;
    return { id, lon: unit.lon, lat: unit.lat, status: unit.status, ...(unit.heading === undefined ? {} : { heading: unit.heading }) };
  }
}
