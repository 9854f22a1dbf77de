// The seat's outbox while it runs on a replica: commands waiting for the primary, and the
// primary's refusals, each with its reason, until the operator dismisses it.
import { useTranslation } from 'react-i18next';
import { COMMAND_PAYLOADS } from '../../../../shared/protocol/commands';
import type { OutboxListItem } from '../../../../shared/protocol/replica';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { clockTime } from '../../app/formatTime';
import { selectOutbox } from './outboxSlice';
import './outbox.css';
import { dismissConflict } from './outboxThunks';

/**
 * What the command was about, in a few words: a report's title, else its incident. The payload
 * is read through its command's schema; one that does not fit it (written by another version) names nothing.
 */
export function subject({ envelope }: OutboxListItem): string {
  const parsed = COMMAND_PAYLOADS[envelope.type].safeParse(envelope.payload);
  if (!parsed.success) return '';
  const payload = parsed.data;
  if ('title' in payload) return payload.title;
  if ('incidentId' in payload && payload.incidentId !== null) return payload.incidentId;
  return '';
}

export function OutboxPanel() {
  const { t, i18n } = useTranslation();
  const dispatch = useAppDispatch();
  const { replica, items } = useAppSelector(selectOutbox);
  if (!replica || !items.length) return null;
  const command = (type: string) => (i18n.exists(`outbox.command.${type}`) ? t(`outbox.command.${type}`) : type);
  return (
    <section className="outbox-panel" aria-label={t('outbox.title')} data-testid="outbox-panel">
      <h3 className="panel-title">{t('outbox.title')}</h3>
      <ul className="outbox-list">
        {items.map((item) => (
          <li key={item.id} className={`outbox-item outbox-${item.state}`} data-testid="outbox-item" data-state={item.state} data-outbox-id={item.id}>
            <span className="outbox-badge">{t(`outbox.state.${item.state}`)}</span>
            <span className="outbox-what">
              {command(item.envelope.type)} · {subject(item)}
            </span>
            <span className="outbox-time">{clockTime(Date.parse(item.createdAt))}</span>
            {item.state === 'conflict' && item.error ? (
              <>
                <span className="outbox-reason" data-testid="outbox-reason" data-code={item.error.code}>
                  {t('outbox.refused', { reason: i18n.exists(`error.${item.error.code}`) ? t(`error.${item.error.code}`) : item.error.message })}
                </span>
                <button type="button" className="outbox-dismiss" data-testid="outbox-dismiss" onClick={() => void dispatch(dismissConflict(item.id))}>
                  {t('outbox.dismiss')}
                </button>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
