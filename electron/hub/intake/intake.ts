// The hub's intake: who a key belongs to, where an address is, and a report submitted once
// per (channel, external id). Every intake path (JSON, Open311, CAP) ends in submit().
import type { Channel, LonLat } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import type { BaseMap, Region } from '../../../shared/town';
import { interiorPoint, ringCentroid } from '../../../shared/geo/polygon';
import { TownEdge } from '../../../shared/geo/area-distance';
import { townAndAbove } from '../../../shared/geo/address';
import type { CommandInput } from '../../../shared/protocol/commands';
import type { TownMeta } from '../store/read/town';
import type { CommandResult } from '../../../shared/protocol/schemas';
import type { Actor } from '../engine/actor';
import type { GeocodeResult } from '../geocode/address-index';
import type { Geocoder } from '../geocode/geocoder';
import type { StoreClient } from '../store/thread/client';
import { composeReport, type IntakeDraft, type Locating } from './compose';
import { IntakeLimiter, type LimiterOptions } from './limiter';
import { IntegrationKeys, type IntegrationAccount } from './keys';

export interface Submitted {
  incidentId: string;
  status: 'created' | 'duplicate';
  category: string;
  locating?: Locating;
}

export const actorOf = (account: IntegrationAccount): Actor => ({ userId: account.userId, role: 'integration', channel: account.channel });

/**
 * An idempotency key for a source's own id: readable when it can be, hashed by the caller otherwise.
 * The `ingest:` prefix is the step's former name, kept: stored command keys carry it, and the
 * store finds a report's source by it (store/read/intake.ts, migration 003's index).
 */
export const intakeKey = (channel: Channel, externalId: string) => `ingest:${channel}:${externalId}`;

export class Intake {
  readonly keys: IntegrationKeys;
  readonly limiter: IntakeLimiter;
  private gridCentres = new Map<string, { lon: number; lat: number }>();
  /** The town's boundary as alerts are measured against it; null before a town is imported. */
  private edge: { measure: TownEdge; inside: LonLat } | null = null;
  /** The names of the town and what holds it (三墩镇, 西湖区, 杭州…), as an alert names the whole town. */
  private wholeTownNames: readonly string[] = [];
  private readonly inFlight = new Map<string, Promise<Submitted>>();

  private constructor(
    private readonly store: StoreClient,
    readonly geocoder: Geocoder,
    limits: LimiterOptions | undefined,
    private readonly log: (line: string) => void,
  ) {
    this.keys = new IntegrationKeys(store);
    this.limiter = new IntakeLimiter(limits);
  }

  static async start(store: StoreClient, geocoder: Geocoder, options: { limits?: LimiterOptions; log?: (line: string) => void } = {}): Promise<Intake> {
    const intake = new Intake(store, geocoder, options.limits, options.log ?? (() => {}));
    await intake.loadTown();
    return intake;
  }

  /** The grid centres (grid fill for a report placed only by its grid) and the town's edge and names, reloaded when a town is imported. */
  async loadTown(): Promise<void> {
    const [grids, basemap, meta]: [Region[], BaseMap | null, TownMeta | null] = await Promise.all([this.store.town.regions('grid'), this.store.town.basemap(), this.store.town.meta()]);
    this.gridCentres = new Map(grids.map((g) => {
      const [lon, lat] = ringCentroid(g.polygon[0]!);
      return [g.id, { lon, lat }];
    }));
    const boundary = basemap?.boundary;
    if (boundary?.[0]?.length) {
      const [lon, lat] = interiorPoint(boundary);
      this.edge = { measure: new TownEdge(boundary), inside: { lon, lat } };
    } else this.edge = null;
    const admin = meta?.admin;
    this.wholeTownNames = admin ? townAndAbove(admin) : [];
  }

  /** Where alerts are measured from, and a point inside the town for an alert that covers all of it; null before a town is imported. */
  townEdge(): { measure: TownEdge; inside: LonLat } | null {
    return this.edge;
  }

  /** Whether an alert's area description names the whole town, or a place holding it (its district, its city). */
  namesWholeTown(areaDesc: string): boolean {
    const text = areaDesc.normalize('NFKC').replace(/\s+/g, '');
    return this.wholeTownNames.some((name) => text.includes(name));
  }

  /** The admin's margin around the town within which an alert's area counts as the town's. */
  async alertMarginKm(): Promise<number> {
    return (await this.store.duty.config()).alerts.outsideMarginKm;
  }

  /** Keeps an alert that is not the town's as a notice for the admin (journaled), once per key. */
  setAside(account: IntegrationAccount, notice: CommandInput<'alert.setAside'>, key: string): Promise<CommandResult> {
    return this.store.execute({ type: 'alert.setAside', payload: notice, idempotencyKey: key }, actorOf(account));
  }

  /** Called with every batch of journal entries; a town import reloads the grid centres (the geocoder follows on its own). */
  onEntries(entries: readonly JournalEntry[]): void {
    if (entries.some((e) => e.type === 'town.imported')) void this.loadTown().catch((error: unknown) => this.log(`Grid centres reload failed: ${String(error)}`));
  }

  geocode(text: string, limit = 5): GeocodeResult | null {
    return this.geocoder.geocode(text, limit);
  }

  gridCentre(gridId: string): { lon: number; lat: number } | null {
    return this.gridCentres.get(gridId) ?? null;
  }

  /** The incident a key already produced, if any (for CAP references). */
  incidentOfKey(key: string): Promise<string | null> {
    return this.store.intake.incidentOfKey(key);
  }

  /**
   * Reports once per key: a key seen before answers its incident as a duplicate and creates
   * nothing; a resend while the first is still in flight waits for it.
   */
  submit(account: IntegrationAccount, draft: IntakeDraft, key: string): Promise<Submitted> {
    const running = this.inFlight.get(key);
    if (running) return running.then((done) => ({ ...done, status: 'duplicate' as const }));
    const work = (async (): Promise<Submitted> => {
      const existing = await this.store.intake.incidentOfKey(key);
      if (existing) return { incidentId: existing, status: 'duplicate', category: draft.category };
      const { payload, locating } = composeReport(draft, (text) => this.geocode(text));
      const result: CommandResult = await this.store.execute({ type: 'incident.report', payload, idempotencyKey: key }, actorOf(account));
      return { incidentId: result.incidentId!, status: 'created', category: draft.category, locating };
    })();
    this.inFlight.set(key, work);
    return work.finally(() => this.inFlight.delete(key));
  }

  incident(id: string) {
    return this.store.incidents.detail(id);
  }

  /** Runs a follow-up command (a CAP cancel, merge or unmerge) as the channel's account. */
  execute(account: IntegrationAccount, type: 'incident.cancel' | 'incident.merge' | 'incident.unmerge', payload: unknown, key: string): Promise<CommandResult> {
    return this.store.execute({ type, payload, idempotencyKey: key }, actorOf(account));
  }

  /** CAP alerts set aside as not the town's, newest first, for the admin. */
  alertsSetAside(limit: number) {
    return this.store.intake.alertsSetAside(limit);
  }

  recordCapAlert(channel: Channel, reference: string, incidentId: string): Promise<void> {
    return this.store.write.recordCapAlert(channel, reference, incidentId);
  }
}
