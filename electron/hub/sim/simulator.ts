// The simulator keeps a demo duty room busy: reports arrive from every channel (Poisson, at
// RATE per minute; duplicates among them), an automatic seat triages and dispatches, units
// accept, drive there by road, handle it and report back, and the seat and a commander
// close the loop. It acts only through the store's commands, under actors named sim:*, so
// the engine's rules apply to it as to anyone; a refusal is counted, never worked around.
import { draftOfReport } from '../../../shared/dedupe/candidates';
import type { Priority } from '../../../shared/domain';
import { leadFor } from '../../../shared/dispatch/lead';
import { DutyFailure } from '../../../shared/errors';
import { RoadGraph } from '../../../shared/geo/roads';
import { isSerious } from '../../../shared/incident/model';
import type { CommandInput, CommandType } from '../../../shared/protocol/commands';
import type { CommandResult } from '../../../shared/protocol/schemas';
import type { Actor } from '../engine/actor';
import type { StoreClient } from '../store/thread/client';
import { Random } from '../town/random';
import { UnitTracker } from '../units/tracker';
import { realClock, type SimClock } from './clock';
import { Fleet } from './fleet';
import { drawPriority, exponential, handlingMinutes } from '../town/incident-mix';
import { ReportMaker, type SimEvent } from './reports';
import { cancelReason, feedbackText, resolvedText, returnReason, settledText } from './texts';

export type SimStore = Pick<StoreClient, 'execute'> & {
  readonly incidents: Pick<StoreClient['incidents'], 'dedupeCandidates' | 'recommendations'>;
  readonly duty: Pick<StoreClient['duty'], 'units'>;
  readonly town: Pick<StoreClient['town'], 'addresses' | 'places' | 'basemap'>;
};

export interface SimulatorOptions {
  /** New reports per simulated minute. */
  rate: number;
  /** Load test: twenty times the rate. */
  storm?: boolean;
  /** Simulated seconds per real second (ignored with an explicit clock). */
  speed?: number;
  seed?: number;
  clock?: SimClock;
  /** Live positions to move; the hub passes its own, so windows see the units drive. */
  tracker?: UnitTracker;
}

/** Who the simulator acts as: obvious in the journal, so nobody mistakes it for a person. */
export const SIM_ACTORS = {
  intake: { userId: 'sim:intake', role: 'operator' },
  seat: { userId: 'sim:seat', role: 'operator' },
  commander: { userId: 'sim:commander', role: 'commander' },
} as const satisfies Record<string, Actor>;
export const unitActor = (unitId: string): Actor => ({ userId: `sim:unit:${unitId}`, role: 'unit', unitId });

export const STORM_FACTOR = 20;
/** Share of reports that are a second report of an event already reported. */
export const DUPLICATE_SHARE = 0.08;
const RETURN_CHANCE = 0.06;
const CANCEL_CHANCE = 0.02;
const SETTLE_CHANCE = 0.35;
const SETTLE_CATEGORIES = new Set(['neighbourDispute', 'other']);
const URGENT_CATEGORIES = new Set(['fire', 'gasLeak', 'trafficAccident']);
const MINUTE = 60_000;

export interface SimStats {
  reports: number;
  duplicates: number;
  merged: number;
  /** Duplicates the dedupe did not offer, so the seat took them as new incidents. */
  missedDuplicates: number;
  triaged: number;
  dispatched: number;
  accepted: number;
  returned: number;
  arrived: number;
  settledOnSpot: number;
  cancelled: number;
  resolved: number;
  closed: number;
  commands: number;
  refused: Record<string, number>;
}

type SimState = 'reported' | 'triaged' | 'dispatched' | 'onScene' | 'resolved' | 'closed' | 'merged' | 'cancelled';

interface SimIncident {
  id: string;
  event: SimEvent;
  candidates: string[];
  priority: Priority | null;
  state: SimState;
  /** Units dispatched and not handed back. */
  active: Set<string>;
  returned: Set<string>;
  handling: boolean;
  mergedChildren: number;
}

interface Agent {
  current: string | null;
  queue: string[];
}

const FINISHED: ReadonlySet<SimState> = new Set(['resolved', 'closed', 'merged', 'cancelled']);

export class Simulator {
  readonly stats: SimStats = {
    reports: 0,
    duplicates: 0,
    merged: 0,
    missedDuplicates: 0,
    triaged: 0,
    dispatched: 0,
    accepted: 0,
    returned: 0,
    arrived: 0,
    settledOnSpot: 0,
    cancelled: 0,
    resolved: 0,
    closed: 0,
    commands: 0,
    refused: {},
  };
  private readonly incidents = new Map<string, SimIncident>();
  private readonly agents = new Map<string, Agent>();
  private readonly inflight = new Set<Promise<unknown>>();
  private readonly runId: string;
  private commandNo = 0;
  settings: { storm: boolean; speed: number; seed: number } = { storm: false, speed: 1, seed: 1 };
  private stopped = false;

