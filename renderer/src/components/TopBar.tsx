import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBootstrap } from '../app/BootstrapContext';
import { useAppDispatch, useAppSelector } from '../app/hooks';
import { LinkPill } from '../features/link/LinkPill';
import { selectUser } from '../features/session/sessionSlice';
import { logOut } from '../features/session/sessionThunks';
import { LanguageToggle } from './LanguageToggle';

export function TopBar({ badge }: { badge?: ReactNode }) {
  const { t } = useTranslation();
  const { kind } = useBootstrap();
  const user = useAppSelector(selectUser);
  const dispatch = useAppDispatch();
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
      <LanguageToggle />
      <button type="button" className="button button-quiet" data-testid="logout" onClick={() => void dispatch(logOut())}>
        {t('topBar.logout')}
      </button>
    </header>
  );
}
