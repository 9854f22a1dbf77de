// What the morning meeting reads, through the window's cache (app/hubApi.ts): 30 days of
// indices in one range call, the risk map, the open incidents (for overdue), the day's counts
// as the hub's analysis holds them (GET /day-counts, not the day's incidents), and the SLA in
// force.
import { useMemo } from 'react';
import { useConfigQuery, useDayCountsQuery, useIncidentsQuery, useIndicesRangeQuery, useRiskQuery } from '../../app/hubApi';
import type { DutyError } from '../../../../shared/errors';
import type { ResponseOf } from '../../../../shared/protocol/api';
import { dayMinus, daysEnding, overdueIncidents, townDay, type DayCounts, type OverdueIncident } from './briefingData';

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

/** The briefing of `day` from the hub's answers (pure; `now` judges the overdue clocks). */
export function briefingOf(
  day: string,
  answers: { range: ResponseOf<'indicesRange'>; risk: ResponseOf<'risk'>; open: ResponseOf<'incidents'>; counts: ResponseOf<'dayCounts'>; config: ResponseOf<'config'> },
  now: number,
): BriefingData {
  const { range, risk, open, counts, config } = answers;
  return {
    day,
    days: daysEnding(day, TREND_DAYS),
    indices: range.items.filter((i) => i.level === 'command' || i.level === 'emergency'),
    risk: risk.items.filter((r) => r.colour === 'red' || r.colour === 'orange').sort((a, b) => b.score - a.score),
    overdue: overdueIncidents(open.items, config.sla, now),
    yesterday: { total: counts.total, byCategory: counts.byCategory, byChannel: counts.byChannel },
  };
}

/** The briefing about the town day before `now`'s, once every answer is in; the first error otherwise. */
export function useBriefing(now: number): { data: BriefingData | null; error: DutyError | null } {
  const day = dayMinus(townDay(now), 1);
  const range = useIndicesRangeQuery({ query: { from: dayMinus(day, TREND_DAYS - 1), to: day } });
  const risk = useRiskQuery();
  const open = useIncidentsQuery({ query: { status: 'open', limit: 10_000 } });
  const counts = useDayCountsQuery({ query: { date: day } });
  const config = useConfigQuery();
  const error = (range.error ?? risk.error ?? open.error ?? counts.error ?? config.error ?? null) as DutyError | null;
  const data = useMemo(
    () =>
      range.data && risk.data && open.data && counts.data && config.data
        ? briefingOf(day, { range: range.data, risk: risk.data, open: open.data, counts: counts.data, config: config.data }, now)
        : null,
    [day, range.data, risk.data, open.data, counts.data, config.data, now],
  );
  return { data, error };
}

