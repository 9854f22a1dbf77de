import { MapView, type PickingInfo } from '@deck.gl/core';
import DeckGL from '@deck.gl/react';
import { createSelector } from '@reduxjs/toolkit';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { categoryName } from '../../../../shared/taxonomy';
import { queueTime } from '../../app/formatTime';
import { useAppSelector } from '../../app/hooks';
import { nameLanguage } from '../../i18n';
import { selectOpenIncidents } from '../queue/queueSlice';
import { incidentLayer, toIncidentPoints } from './layers';
import { cssColor, STATE_COLORS } from './stateColors';
import { OPEN_STATES } from '../../../../shared/domain';

/** Sandun town centre. */
export const INITIAL_VIEW_STATE = { longitude: 120.08, latitude: 30.33, zoom: 12, pitch: 0, bearing: 0 };
// Views are compared by identity; one instance for the module keeps deck.gl from
// rebuilding its viewports on every render.
const VIEW = new MapView({ id: 'map', repeat: false });

const selectIncidentPoints = createSelector([selectOpenIncidents], toIncidentPoints);

export function IncidentMap() {
  const { t, i18n } = useTranslation();
  const incidents = useAppSelector((state) => state.queue.entities);
  const points = useAppSelector(selectIncidentPoints);
  const [hoveredId, setHoveredId] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  const lang = nameLanguage(i18n.language);

  const onHover = useCallback(
    (info: PickingInfo) => setHoveredId(info.index >= 0 ? (points.ids[info.index] ?? null) : null),
    [points],
  );

  const getTooltip = useCallback(
    (info: PickingInfo) => {
      if (info.index < 0 || info.layer?.id !== 'open-incidents') return null;
      const incident = incidents[points.ids[info.index] ?? ''];
      if (!incident) return null;
      return {
        // Plain text only: titles come from the public and must never become markup.
        text: `${incident.title}\n${categoryName(incident.category, lang)}\n${t('map.tooltipTime', {
          time: queueTime(incident.createdAt, Date.now()),
        })}`,
        className: 'map-tooltip',
      };
    },
    [incidents, points, lang, t],
  );

  if (failed) return <div className="empty-state"><p>{t('map.noWebgl')}</p></div>;

  return (
    <div className="map" data-testid="incident-map" data-points={points.length}>
      <DeckGL
        views={VIEW}
        initialViewState={INITIAL_VIEW_STATE}
        controller
        layers={[incidentLayer(points, { focusedId: hoveredId })]}
        onHover={onHover}
        getTooltip={getTooltip}
        onError={(error) => {
          if (/webgl|context/i.test(error.message)) setFailed(true);
        }}
      />
      <MapLegend />
    </div>
  );
}

function MapLegend() {
  const { t } = useTranslation();
  return (
    <ul className="map-legend" aria-label={t('map.legend')}>
      {OPEN_STATES.map((state) => (
        <li key={state}>
          <span className="legend-dot" style={{ background: cssColor(STATE_COLORS[state]) }} />
          {t(`state.${state}`)}
        </li>
      ))}
    </ul>
  );
}
