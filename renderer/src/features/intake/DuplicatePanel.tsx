// Likely duplicates of the call being typed, each with its reasons in words and a merge
// button; Alt+1..3 (and Alt+M for the first) report the call and merge it in one go.
import { useTranslation } from 'react-i18next';
import { categoryName } from '../../../../shared/taxonomy';
import { useAppSelector } from '../../app/hooks';
import { clockTime } from '../../app/formatTime';
import { describeError, nameLanguage } from '../../i18n';
import { duplicateReasons } from './duplicateWords';
import { selectIntake } from './intakeSlice';

/** Shown at most; the hub answers best first. */
export const SHOWN_DUPLICATES = 5;
export const MERGE_KEYS = 3;

export function DuplicatePanel({ onMerge, disabled }: { onMerge: (incidentId: string) => void; disabled: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = nameLanguage(i18n.language);
  const { duplicates, merge } = useAppSelector(selectIntake);
  const shown = duplicates.items.slice(0, SHOWN_DUPLICATES);
  return (
    <section className="duplicates" aria-label={t('intakeAssist.duplicates')} data-testid="duplicates">
      <h3 className="duplicates-title">
        {t('intakeAssist.duplicates')}
        {duplicates.loading ? <span className="hint"> {t('intakeAssist.duplicatesLoading')}</span> : null}
      </h3>
      {shown.length === 0 && !duplicates.loading ? <p className="hint">{t('intakeAssist.noDuplicates')}</p> : null}
      <ol className="duplicate-list">
        {shown.map((c, i) => {
          const busy = merge.into === c.incidentId && (merge.status === 'reporting' || merge.status === 'merging');
          return (
            <li key={c.incidentId} className={c.likely ? 'duplicate-candidate likely' : 'duplicate-candidate'} data-testid="duplicate-candidate" data-incident-id={c.incidentId}>
              <div className="duplicate-head">
                <span className="duplicate-id">#{c.incidentId}</span>
                <span className="duplicate-title">{c.title}</span>
                {c.likely ? <span className="duplicate-likely">{t('intakeAssist.likely')}</span> : null}
              </div>
              <div className="duplicate-meta hint">
                {categoryName(c.category, lang)} · {t(`state.${c.state}`, { defaultValue: c.state })} · {clockTime(Date.parse(c.createdAt))} ·{' '}
                {c.channels.map((ch) => t(`channel.${ch}`, { defaultValue: ch })).join('、')} · {t('intakeAssist.score', { score: c.score.total.toFixed(2) })}
              </div>
              <ul className="duplicate-why">
                {duplicateReasons(c).map((reason) => (
                  <li key={reason.key}>{t(reason.key, reason.values)}</li>
                ))}
              </ul>
              <button
                type="button"
                className="button merge-button"
                data-testid="merge-button"
                disabled={disabled}
                aria-keyshortcuts={i < MERGE_KEYS ? `Alt+${i + 1}${i === 0 ? ' Alt+M' : ''}` : undefined}
                onClick={() => onMerge(c.incidentId)}
              >
                {busy ? t('intakeAssist.merging') : t('intakeAssist.mergeInto', { id: c.incidentId })}
                {i < MERGE_KEYS ? <kbd>Alt+{i + 1}</kbd> : null}
                {i === 0 ? <kbd>Alt+M</kbd> : null}
              </button>
            </li>
          );
        })}
      </ol>
      {duplicates.error ? <p className="hint message-error">{describeError(t, duplicates.error)}</p> : null}
    </section>
  );
}
