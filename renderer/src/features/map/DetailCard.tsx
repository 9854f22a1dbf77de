// What a click on the map opens: the picked thing in a few rows. Escape or the button
// closes it; the card never covers the legend.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ObjectDescription } from './mapObjects';

export function DetailCard({ description, onClose }: { description: ObjectDescription; onClose: () => void }) {
  const { t } = useTranslation();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <aside className="map-card" data-testid="map-card" aria-live="polite">
      <header className="map-card-header">
        <h2>{description.title}</h2>
        <button type="button" className="map-card-close" onClick={onClose} aria-label={t('map.card.close')}>
          ×
        </button>
      </header>
      <dl>
        {description.rows.map((row, index) => (
          <div key={index} className={row.tone ? `map-card-row ${row.tone}` : 'map-card-row'}>
            {row.label && <dt>{row.label}</dt>}
            <dd>{row.value}</dd>
          </div>
        ))}
      </dl>
    </aside>
  );
}