  constructor(
    private readonly store: SimStore,
    private readonly clock: SimClock,
    private readonly rng: Random,
    private readonly maker: ReportMaker,
    private readonly fleet: Fleet,
    private readonly ratePerMinute: number,
    private readonly moveEveryMs: number,
  ) {
    // Idempotency keys must not repeat across runs of the same seed on the same database.
    this.runId = `sim.${clock.now().toString(36)}`;
  }

  start(): void {
    this.nextArrival();
    this.moveTick();
  }

  /** Stops scheduling, forgets pending timers, and waits for commands already sent. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clock.dispose();
    await Promise.allSettled([...this.inflight]);
  }

  get openIncidents(): number {
    let open = 0;
    for (const incident of this.incidents.values()) if (!FINISHED.has(incident.state)) open++;
    return open;
  }

  // ---- plumbing: timers and commands ----

  private after(ms: number, step: () => Promise<void> | void): void {
    if (this.stopped) return;
    this.clock.after(ms, () => {
      if (this.stopped) return;
      const running = Promise.resolve(step()).catch(() => undefined);
      this.inflight.add(running);
      return running.finally(() => this.inflight.delete(running));
    });
  }

  private async run<T extends CommandType>(type: T, payload: CommandInput<T>, actor: Actor): Promise<CommandResult | null> {
    if (this.stopped) return null;
    this.stats.commands++;
    try {
      return await this.store.execute({ type, payload, idempotencyKey: `${this.runId}.${++this.commandNo}` }, actor);
    } catch (error) {
      const code = error instanceof DutyFailure ? error.error.code : 'error';
      this.stats.refused[code] = (this.stats.refused[code] ?? 0) + 1;
      return null;
    }
  }

  private minutes(lo: number, hi: number): number {
    return this.rng.range(lo, hi) * MINUTE;
  }

  private moveTick(): void {
    this.after(this.moveEveryMs, () => {
      this.fleet.step();
      this.moveTick();
    });
  }

  // ---- intake ----

  private nextArrival(): void {
    const originals = this.ratePerMinute * (1 - DUPLICATE_SHARE);
    this.after(exponential(this.rng, MINUTE / originals), async () => {
      this.nextArrival();
      const event = this.maker.newEvent();
      // Some events are reported again, minutes later, by someone else.
      if (this.rng.chance(DUPLICATE_SHARE / (1 - DUPLICATE_SHARE))) this.after(this.minutes(2, 20), () => this.report(event));
      await this.report(event);
    });
  }

  private async report(event: SimEvent): Promise<void> {
    const duplicate = event.channels.length > 0;
    const payload = this.maker.report(event);
    // The seat sees dedupe's candidates beside the form before it submits, as a person would.
    const offered = await this.store.incidents.dedupeCandidates(draftOfReport(payload));
    const result = await this.run('incident.report', payload, SIM_ACTORS.intake);
    if (!result?.incidentId) return;
    this.stats.reports++;
    if (duplicate) this.stats.duplicates++;
    event.incidentId ??= result.incidentId;
    const candidates = offered.map((c) => c.incidentId);
    const incident: SimIncident = { id: result.incidentId, event, candidates, priority: null, state: 'reported', active: new Set(), returned: new Set(), handling: false, mergedChildren: 0 };
    this.incidents.set(incident.id, incident);
    const urgent = URGENT_CATEGORIES.has(event.category);
    this.after(urgent ? this.rng.range(10_000, 60_000) : this.rng.range(30_000, 120_000), () => this.triage(incident));
  }

  // ---- the seat: merge, cancel, triage, settle or dispatch ----

  private async triage(incident: SimIncident): Promise<void> {
    const master = incident.event.incidentId === incident.id ? undefined : this.incidents.get(incident.event.incidentId ?? '');
    if (master && master.state !== 'merged' && master.state !== 'cancelled') {
      // The seat merges what dedupe offers it; a duplicate it was not offered goes on as new.
      if (incident.candidates.includes(master.id)) {
        if (await this.run('incident.merge', { incidentId: incident.id, into: master.id }, SIM_ACTORS.seat)) {
          incident.state = 'merged';
          master.mergedChildren++;
          this.stats.merged++;
          this.forgetLater(incident);
        }
        return;
      }
      this.stats.missedDuplicates++;
    }
    if (incident.mergedChildren === 0 && this.rng.chance(CANCEL_CHANCE)) {
      if (await this.run('incident.cancel', { incidentId: incident.id, reason: cancelReason(this.rng) }, SIM_ACTORS.seat)) {
        incident.state = 'cancelled';
        this.stats.cancelled++;
        this.forgetLater(incident);
      }
      return;
    }
    const { category } = incident.event;
    const priority = drawPriority(this.rng, category);
    if (!(await this.run('incident.triage', { incidentId: incident.id, category, priority, lead: leadFor(category), coHandlers: [] }, SIM_ACTORS.seat))) return;
    incident.priority = priority;
    incident.state = 'triaged';
    this.stats.triaged++;
    if (SETTLE_CATEGORIES.has(category) && (priority === 'P3' || priority === 'P4') && this.rng.chance(SETTLE_CHANCE)) {
      this.after(this.minutes(2, 8), () => this.settle(incident));
      return;
    }
    this.after(isSerious(priority) ? this.rng.range(15_000, 60_000) : this.minutes(1, 4), () => this.dispatch(incident));
  }

  private async settle(incident: SimIncident): Promise<void> {
    if (FINISHED.has(incident.state)) return;
    const done = await this.run('incident.feedback', { incidentId: incident.id, text: settledText(this.rng), settledOnSpot: true }, SIM_ACTORS.seat);
    if (!done) return;
    this.stats.settledOnSpot++;
    this.after(this.minutes(1, 3), () => this.resolve(incident));
  }

  private async dispatch(incident: SimIncident): Promise<void> {
    if (FINISHED.has(incident.state)) return;
    const recommended = (await this.store.incidents.recommendations(incident.id))?.units ?? [];
    const wanted = incident.priority === 'P1' ? 2 : 1;
    const chosen = recommended
      .filter((r) => !incident.returned.has(r.unitId) && !incident.active.has(r.unitId) && this.agents.has(r.unitId))
      .slice(0, wanted)
      .map((r) => r.unitId);
    if (!chosen.length) {
      this.after(this.minutes(2, 4), () => this.dispatch(incident)); // everyone refused it; ask again later
      return;
    }
    // P1–P2 need a commander's order: the simulator plays the commander on duty for them.
    const actor = isSerious(incident.priority) ? SIM_ACTORS.commander : SIM_ACTORS.seat;
    if (!(await this.run('incident.dispatch', { incidentId: incident.id, unitIds: chosen }, actor))) return;
    this.stats.dispatched++;
    if (incident.state !== 'onScene') incident.state = 'dispatched';
    for (const unitId of chosen) {
      incident.active.add(unitId);
      this.after(this.minutes(0.5, 3), () => this.respond(unitId, incident));
    }
  }

  // ---- the units: accept or hand back, drive, handle, report back ----

  private async respond(unitId: string, incident: SimIncident): Promise<void> {
    if (FINISHED.has(incident.state) || !incident.active.has(unitId)) return;
    // A department may hand an assignment back before anyone is on the spot.
    if (incident.state !== 'onScene' && this.rng.chance(RETURN_CHANCE)) {
      if (await this.run('incident.return', { incidentId: incident.id, unitId, reason: returnReason(this.rng) }, unitActor(unitId))) {
        incident.active.delete(unitId);
        incident.returned.add(unitId);
        this.stats.returned++;
        if (!incident.active.size) this.after(this.minutes(1, 3), () => this.dispatch(incident));
      }
      return;
    }
    if (!(await this.run('unit.accept', { incidentId: incident.id, unitId }, unitActor(unitId)))) return;
    this.stats.accepted++;
    const agent = this.agents.get(unitId)!;
    agent.queue.push(incident.id);
    if (agent.current === null) this.nextJob(unitId);
  }

  /** The unit takes its next job still open, or drives home when there is none. */
  private nextJob(unitId: string): void {
    const agent = this.agents.get(unitId)!;
    agent.current = null;
    while (agent.queue.length) {
      const incident = this.incidents.get(agent.queue.shift()!);
      if (!incident || FINISHED.has(incident.state) || !incident.active.has(unitId)) continue;
      agent.current = incident.id;
      this.fleet.drive(unitId, incident.event.location, () => {
        this.after(0, () => this.arrive(unitId, incident));
      });
      return;
    }
    this.fleet.goHome(unitId);
  }

