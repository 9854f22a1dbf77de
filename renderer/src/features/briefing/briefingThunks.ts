// Loads what the morning meeting reads: 30 days of indices in one range call, the risk map,
// open incidents (for overdue) and the latest incidents (for yesterday), and the SLA in force.
import type { AppThunk } from '../../app/store';
import type { ResponseOf } from '../../../../shared/protocol/api';
import { countDay, dayMinus, daysEnding, overdueIncidents, townDay, type DayCounts, type OverdueIncident } from './briefingData';

export const TREND_DAYS = 30;

export interface BriefingData {
  /** The day the briefing is about: yesterday in the town. */
  day: string;
  days: string[];
  indices: ResponseOf<'indicesRange'>['items'];
  risk: ResponseOf<'risk'>['items'];
  overdue: OverdueIncident[];
  yesterday: DayCounts;
}

export function loadBriefing(): AppThunk<Promise<BriefingData>> {
  return async (_dispatch, getState, { api, now }) => {
    const token = getState().session.token;
    const day = dayMinus(townDay(now()), 1);
    const from = dayMinus(day, TREND_DAYS - 1);
    const [range, risk, open, recent, config] = await Promise.all([
      api.call('indicesRange', { token, query: { from, to: day } }),
      api.call('risk', { token }),
      api.call('incidents', { token, query: { status: 'open', limit: 10_000 } }),
      // Newest first: two days of reports are far below this.
      api.call('incidents', { token, query: { status: 'all', limit: 5_000 } }),
      api.call('config', { token }),
    ]);
    return {
      day,
      days: daysEnding(day, TREND_DAYS),
      indices: range.items.filter((i) => i.level === 'command' || i.level === 'emergency'),
      risk: risk.items.filter((r) => r.colour === 'red' || r.colour === 'orange').sort((a, b) => b.score - a.score),
      overdue: overdueIncidents(open.items, config.sla, now()),
      yesterday: countDay(recent.items, day),
    };
  };
}

export function exportBriefing(date: string): AppThunk<Promise<void>> {
  return async (_dispatch, getState, { api }) => {
    const token = getState().session.token;
    await api.call('command', { token, body: { type: 'briefing.export', payload: { date }, idempotencyKey: `briefing-${date}-${Date.now()}` } });
  };
}
