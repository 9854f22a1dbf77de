// Recommended units, best first, each with the reasons it ranks where it does. Keys 1–9 tick
// the first nine; Alt+D sends the ticked ones (ActionBar registers it). The list does not
// re-rank while the operator looks: it is read again on Alt+S, or when a unit on it is sent
// elsewhere, and then says so.
import { useTranslation } from 'react-i18next';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { nameLanguage } from '../../i18n';
import { REFRESH_RECOMMENDATIONS_KEY } from './detailActions';
import { reasonText } from './dispatchText';
import { selectRecommendationsRefreshed, selectSelectedUnits, unitToggled, type Recommendations } from './detailSlice';
import { refreshRecommendations } from './detailThunks';

export function DispatchPanel({ recommendations, enabled }: { recommendations: Recommendations; enabled: boolean }) {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const selected = useAppSelector(selectSelectedUnits);
  const lang = nameLanguage(i18n.language);
  const units = recommendations.units;
  const refreshed = useAppSelector(selectRecommendationsRefreshed);
  useHotkeys([
    ...units.slice(0, 9).map((unit, index) => ({
      combo: String(index + 1),
      labelKey: 'detail.dispatch.hint',
      run: () => dispatch(unitToggled(unit.unitId)),
      enabled,
    })),
    { combo: REFRESH_RECOMMENDATIONS_KEY, labelKey: 'detail.dispatch.refresh', run: () => void dispatch(refreshRecommendations({ reason: 'asked' })), enabled },
  ]);
  return (
    <section className="detail-section detail-dispatch" aria-label={t('detail.dispatch.title')} data-testid="dispatch-panel">
      <h3 className="detail-heading">
        {t('detail.dispatch.title')}
        <span className="hint">{t('detail.dispatch.lead', { lead: t(`department.${recommendations.lead}`) })}</span>
        <span className="hint">{t('detail.dispatch.selected', { count: selected.length })}</span>
      </h3>
      {refreshed ? (
        <p className="message message-info" data-testid="recommendations-refreshed" data-reason={refreshed.reason}>
          {refreshed.reason === 'unitTaken' ? t('detail.dispatch.refreshedTaken', { unit: refreshed.unitName }) : t('detail.dispatch.refreshedAsked')}
        </p>
      ) : null}
      {units.length === 0 ? <p className="hint">{t('detail.dispatch.empty')}</p> : null}
      <ol className="recommendations">
        {units.map((unit, index) => {
          const id = `recommend-${unit.unitId}`;
          return (
            <li key={unit.unitId} className="recommendation-row" data-testid="recommendation-row" data-unit-id={unit.unitId} data-status={unit.reasons.status}>
              <input
                id={id}
                type="checkbox"
                checked={selected.includes(unit.unitId)}
                disabled={!enabled}
                onChange={() => dispatch(unitToggled(unit.unitId))}
                aria-label={t('detail.dispatch.select', { name: unit.unitName })}
              />
              <label htmlFor={id}>
                {index < 9 ? <kbd>{index + 1}</kbd> : null}
                <strong>{unit.unitName}</strong>
                <span className="recommendation-score">{t('detail.dispatch.score', { score: unit.score.toFixed(2) })}</span>
                <span className="recommendation-reasons">{reasonText(t, unit.reasons, lang, recommendations.lead)}</span>
              </label>
            </li>
          );
        })}
      </ol>
      <p className="hint">{t('detail.dispatch.hint')}</p>
    </section>
  );
}
