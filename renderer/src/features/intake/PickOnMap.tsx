// A small SVG of the town's base map: a click sets the incident's point. SVG rather than a
// second deck.gl canvas, so the seat keeps no WebGL context for a panel opened now and then.
import { useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/protocol/api';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useTownBasemapQuery } from '../../app/hubApi';
import { draftPoint } from './assistThunks';
import { pointPicked, selectIntake } from './intakeSlice';
import { frameOf, project, svgPath, unproject } from './mapPick';

type BaseMap = ResponseOf<'townBasemap'>;

export function PickOnMap() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { draft } = useAppSelector(selectIntake);
  // The window's cached base map (app/hubApi.ts), the same answer the detail's map reads.
  const { data, isError: failed } = useTownBasemapQuery();
  const basemap: BaseMap | null = data ?? null;

  const drawn = useMemo(() => {
    const ring = basemap?.boundary[0];
    if (!basemap || !ring?.length) return null;
    const frame = frameOf(ring);
    return {
      frame,
      boundary: svgPath(frame, ring, true),
      water: basemap.water.map((w) => ({ d: svgPath(frame, w.path), width: Math.max(4, w.width / 5) })),
      main: basemap.roads.filter((r) => r.kind === 'main').map((r) => svgPath(frame, r.path)),
      branch: basemap.roads.filter((r) => r.kind === 'branch').map((r) => svgPath(frame, r.path)),
    };
  }, [basemap]);

  if (failed) return <p className="hint message-error">{t('intakeAssist.mapFailed')}</p>;
  if (!drawn) return <p className="hint">{t('intakeAssist.mapLoading')}</p>;

  const { frame } = drawn;
  const onClick = (event: MouseEvent<SVGSVGElement>) => {
    const svg = event.currentTarget;
    const matrix = svg.getScreenCTM();
    if (!matrix) return;
    const at = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    dispatch(pointPicked(unproject(frame, at.x, at.y)));
  };
  const point = draftPoint(draft);
  const marker = point ? project(frame, point.lon, point.lat) : null;
  const r = frame.height / 80;
  return (
    <figure className="pick-map" data-testid="pick-map">
      <svg viewBox={`0 0 ${frame.width.toFixed(0)} ${frame.height.toFixed(0)}`} role="img" aria-label={t('intakeAssist.mapLabel')} onClick={onClick}>
        <path d={drawn.boundary} className="pick-land" />
        {drawn.water.map((w, i) => (
          <path key={`w${i}`} d={w.d} className="pick-water" strokeWidth={w.width} />
        ))}
        {drawn.branch.map((d, i) => (
          <path key={`b${i}`} d={d} className="pick-road-branch" />
        ))}
        {drawn.main.map((d, i) => (
          <path key={`m${i}`} d={d} className="pick-road-main" />
        ))}
        {marker ? <circle cx={marker[0]} cy={marker[1]} r={r} className="pick-marker" data-testid="pick-marker" /> : null}
      </svg>
      <figcaption className="hint">{t('intakeAssist.mapHint')}</figcaption>
    </figure>
  );
}
