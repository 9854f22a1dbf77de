import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { clockTime } from '../../app/formatTime';
import { selectReplicaLink } from '../outbox/outboxSlice';
import { selectLink } from './linkSlice';
import '../outbox/outbox.css';

export function LinkPill({ large = false }: { large?: boolean }) {
  const { t } = useTranslation();
  const { state, lastContactAt } = useAppSelector(selectLink);
  // On a replica hub the window's own link can be fine while the primary is away: then what
  // the window shows may be old, and commands wait in the outbox (features/outbox).
  const replica = useAppSelector(selectReplicaLink);
  const degraded = state === 'online' && replica !== null && (replica.stale || replica.syncError !== null);
  const shown = degraded ? 'degraded' : state;
  const contactAt = degraded && replica ? (replica.lastContact ? Date.parse(replica.lastContact) : null) : lastContactAt;
  const contact = contactAt === null ? t('link.never') : t('link.lastContact', { time: clockTime(contactAt) });
  return (
    <div
      className={`link-pill link-${shown}${large ? ' link-large' : ''}`}
      data-testid="link-state"
      data-state={shown}
      role="status"
      aria-live="polite"
    >
      <span className="link-dot" aria-hidden="true" />
      <span className="link-label">{degraded ? t(replica?.syncError ? 'outbox.syncStopped' : 'outbox.degraded') : t(`link.${state}`)}</span>
      <span className="link-contact">{contact}</span>
      {replica && replica.pending > 0 ? (
        <span className="link-pending" data-testid="link-pending" data-count={replica.pending}>
          {t('outbox.pendingCount', { count: replica.pending })}
        </span>
      ) : null}
      {replica && replica.conflicts > 0 ? (
        <span className="link-conflicts" data-testid="link-conflicts" data-count={replica.conflicts}>
          {t('outbox.conflictCount', { count: replica.conflicts })}
        </span>
      ) : null}
    </div>
  );
}
