// The demo room's past: on first start, a generated history of the demo town (a year by
// default) is imported through the journal, so queues, maps and analytics have real shape.
import { performance } from 'node:perf_hooks';
import type { StoreClient } from '../store/thread/client';
import { DEMO_TOWN_SEED } from './demo-town';
import { generateTown } from './generate';
import { generateHistory } from './history';
import { historyEntries } from './history-entries';

/** Events per day in the model town (about 60,000 a year). */
export const DEMO_EVENTS_PER_DAY = 165;

export async function ensureDemoHistory(store: StoreClient, days: number, log: (line: string) => void, now = new Date()): Promise<void> {
  if (days <= 0 || (await store.incidents.list('all', 1)).length) return;
  const started = performance.now();
  log(`Demo mode: importing ${days} days of the demo town's incident history (about ${Math.round(days * DEMO_EVENTS_PER_DAY * 1.15).toLocaleString('en')} reports) — the first start takes a little while.`);
  const town = generateTown(DEMO_TOWN_SEED);
  const history = generateHistory(town, DEMO_TOWN_SEED, { days, end: now, perDay: DEMO_EVENTS_PER_DAY });
  const entries = historyEntries(history, await store.duty.units(), now);
  await store.write.importEntries(entries, 'demo-history');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Demo mode: imported ${history.events.length} incidents (${history.reports.length} reports, ${entries.length} journal entries) in ${seconds} s.`);
}