  private async arrive(unitId: string, incident: SimIncident): Promise<void> {
    if (FINISHED.has(incident.state)) return this.nextJob(unitId);
    if (!(await this.run('unit.arrive', { incidentId: incident.id, unitId }, unitActor(unitId)))) return this.nextJob(unitId);
    this.stats.arrived++;
    incident.state = 'onScene';
    if (incident.handling) return;
    incident.handling = true;
    this.after(handlingMinutes(this.rng, incident.event.category) * MINUTE, () => this.feedback(unitId, incident));
  }

  private async feedback(unitId: string, incident: SimIncident): Promise<void> {
    if (FINISHED.has(incident.state)) return;
    const text = feedbackText(this.rng, incident.event.category);
    if (!(await this.run('incident.feedback', { incidentId: incident.id, text, settledOnSpot: false }, unitActor(unitId)))) return;
    this.after(this.minutes(1, 5), () => this.resolve(incident));
  }

  // ---- closing the loop ----

  private async resolve(incident: SimIncident): Promise<void> {
    if (FINISHED.has(incident.state)) return;
    if (!(await this.run('incident.resolve', { incidentId: incident.id, summary: resolvedText(this.rng) }, SIM_ACTORS.seat))) return;
    incident.state = 'resolved';
    this.stats.resolved++;
    // Everyone on it is free again: whoever is there or on the way turns to the next job.
    for (const unitId of incident.active) {
      const agent = this.agents.get(unitId);
      if (!agent) continue;
      agent.queue = agent.queue.filter((id) => id !== incident.id);
      if (agent.current === incident.id) {
        this.fleet.stop(unitId);
        this.nextJob(unitId);
      }
    }
    this.after(this.minutes(2, 15), () => this.close(incident));
  }

