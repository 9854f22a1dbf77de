// A first run in demo mode gets the demo town, so every window has a town to show.
import type { StoreClient } from '../store/thread/client';
import { generateTown } from './generate';

export const DEMO_TOWN_SEED = 1;

/** Generates and imports the demo town unless a town (any town) is imported already. */
export async function ensureDemoTown(store: StoreClient, log: (line: string) => void): Promise<void> {
  if (await store.town.meta()) return;
  const started = performance.now();
  const town = generateTown(DEMO_TOWN_SEED);
  const { counts } = await store.write.importTown(town, `demo seed ${DEMO_TOWN_SEED}`, 'wgs84', { userId: 'system', role: 'system' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Demo mode: imported the demo town (${counts.regions} regions, ${counts.addresses} addresses, ${counts.places} places, ${counts.officers} people, ${counts.cameras} cameras) in ${seconds} s.`);
}
