import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBootstrap } from '../app/BootstrapContext';
import { useAppDispatch, useAppSelector } from '../app/hooks';
import { LinkPill } from '../features/link/LinkPill';
import { selectUser } from '../features/session/sessionSlice';
import { logOut } from '../features/session/sessionThunks';
import { useIdleLock } from '../features/lock/IdleLock';
import { IDLE_LOCK_CHOICES } from '../features/lock/idleTimer';
import { LanguageToggle } from './LanguageToggle';
import { ShortcutHelp } from './ShortcutHelp';

export function TopBar({ badge }: { badge?: ReactNode }) {
  const { t } = useTranslation();
  const { kind } = useBootstrap();
  const user = useAppSelector(selectUser);
  const dispatch = useAppDispatch();
  const lock = useIdleLock();
  return (
    <header className="top-bar">
      <div className="brand">{t('app.brand')}</div>
      <h1 className="window-title">{t(`window.${kind}`)}</h1>
      {badge}
      <div className="top-bar-spacer" />
      {user ? (
        <div className="user" aria-label={t('topBar.user')} data-testid="current-user">
          <span className="user-name">{user.name}</span>
          <span className={`role role-${user.role}`}>{t(`role.${user.role}`)}</span>
        </div>
      ) : null}
      <LinkPill />
      {lock ? <IdleLockControls lock={lock} /> : null}
      <ShortcutHelp />
      <LanguageToggle />
      <button type="button" className="button button-quiet" data-testid="logout" onClick={() => void dispatch(logOut())}>
        {t('topBar.logout')}
      </button>
    </header>
  );
}

function IdleLockControls({ lock }: { lock: NonNullable<ReturnType<typeof useIdleLock>> }) {
  const { t } = useTranslation();
  // The current value stays selectable even when it is not one of the offered choices.
  const choices = IDLE_LOCK_CHOICES.includes(lock.minutes as (typeof IDLE_LOCK_CHOICES)[number]) ? IDLE_LOCK_CHOICES : [...IDLE_LOCK_CHOICES, lock.minutes].sort((a, b) => a - b);
  return (
    <div className="idle-lock-controls">
      <select
        className="idle-lock-select"
        aria-label={t('lock.idleAfter')}
        title={t('lock.idleAfter')}
        data-testid="idle-lock-minutes"
        value={lock.minutes}
        onChange={(e) => lock.setMinutes(Number(e.target.value))}
      >
        {choices.map((m) => (
          <option key={m} value={m}>
            {m === 0 ? t('lock.off') : t('lock.minutes', { count: m })}
          </option>
        ))}
      </select>
      <button type="button" className="button button-quiet" data-testid="lock-now" aria-keyshortcuts="Control+L" onClick={lock.lockNow}>
        {t('lock.lockNow')} <kbd>Ctrl+L</kbd>
      </button>
    </div>
  );
}