  private async close(incident: SimIncident): Promise<void> {
    if (incident.state !== 'resolved') return;
    // Closure of a P1–P2 incident is the commander's acceptance (闭环验收).
    const actor = isSerious(incident.priority) ? SIM_ACTORS.commander : SIM_ACTORS.seat;
    if (!(await this.run('incident.acceptClosure', { incidentId: incident.id, rating: this.rng.int(3, 5) }, actor))) return;
    incident.state = 'closed';
    this.stats.closed++;
    this.forgetLater(incident);
  }

  /** A finished incident stays known a while (a late duplicate may still be merged into it). */
  private forgetLater(incident: SimIncident): void {
    this.after(this.minutes(60, 61), () => {
      this.incidents.delete(incident.id);
    });
  }

  /** One line for the hub's log: what runs, as whom. */
  describe(): string {
    const actors = `${SIM_ACTORS.intake.userId}, ${SIM_ACTORS.seat.userId}, ${SIM_ACTORS.commander.userId}, sim:unit:<id>`;
    const { storm, speed, seed } = this.settings;
    const rate = `${Math.round(this.ratePerMinute * 10) / 10} reports/min${storm ? ` (storm ×${STORM_FACTOR})` : ''}`;
    return `Simulator: ${rate} of simulated time, speed ×${speed}, seed ${seed}, ${this.agents.size} units; acting as ${actors}.`;
  }

  /** One line for the log when it stops: what happened, and what the engine refused (by code). */
  summary(): string {
    const s = this.stats;
    const refused = Object.entries(s.refused).map(([code, n]) => `${code} ${n}`).join(', ') || 'none';
    return `Simulator stopped: ${s.reports} reports (${s.duplicates} duplicates, ${s.merged} merged), ${s.dispatched} dispatches, ${s.closed} closed; ${s.commands} commands, refused: ${refused}.`;
  }

  /** Registers the units the simulator may send. */
  addUnits(ids: readonly string[]): void {
    for (const id of ids) this.agents.set(id, { current: null, queue: [] });
  }
}

/**
 * Starts a simulator over the store's town; null (and nothing started) when no town with
 * addresses is imported.
 */
export async function startSimulator(store: SimStore, options: SimulatorOptions): Promise<Simulator | null> {
  const speed = options.speed ?? 1;
  const clock = options.clock ?? realClock(speed);
  const [addresses, places, basemap, units] = await Promise.all([store.town.addresses(), store.town.places(), store.town.basemap(), store.duty.units()]);
  if (!addresses.length || !units.length) return null;
  const rng = new Random(options.seed ?? 1);
  const roads = basemap?.roads.length ? RoadGraph.fromRoads(basemap.roads) : null;
  const tracker = options.tracker ?? new UnitTracker(units);
  const fleet = new Fleet(clock, roads, tracker, new Map(units.map((u) => [u.id, u.location])));
  const rate = options.rate * (options.storm ? STORM_FACTOR : 1);
  // Positions move once a real second: that many simulated milliseconds at this speed.
  const moveEveryMs = 1_000 * (options.clock ? 1 : speed);
  const simulator = new Simulator(store, clock, rng.fork('flow'), new ReportMaker({ addresses, places }, rng.fork('reports')), fleet, rate, moveEveryMs);
  simulator.settings = { storm: options.storm ?? false, speed: options.clock ? 1 : speed, seed: options.seed ?? 1 };
  simulator.addUnits(units.filter((u) => u.status !== 'offline').map((u) => u.id));
  simulator.start();
  return simulator;
}
