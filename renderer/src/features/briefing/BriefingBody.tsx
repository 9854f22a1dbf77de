// The briefing's panels: indices by region with 7- and 30-day trends, top risks, overdue
// incidents, yesterday by category and channel.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INDEX_NAMES, type IndexName } from '../../../../shared/analysis/indices';
import type { BriefingData } from './useBriefing';
import { Chart } from './Chart';
import { trendOf } from './briefingData';
import { bars, PALETTE, ring, sparkline, trendLines } from './options';

interface Labels {
  index: Record<IndexName, string>;
  category: (code: string) => string;
}

type Item = BriefingData['indices'][number];
const overall = (i: Item) => i.overall;
const fmt = (v: number | null | undefined) => (v === null || v === undefined ? '—' : Math.round(v).toString());
const tone = (v: number | null) => (v === null ? '' : v >= 80 ? 'good' : v >= 60 ? 'fair' : 'poor');
function mean(values: Array<number | null>): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length ? present.reduce((a, b) => a + b, 0) / present.length : null;
}

export function BriefingBody({ data, labels }: { data: BriefingData; labels: Labels }) {
  const { t } = useTranslation();
  const { days, indices } = data;
  const week = days.slice(-7);
  const town = indices.find((i) => i.level === 'command' && i.date === data.day);
  const regionRows = useMemo(() => {
    const latest = indices.filter((i) => i.level === 'emergency' && i.date === data.day);
    return latest.sort((a, b) => (a.overall ?? 101) - (b.overall ?? 101));
  }, [indices, data.day]);

  const townTrend = useMemo(() => {
    if (!town) return null;
    const id = town.regionId;
    return trendLines(days, [
      { name: t('briefing.overall'), values: trendOf(indices, id, days, overall) },
      ...INDEX_NAMES.map((n) => ({ name: labels.index[n], values: trendOf(indices, id, days, (i) => i.indices[n].score) })),
    ]);
  }, [town, days, indices, labels, t]);

  return (
    <>
      <section className="briefing-panel briefing-town" aria-label={t('briefing.town')}>
        <h2>
          {t('briefing.town')} <span className="briefing-sub">{t('briefing.townSub')}</span>
        </h2>
        <div className="briefing-town-grid">
          <div className="index-tile index-overall" data-testid="town-overall">
            <span className="index-label">{t('briefing.overall')}</span>
            <span className={`index-value tone-${tone(town?.overall ?? null)}`}>{fmt(town?.overall)}</span>
            <span className="index-hint">{t('briefing.weekMean', { value: fmt(mean(town ? trendOf(indices, town.regionId, week, overall) : [])) })}</span>
          </div>
          {INDEX_NAMES.map((n, k) => {
            const values = town ? trendOf(indices, town.regionId, days, (i) => i.indices[n].score) : [];
            const score = town?.indices[n].score ?? null;
            return (
              <div className="index-tile" key={n}>
                <span className="index-label">{labels.index[n]}</span>
                <span className={`index-value tone-${tone(score)}`}>{fmt(score)}</span>
                <Chart option={sparkline(values, PALETTE[k % PALETTE.length]!)} height={34} />
              </div>
            );
          })}
        </div>
        {townTrend && <Chart option={townTrend} height={210} testId="town-trend" />}
      </section>

      <section className="briefing-panel briefing-regions" aria-label={t('briefing.regions')}>
        <h2>
          {t('briefing.regions')} <span className="briefing-sub">{t('briefing.regionsSub')}</span>
        </h2>
        <table className="briefing-table">
          <thead>
            <tr>
              <th>{t('briefing.region')}</th>
              <th>{t('briefing.overall')}</th>
              <th>{t('briefing.mean7')}</th>
              <th>{t('briefing.trend7')}</th>
              <th>{t('briefing.trend30')}</th>
              {INDEX_NAMES.map((n) => (
                <th key={n}>{labels.index[n]}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {regionRows.map((c) => (
              <tr key={c.regionId} data-testid="region-row">
                <td>{c.name}</td>
                <td className={`num tone-${tone(c.overall)}`}>{fmt(c.overall)}</td>
                <td className="num">{fmt(mean(trendOf(indices, c.regionId, week, overall)))}</td>
                <td className="spark">
                  <Chart option={sparkline(trendOf(indices, c.regionId, week, overall), '#69cdea')} height={22} />
                </td>
                <td className="spark">
                  <Chart option={sparkline(trendOf(indices, c.regionId, days, overall), '#3fb6d8')} height={22} />
                </td>
                {INDEX_NAMES.map((n) => (
                  <td key={n} className={`num tone-${tone(c.indices[n].score)}`}>
                    {fmt(c.indices[n].score)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="briefing-panel briefing-risks" aria-label={t('briefing.risks')}>
        <h2>
          {t('briefing.risks')} <span className="briefing-sub">{t('briefing.risksCount', { count: data.risk.length })}</span>
        </h2>
        {data.risk.length === 0 && <p className="briefing-empty">{t('briefing.noRisks')}</p>}
        <ul className="risk-list">
          {data.risk.slice(0, 8).map((r) => (
            <li key={r.gridId} data-testid="risk-row">
              <span className={`risk-dot risk-${r.colour}`} />
              <span className="risk-name">{r.name}</span>
              <span className="risk-score">{Math.round(r.score)}</span>
              <span className="risk-reasons">
                {t('briefing.riskReasons', {
                  red: r.reasons.placesByCode.red ?? 0,
                  orange: r.reasons.placesByCode.orange ?? 0,
                  density: r.reasons.densityRatio.toFixed(1),
                  overdue: r.reasons.openOverdue,
                })}
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section className="briefing-panel briefing-overdue" aria-label={t('briefing.overdue')}>
        <h2>
          {t('briefing.overdue')} <span className="briefing-sub">{t('briefing.overdueCount', { count: data.overdue.length })}</span>
        </h2>
        {data.overdue.length === 0 && <p className="briefing-empty">{t('briefing.noOverdue')}</p>}
        <ul className="overdue-list">
          {data.overdue.slice(0, 8).map((o) => (
            <li key={o.incident.id} data-testid="overdue-row">
              <span className="overdue-id">{o.incident.id}</span>
              <span className="overdue-title">{o.incident.title}</span>
              <span className="overdue-clock">{t(`briefing.clock.${o.clock}`)}</span>
              <span className="overdue-late">{t('briefing.late', { hours: Math.floor(o.lateMinutes / 60), minutes: o.lateMinutes % 60 })}</span>
            </li>
          ))}
        </ul>
      </section>

      <section className="briefing-panel briefing-yesterday" aria-label={t('briefing.yesterday')}>
        <h2>
          {t('briefing.yesterday')} <span className="briefing-sub">{t('briefing.yesterdayTotal', { count: data.yesterday.total })}</span>
        </h2>
        <div className="briefing-split">
          <div>
            <h3>{t('briefing.byCategory')}</h3>
            <Chart option={bars(data.yesterday.byCategory.slice(0, 8).map((c) => ({ name: labels.category(c.key), value: c.count })), '#3fb6d8')} height={220} testId="by-category" />
          </div>
          <div>
            <h3>{t('briefing.byChannel')}</h3>
            <Chart option={ring(data.yesterday.byChannel.map((c) => ({ name: t(`channel.${c.key}`), value: c.count })))} height={220} testId="by-channel" />
          </div>
        </div>
      </section>
    </>
  );
}
