// The legend is also the layer switch: each overlay is a real checkbox, so Tab and Space
// work without a mouse, and the colour keys sit under the layer they explain.
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../../shared/domain';
import { RISK_COLOURS } from '../../../../shared/analysis/risk';
import { SAFETY_CODES } from '../../../../shared/town';
import { HEAT_RAMP } from './heatLayer';
import { MAP_LAYERS, type LayerVisibility, type MapLayerName } from './layerVisibility';
import { cssColor, PRIORITY_COLORS, REGION_STYLE, SAFETY_COLORS, UNIT_COLORS, CAMERA_COLORS, type Rgba } from './mapTheme';

const UNIT_STATUSES = ['available', 'busy', 'offline'] as const;

type SwatchShape = 'dot' | 'line' | 'diamond' | 'dash' | 'fill';

function Swatch({ color, shape = 'dot' }: { color: Rgba; shape?: SwatchShape }) {
  return <span className={`legend-swatch legend-${shape}`} style={{ background: cssColor(color) }} aria-hidden="true" />;
}

const HEAT_GRADIENT = `linear-gradient(to right, ${HEAT_RAMP.map(cssColor).join(', ')})`;
// The keys read from the worst colour down, as the risk map is read.
const RISK_ORDER = [...RISK_COLOURS].reverse();

function LayerKey({ layer, heatCount }: { layer: MapLayerName; heatCount: number | null }) {
  const { t } = useTranslation();
  if (layer === 'heat') {
    return (
      <div className="legend-ramp">
        {t('map.heat.low')}
        <span className="legend-ramp-bar" style={{ background: HEAT_GRADIENT }} aria-hidden="true" />
        {t('map.heat.high')}
        {heatCount !== null && <span>· {t('map.heat.count', { count: heatCount })}</span>}
      </div>
    );
  }
  if (layer === 'risk') {
    return (
      <ul className="legend-keys">
        {RISK_ORDER.map((colour) => (
          <li key={colour}>
            <Swatch color={SAFETY_COLORS[colour]} shape="fill" />
            {t(`map.risk.colour.${colour}`)}
          </li>
        ))}
      </ul>
    );
  }
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

function layerSwatch(layer: MapLayerName): { color: Rgba; shape: SwatchShape } | null {
  if (layer === 'emergency' || layer === 'jointEnforcement' || layer === 'grid') return { color: REGION_STYLE[layer].color, shape: 'line' };
  if (layer === 'cameras') return { color: CAMERA_COLORS.street, shape: 'dot' };
  if (layer === 'trails') return { color: UNIT_COLORS.busy, shape: 'line' };
  if (layer === 'patrol') return { color: SAFETY_COLORS.orange, shape: 'dash' };
  return null;
}

export function MapLegend({
  visibility,
  onToggle,
  heatCount = null,
}: {
  visibility: LayerVisibility;
  onToggle: (layer: MapLayerName) => void;
  /** Incidents behind the heat map, once loaded. */
  heatCount?: number | null;
}) {
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
              {visibility[layer] && <LayerKey layer={layer} heatCount={heatCount} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
