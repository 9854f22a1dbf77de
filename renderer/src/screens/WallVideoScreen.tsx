// No cameras exist in the data yet. An empty wall that says so beats a looping clip that
// someone might take for a live feed.
import { useTranslation } from 'react-i18next';
import { WallChrome } from '../components/WallChrome';

export function WallVideoScreen() {
  const { t } = useTranslation();
  return (
    <WallChrome>
      <div className="empty-state" data-testid="video-empty">
        <h2>{t('video.emptyTitle')}</h2>
        <p>{t('video.emptyBody')}</p>
      </div>
    </WallChrome>
  );
}
