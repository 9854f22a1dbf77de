// A town day's counts for the daily briefing (每日会商): incidents created that day, by
// category and by channel. Pure, so the hub counts from the analysis' facts it already holds
// (electron/hub/analysis) and a test counts hand-made incidents the same way.
import type { Channel } from '../domain';
import { dayFromKey, dayStart, isoMs } from './facts';

/** What the count reads of an incident (an analysis fact with its channels, or a queue record). */
export interface DayCountable {
  createdAt: string;
  state: string;
  category: string;
  channels?: readonly Channel[] | undefined;
}

export interface DayCounts {
  total: number;
  byCategory: Array<{ key: string; count: number }>;
  byChannel: Array<{ key: Channel; count: number }>;
}

/** Incidents created on `day` (YYYY-MM-DD, town time; merged ones excluded), by category and by channel, most first. */
export function countDay(incidents: Iterable<DayCountable>, day: string): DayCounts {
  const from = dayStart(dayFromKey(day));
  // A town day with a daylight-saving change is 23 or 25 hours long.
  const to = dayStart(dayFromKey(day) + 1);
  const byCategory = new Map<string, number>();
  const byChannel = new Map<Channel, number>();
  let total = 0;
  for (const incident of incidents) {
    const at = isoMs(incident.createdAt);
    if (at < from || at >= to || incident.state === 'merged') continue;
    total++;
    byCategory.set(incident.category, (byCategory.get(incident.category) ?? 0) + 1);
    for (const channel of incident.channels ?? []) byChannel.set(channel, (byChannel.get(channel) ?? 0) + 1);
  }
  const sorted = <K>(m: Map<K, number>) => [...m].map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count);
  return { total, byCategory: sorted(byCategory), byChannel: sorted(byChannel) };
}
