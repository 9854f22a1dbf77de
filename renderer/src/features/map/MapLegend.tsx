// The legend is also the layer switch: each overlay is a real checkbox, so Tab and Space
// work without a mouse, and the colour keys sit under the layer they explain.
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../../shared/domain';
import { SAFETY_CODES } from '../../../../shared/town';
import { MAP_LAYERS, type LayerVisibility, type MapLayerName } from './layerVisibility';
import { cssColor, PRIORITY_COLORS, REGION_STYLE, SAFETY_COLORS, UNIT_COLORS, CAMERA_COLORS, type Rgba } from './mapTheme';

const UNIT_STATUSES = ['available', 'busy', 'offline'] as const;

function Swatch({ color, shape = 'dot' }: { color: Rgba; shape?: 'dot' | 'line' | 'diamond' }) {
  return <span className={`legend-swatch legend-${shape}`} style={{ background: cssColor(color) }} aria-hidden="true" />;
}

function LayerKey({ layer }: { layer: MapLayerName }) {
  const { t } = useTranslation();
  if (layer === 'places') {
    return (
      <ul className="legend-keys">
        {SAFETY_CODES.map((code) => (
          <li key={code}>
            <Swatch color={SAFETY_COLORS[code]} />
            {t(`map.safetyCode.${code}`)}
          </li>
        ))}
      </ul>
    );
  }
  if (layer === 'units') {
    return (
      <ul className="legend-keys">
        {UNIT_STATUSES.map((status) => (
          <li key={status}>
            <Swatch color={UNIT_COLORS[status]} shape="diamond" />
            {t(`map.unitStatus.${status}`)}
          </li>
        ))}
      </ul>
    );
  }
  if (layer === 'incidents') {
    return (
      <ul className="legend-keys">
        {[...PRIORITIES, 'none' as const].map((priority) => (
          <li key={priority}>
            <Swatch color={PRIORITY_COLORS[priority]} />
            {t(`map.priority.${priority}`)}
          </li>
        ))}
      </ul>
    );
  }
  return null;
}

function layerSwatch(layer: MapLayerName): { color: Rgba; shape: 'dot' | 'line' | 'diamond' } | null {
  if (layer === 'emergency' || layer === 'jointEnforcement' || layer === 'grid') return { color: REGION_STYLE[layer].color, shape: 'line' };
  if (layer === 'cameras') return { color: CAMERA_COLORS.street, shape: 'dot' };
  return null;
}

export function MapLegend({ visibility, onToggle }: { visibility: LayerVisibility; onToggle: (layer: MapLayerName) => void }) {
  const { t } = useTranslation();
  return (
    <section className="map-legend" aria-label={t('map.legend')} data-testid="map-legend">
      <h2 className="legend-title">{t('map.layersTitle')}</h2>
      <ul className="legend-layers">
        {MAP_LAYERS.map((layer) => {
          const swatch = layerSwatch(layer);
          return (
            <li key={layer}>
              <label className="legend-toggle">
                <input type="checkbox" checked={visibility[layer]} onChange={() => onToggle(layer)} data-testid={`layer-${layer}`} />
                {swatch && <Swatch color={swatch.color} shape={swatch.shape} />}
                {t(`map.layer.${layer}`)}
              </label>
              {visibility[layer] && <LayerKey layer={layer} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
