// The open early warnings, above the queue: each says which grid, which hour, how many
// incidents against how many expected, and why that is unusual. One key acknowledges the top one.
import { useTranslation } from 'react-i18next';
import { mayIssue } from '../../../../shared/permissions';
import { formatTownMonthDayTime } from '../../../../shared/time';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useHotkeys } from '../../app/hotkeys';
import { describeError } from '../../i18n';
import { selectUser } from '../session/sessionSlice';
import { acknowledgeWarning, useWarningsSeed } from './warningsThunks';
import { selectWarnings } from './warningsSlice';
import './warnings.css';

/** The town's hour a warning is about, on the town's clock (MM-DD HH:mm). */
export function warningHour(hourStart: string): string {
  return formatTownMonthDayTime(Date.parse(hourStart));
}

export function WarningList() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const user = useAppSelector(selectUser);
  const { items, acknowledging, error } = useAppSelector(selectWarnings);
  const mayAcknowledge = user !== null && mayIssue(user.role, 'warning.acknowledge');
  useWarningsSeed();

  const top = items[0];
  useHotkeys([
    { combo: 'Alt+G', labelKey: 'warnings.acknowledge', enabled: mayAcknowledge && top !== undefined && acknowledging === null, run: () => top && void dispatch(acknowledgeWarning(top.id)) },
  ]);

  if (items.length === 0) return null;
  return (
    <section className="warnings" aria-label={t('warnings.title')} data-testid="warnings">
      <h3 className="warnings-title">
        {t('warnings.title')} <span className="warnings-count">{items.length}</span>
      </h3>
      <ul className="warnings-list">
        {items.slice(0, 5).map((w, i) => (
          <li key={w.id} className="warning-item" data-testid="warning-item" data-warning-id={w.id}>
            <div className="warning-line">
              <span className="warning-chip">{t('warnings.chip')}</span>
              <span className="warning-where">{w.name}</span>
              <span className="warning-hour">{warningHour(w.hourStart)}</span>
              <span className="warning-numbers">{t('warnings.numbers', { observed: w.observed, expected: w.expected.toFixed(2), bound: w.upperBound })}</span>
              {mayAcknowledge ? (
                <button
                  type="button"
                  className="button button-small"
                  data-testid="warning-acknowledge"
                  disabled={acknowledging !== null}
                  onClick={() => void dispatch(acknowledgeWarning(w.id))}
                >
                  {t('warnings.acknowledge')}
                  {i === 0 ? <kbd>Alt+G</kbd> : null}
                </button>
              ) : null}
            </div>
            <p className="warning-why" title={w.explanation}>
              {t('warnings.why', { p: w.p.toPrecision(2) })}
            </p>
            {error?.warningId === w.id ? (
              <p className="message message-error" data-testid="action-error">
                {describeError(t, error.error)}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
      {items.length > 5 ? <p className="hint">{t('warnings.more', { count: items.length - 5 })}</p> : null}
    </section>
  );
}
