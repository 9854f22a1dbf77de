// Where the incident is: a static SVG of the streets around it with its dispatched units,
// and the nearest cameras, each one click away from its live picture.
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LonLat } from '../../../../shared/domain';
import { distanceMeters } from '../../../../shared/geo/distance';
import type { ResponseOf } from '../../../../shared/protocol/api';
import type { UnitPosition } from '../../../../shared/protocol/units';
import type { CapFacts } from '../../../../shared/intake/facts';
import { useBootstrap } from '../../app/BootstrapContext';
import { useHotkeys } from '../../app/hotkeys';
import { nameLanguage } from '../../i18n';
import { nearestCameras } from '../map/nearestCameras';
import type { TileStatus } from '../video/tileAssignment';
import { startTilePlayer } from '../video/tilePlayer';
import { distanceText } from './dispatchText';
import { projector, snippetShapes } from './mapSnippet';

type Camera = ResponseOf<'townCameras'>['items'][number];
type BaseMap = ResponseOf<'townBasemap'>;

export interface NearCamera {
  camera: Camera;
  meters: number;
}

const CAMERA_RADIUS_M = 500;

export function camerasNear(cameras: readonly Camera[], at: LonLat): NearCamera[] {
  return nearestCameras(cameras, at, { limit: 4, withinMeters: CAMERA_RADIUS_M }).map((camera) => ({ camera, meters: distanceMeters(at, camera.location) }));
}

type CapArea = CapFacts['areas'][number];

export const MapSnippet = memo(function MapSnippet({
  basemap,
  center,
  units,
  cameras,
  alertAreas = [],
}: {
  basemap: BaseMap | null;
  center: LonLat;
  units: ReadonlyArray<UnitPosition & { name: string }>;
  cameras: readonly NearCamera[];
  /** The areas of the incident's CAP alerts ([lon, lat] rings, circles in km). */
  alertAreas?: ReadonlyArray<CapArea>;
}) {
  const shapes = useMemo(() => (basemap ? snippetShapes(basemap, center) : null), [basemap, center]);
  const project = useMemo(() => projector(center), [center]);
  const r = shapes?.radius ?? 400;
  return (
    <svg className="detail-map-svg" viewBox={`${-r} ${-r} ${2 * r} ${2 * r}`} role="img" data-testid="detail-map" aria-hidden={false}>
      <rect x={-r} y={-r} width={2 * r} height={2 * r} className="snippet-ground" />
      {shapes?.blocks.map((d, i) => <path key={`b${i}`} d={d} className="snippet-block" />)}
      {shapes?.water.map((w, i) => <path key={`w${i}`} d={w.d} className="snippet-water" strokeWidth={Math.max(6, w.width)} />)}
      {shapes?.roads.map((road, i) => <path key={`r${i}`} d={road.d} className={road.main ? 'snippet-road snippet-road-main' : 'snippet-road'} />)}
      {alertAreas.flatMap((area, a) => [
        ...area.polygons.map((ring, i) => (
          <path key={`ap${a}-${i}`} className="snippet-alert-area" data-testid="detail-map-alert-area" d={`${ring.map(([lon, lat], k) => `${k ? 'L' : 'M'}${project(lon, lat).map((v) => v.toFixed(1)).join(' ')}`).join('')}Z`} />
        )),
        ...area.circles.map((circle, i) => {
          const [x, y] = project(circle.center[0], circle.center[1]);
          return <circle key={`ac${a}-${i}`} className="snippet-alert-area" data-testid="detail-map-alert-area" cx={x} cy={y} r={circle.radiusKm * 1000} />;
        }),
      ])}
      {cameras.map(({ camera }) => {
        const [x, y] = project(camera.location.lon, camera.location.lat);
        return <rect key={camera.id} x={x - 7} y={y - 7} width={14} height={14} className="snippet-camera" />;
      })}
      {units.map((unit) => {
        const [x, y] = project(unit.lon, unit.lat);
        const inside = Math.abs(x) <= r && Math.abs(y) <= r;
        // A unit still far away is drawn on the edge, pointing the way it comes from.
        const scale = inside ? 1 : (r - 16) / Math.max(Math.abs(x), Math.abs(y));
        return (
          <g key={unit.id} transform={`translate(${(x * scale).toFixed(1)} ${(y * scale).toFixed(1)})`} className={`snippet-unit snippet-unit-${unit.status}`} data-testid="detail-map-unit">
            <path d="M0 -14 L12 10 L-12 10 Z" />
            <text y={30} textAnchor="middle">{unit.name}</text>
          </g>
        );
      })}
      <circle r={14} className="snippet-incident-halo" />
      <circle r={7} className="snippet-incident" />
    </svg>
  );
});

function CameraPopover({ camera, onClose }: { camera: Camera; onClose: () => void }) {
  const { t } = useTranslation();
  const { hubUrl } = useBootstrap();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [status, setStatus] = useState<TileStatus>('connecting');
  useHotkeys([{ combo: 'Escape', labelKey: 'detail.closeVideo', run: onClose }]);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    // The same bounded player as a wall tile; destroyed with the popover, so nothing keeps loading.
    const player = startTilePlayer(video, new URL(camera.streamUrl, `${hubUrl || window.location.origin}/`).href, setStatus);
    return () => player.destroy();
  }, [camera.streamUrl, hubUrl]);
  return (
    <div className="camera-popover" role="dialog" aria-label={camera.name} data-testid="camera-popover">
      <div className="camera-popover-head">
        <span>{camera.name}</span>
        <span className={`video-badge video-badge-${status}`}>{t(`video.status.${status}`)}</span>
        <button type="button" className="button button-quiet" onClick={onClose}>
          {t('detail.closeVideo')} <kbd>Esc</kbd>
        </button>
      </div>
      <video ref={videoRef} muted playsInline autoPlay />
    </div>
  );
}

export function NearbyCameras({ cameras }: { cameras: readonly NearCamera[] }) {
  const { t, i18n } = useTranslation();
  const lang = nameLanguage(i18n.language);
  const [open, setOpen] = useState<Camera | null>(null);
  return (
    <div className="detail-cameras">
      {cameras.length === 0 ? <p className="hint">{t('detail.noCameras')}</p> : null}
      <ul>
        {cameras.map(({ camera, meters }) => (
          <li key={camera.id}>
            <button type="button" className="camera-row" data-testid="camera-row" data-camera-id={camera.id} onClick={() => setOpen(camera)}>
              <span className="camera-name">{camera.name}</span>
              <span className="camera-kind">{t(`map.cameraKind.${camera.kind}`)}</span>
              <span className="camera-distance">{distanceText(meters, lang)}</span>
            </button>
          </li>
        ))}
      </ul>
      {open ? <CameraPopover key={open.id} camera={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
