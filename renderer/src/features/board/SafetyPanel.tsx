// Beside the queue, what the town's safety looks like today: the six safety indices (平安六指数)
// of the last whole day as the hub's analysis holds them, how many grids are of each colour on
// the five-colour risk map, and the open early warnings. The risk map and the warnings are
// kept current by the stream (the window's cache and the warnings slice fold it); the indices
// are a day's and are read again when the town's day turns.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { INDEX_NAMES } from '../../../../shared/analysis/indices';
import { RISK_COLOURS } from '../../../../shared/analysis/risk';
import { useIndicesQuery, useRiskQuery } from '../../app/hubApi';
import { useAppSelector } from '../../app/hooks';
import { useNow } from '../../app/useNow';
import { dayMinus, townDay } from '../briefing/briefingData';
import { warningHour } from '../warnings/WarningList';
import { useWarningsSeed } from '../warnings/warningsThunks';
import { selectWarnings } from '../warnings/warningsSlice';

/** Warnings the panel lists by name; the rest are counted (the panel is a fixed part of the screen). */
const WARNINGS_SHOWN = 3;
/** Worst first: the colours a commander acts on lead. */
const COLOURS_SHOWN = [...RISK_COLOURS].reverse();

export function SafetyPanel() {
  const { t } = useTranslation();
  const now = useNow(60_000);
  const day = dayMinus(townDay(now), 1);
  const indices = useIndicesQuery({ query: { date: day } }).data?.items.find((item) => item.level === 'command') ?? null;
  const risk = useRiskQuery().data?.items;
  const warnings = useAppSelector(selectWarnings).items;
  useWarningsSeed();
  const colours = useMemo(() => {
    const counts = new Map<string, number>();
    for (const grid of risk ?? []) counts.set(grid.colour, (counts.get(grid.colour) ?? 0) + 1);
    return COLOURS_SHOWN.map((colour) => ({ colour, count: counts.get(colour) ?? 0 }));
  }, [risk]);
  return (
    <section className="board-safety" aria-label={t('board.safety')} data-testid="board-safety">
      <h2>
        {t('board.indices')} <small>{day.slice(5)}</small>
      </h2>
      <div className="safety-indices" data-testid="board-indices">
        {INDEX_NAMES.map((name) => {
          const score = indices?.indices[name].score ?? null;
          return (
            <div key={name} className="safety-index" data-index={name} data-score={score ?? ''}>
              <span>{t(`briefing.index.${name}`)}</span>
              <strong className={score === null ? '' : score < 60 ? 'index-low' : score < 80 ? 'index-mid' : 'index-good'}>{score === null ? '—' : Math.round(score)}</strong>
            </div>
          );
        })}
      </div>
      <h2>{t('board.riskMap')}</h2>
      <div className="safety-colours" data-testid="board-risk">
        {colours.map(({ colour, count }) => (
          <div key={colour} className={`safety-colour colour-${colour}`} data-colour={colour} data-count={count}>
            <span>{t(`map.risk.colour.${colour}`)}</span>
            <strong>{count}</strong>
          </div>
        ))}
      </div>
      <h2>
        {t('board.warnings')} <strong className="warnings-total">{warnings.length}</strong>
      </h2>
      <ul className="safety-warnings" data-testid="board-warnings">
        {warnings.length === 0 ? <li className="safety-none">{t('board.noWarnings')}</li> : null}
        {warnings.slice(0, WARNINGS_SHOWN).map((w) => (
          <li key={w.id} data-testid="board-warning">
            <span className="warning-where">{w.name}</span>
            <small>
              {warningHour(w.hourStart)} · {t('board.warningNumbers', { observed: w.observed, bound: w.upperBound })}
            </small>
          </li>
        ))}
        {warnings.length > WARNINGS_SHOWN ? <li className="safety-none">{t('warnings.more', { count: warnings.length - WARNINGS_SHOWN })}</li> : null}
      </ul>
    </section>
  );
}
