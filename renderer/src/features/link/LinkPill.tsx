import { useTranslation } from 'react-i18next';
import { useAppSelector } from '../../app/hooks';
import { clockTime } from '../../app/formatTime';
import { selectLink } from './linkSlice';

export function LinkPill({ large = false }: { large?: boolean }) {
  const { t } = useTranslation();
  const { state, lastContactAt } = useAppSelector(selectLink);
  const contact = lastContactAt === null ? t('link.never') : t('link.lastContact', { time: clockTime(lastContactAt) });
  return (
    <div
      className={`link-pill link-${state}${large ? ' link-large' : ''}`}
      data-testid="link-state"
      data-state={state}
      role="status"
      aria-live="polite"
    >
      <span className="link-dot" aria-hidden="true" />
      <span className="link-label">{t(`link.${state}`)}</span>
      <span className="link-contact">{contact}</span>
    </div>
  );
}
