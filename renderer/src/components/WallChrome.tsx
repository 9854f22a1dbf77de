// The frame every wall screen shares: read from across the room, nothing to click.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useBootstrap } from '../app/BootstrapContext';
import { LinkPill } from '../features/link/LinkPill';
import { Clock } from './Clock';

export function WallChrome({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { kind } = useBootstrap();
  return (
    <div className="wall">
      <header className="wall-bar">
        <div className="brand">{t('app.brand')}</div>
        <h1 className="window-title">{t(`window.${kind}`)}</h1>
        <div className="top-bar-spacer" />
        <LinkPill large />
        <Clock withDate />
      </header>
      <main className="wall-body">{children}</main>
    </div>
  );
}
