// The hub's address lookup: the town's address database indexed in memory (./address-index.ts),
// built when the hub starts and again whenever the town changes. A primary and a replica seat
// each build their own from the town their store holds, so a replica seat keeps address
// autocomplete, pinyin and grid fill while the primary is away.
import { performance } from 'node:perf_hooks';
import type { JournalEntry } from '../../../shared/journal/catalog';
import type { StoreClient } from '../store/thread/client';
import { adminPrefixes } from '../../../shared/geo/address';
import { AddressIndex, type GeocodeCandidate, type GeocodeResult } from './address-index';

/** What the geocoder reads of the store: the address rows and the town's meta (its admin names). */
export type GeocoderStore = { intake: Pick<StoreClient['intake'], 'addressRows'>; town: Pick<StoreClient['town'], 'meta'> };

export class Geocoder {
  private index: AddressIndex | null = null;
  private loading: Promise<void> = Promise.resolve();

  private constructor(
    private readonly store: GeocoderStore,
    private readonly log: (line: string) => void,
  ) {}

  static async start(store: GeocoderStore, log: (line: string) => void = () => {}): Promise<Geocoder> {
    const geocoder = new Geocoder(store, log);
    await geocoder.load();
    return geocoder;
  }

  /** Builds the index from the store's addresses and the town's administrative names; an empty town leaves none. */
  async load(): Promise<void> {
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const [rows, meta] = await Promise.all([this.store.intake.addressRows(), this.store.town.meta()]);
    this.index = rows.length ? new AddressIndex(rows, adminPrefixes(meta?.admin ?? undefined)) : null;
    if (rows.length) {
      const mb = (process.memoryUsage().heapUsed - heapBefore) / 1048576;
      this.log(`Geocoder: ${rows.length} addresses indexed in ${(performance.now() - started).toFixed(0)} ms (heap +${mb.toFixed(1)} MB).`);
    }
  }

  /**
   * Called with a primary's appended entries; a town import rebuilds the index (the town's
   * tables are written before its entry is appended). A replica seat rebuilds when its sync
   * has copied the town (replica/sync.ts onTownCopied) instead.
   */
  onEntries(entries: readonly JournalEntry[]): void {
    if (entries.some((e) => e.type === 'town.imported')) this.reload();
  }

  /** Builds the index again from the store's town, after any rebuild already under way. */
  reload(): void {
    this.loading = this.loading.then(() => this.load()).catch((error: unknown) => this.log(`Geocoder reload failed: ${String(error)}`));
  }

  geocode(text: string, limit = 5): GeocodeResult | null {
    return this.index?.geocode(text, limit) ?? null;
  }

  suggest(text: string, limit: number): GeocodeCandidate[] {
    return this.index?.suggest(text, limit) ?? [];
  }
}
