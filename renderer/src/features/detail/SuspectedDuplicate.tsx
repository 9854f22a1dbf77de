// The hub's suspicion that this incident reports what an older one does, with the figures
// behind it, so the seat can judge at a glance: merge (Alt+H) or say it is not (Alt+I), both
// on the action bar below. The older incident's id opens it, to compare.
import { useTranslation } from 'react-i18next';
import type { SuspectedDuplicate as Suspicion } from '../../../../shared/incident/model';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectIncidentById } from '../queue/queueSlice';
import { incidentSelected } from '../selection/selectionSlice';
import { ACTION_HOTKEYS } from './detailActions';

export function SuspectedDuplicate({ suspicion }: { suspicion: Suspicion }) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const original = useAppSelector((state) => selectIncidentById(state, suspicion.of));
  const reasons = suspicion.reasons.map((reason) =>
    t(`detail.duplicate.reason.${reason}`, { meters: suspicion.distanceMeters ?? '—', minutes: suspicion.minutesApart }),
  );
  return (
    <section className="detail-section detail-duplicate" role="alert" data-testid="detail-duplicate" data-of={suspicion.of}>
      <h3 className="detail-heading">{t('detail.duplicate.title')}</h3>
      <p>
        {t('detail.duplicate.before')}{' '}
        <button type="button" className="link-button mono" data-testid="detail-duplicate-of" onClick={() => dispatch(incidentSelected(suspicion.of))}>
          {suspicion.of}
        </button>{' '}
        {t('detail.duplicate.after', { title: original?.title ?? t('detail.duplicate.unknownTitle'), score: suspicion.score.toFixed(2) })}
      </p>
      <p className="detail-duplicate-reasons">
        {reasons.join(' · ')}
        <span className="hint">
          {' '}
          <kbd>{ACTION_HOTKEYS['incident.merge']}</kbd> {t('detail.actions.command.incident.merge')} <kbd>{ACTION_HOTKEYS['incident.dismissDuplicate']}</kbd>{' '}
          {t('detail.actions.command.incident.dismissDuplicate')}
        </span>
      </p>
    </section>
  );
}
