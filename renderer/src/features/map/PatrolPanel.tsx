// The patrol suggestion in words, beside the arrows: each red and orange grid, how many units
// are already near it, and which free units could move there, nearest first.
import { useTranslation } from 'react-i18next';
import { cssColor, SAFETY_COLORS } from './mapTheme';
import type { PatrolSuggestion } from './patrol';

/** A wall is read from across the room: the longest list that stays legible. */
const SHOWN = 8;

export function PatrolPanel({ suggestions }: { suggestions: readonly PatrolSuggestion[] | null }) {
  const { t } = useTranslation();
  const shown = suggestions?.slice(0, SHOWN) ?? [];
  const rest = (suggestions?.length ?? 0) - shown.length;
  return (
    <section className="patrol-panel" aria-label={t('map.patrol.title')} data-testid="patrol-panel" data-grids={suggestions?.length ?? ''}>
      <h2 className="patrol-title">{t('map.patrol.title')}</h2>
      <p className="patrol-hint">{t('map.patrol.hint')}</p>
      {suggestions === null && <p className="patrol-empty">{t('map.patrol.loading')}</p>}
      {suggestions?.length === 0 && <p className="patrol-empty">{t('map.patrol.none')}</p>}
      <ol className="patrol-list">
        {shown.map((s) => (
          <li key={s.gridId} className={`patrol-grid patrol-${s.colour}`} data-testid="patrol-grid">
            <div className="patrol-grid-head">
              <span className="patrol-chip" style={{ background: cssColor(SAFETY_COLORS[s.colour]) }} aria-hidden="true" />
              <span className="patrol-name">{s.name}</span>
              <span className="patrol-score">{t('map.risk.scoreValue', { score: Math.round(s.score) })}</span>
            </div>
            <div className="patrol-moves">
              {s.present > 0 && <span className="patrol-present">{t('map.patrol.present', { count: s.present })}</span>}
              {s.moves.length > 0
                ? s.moves.map((m) => (
                    <span key={m.unitId} className="patrol-move" data-testid="patrol-move">
                      → {t('map.patrol.move', { unit: m.unitName, km: (m.distanceMeters / 1000).toFixed(1) })}
                    </span>
                  ))
                : <span className="patrol-present">{s.present >= s.wanted ? t('map.patrol.covered') : t('map.patrol.noFree')}</span>}
            </div>
          </li>
        ))}
      </ol>
      {rest > 0 && <p className="patrol-empty">{t('map.patrol.more', { count: rest })}</p>}
    </section>
  );
}
