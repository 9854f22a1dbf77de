// The video wall: 1, 4, 9 or 16 tiles. It starts on the cameras nearest the middle of the
// town; when the commander focuses an incident, the cameras nearest it take over every
// tile that is not pinned. Cameras are read once, through the window's cache (app/hubApi.ts).
import { skipToken } from '@reduxjs/toolkit/query';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { LonLat } from '../../../../shared/domain';
import { useBootstrap } from '../../app/BootstrapContext';
import { clockTime } from '../../app/formatTime';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { selectIncidentById } from '../queue/queueSlice';
import { useIncidentQuery, useTownCamerasQuery } from '../../app/hubApi';
import { useRetryOnError } from '../../app/useRetryOnError';
import { useNow } from '../../app/useNow';
import { selectWallFocus } from '../wallFocus/wallFocusSlice';
import { assignTiles, rankCameras, type RankableCamera } from './tileAssignment';
import { VideoTile, type TileCamera } from './VideoTile';
import { columnsFor, initialLayout, LAYOUT_STORAGE_KEY, layoutForKey } from './videoLayout';
import { layoutChosen, selectVideoWall, tilesAssigned } from './videoSlice';
import './video.css';

type WallCamera = TileCamera & RankableCamera;

/** The town's cameras through the window's cache (app/hubApi.ts); asked again while the hub cannot answer. */
function useCameras(): WallCamera[] | null {
  const { data, error, refetch } = useTownCamerasQuery();
  useRetryOnError(error, refetch);
  return data?.items ?? null;
}

/** Where the focused incident is: from the queue when it is open there, else from the cached record (kept current by the stream). */
function useFocusLocation(): { incidentId: string | null; at: LonLat | null } {
  const { incidentId } = useAppSelector(selectWallFocus);
  const queued = useAppSelector((state) => (incidentId ? (selectIncidentById(state, incidentId)?.location ?? null) : null));
  const { data: fetched } = useIncidentQuery(incidentId && !queued ? { params: { id: incidentId } } : skipToken);
  const at = queued ?? (fetched && fetched.id === incidentId ? (fetched.location ?? null) : null);
  return { incidentId, at };
}

function savedLayout(): string | null {
  try {
    return localStorage.getItem(LAYOUT_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function VideoWall() {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { hubUrl } = useBootstrap();
  const { layout, tiles } = useAppSelector(selectVideoWall);
  const cameras = useCameras();
  const focus = useFocusLocation();
  const clock = clockTime(useNow(1_000));

  useEffect(() => {
    dispatch(layoutChosen(initialLayout(window.location.search, savedLayout())));
  }, [dispatch]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const next = event.ctrlKey || event.altKey || event.metaKey ? null : layoutForKey(event.key);
      if (!next) return;
      dispatch(layoutChosen(next));
      try {
        localStorage.setItem(LAYOUT_STORAGE_KEY, String(next));
      } catch {
        // Not saved; the choice still holds for this window.
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch]);

  const focusLon = focus.at?.lon;
  const focusLat = focus.at?.lat;
  const ranked = useMemo(
    () => (cameras ? rankCameras(cameras, focusLon !== undefined && focusLat !== undefined ? { lon: focusLon, lat: focusLat } : null) : null),
    [cameras, focusLon, focusLat],
  );
  useEffect(() => {
    if (!ranked) return;
    dispatch((innerDispatch, getState) => {
      innerDispatch(tilesAssigned(assignTiles(getState().video.tiles, layout, ranked)));
    });
  }, [dispatch, ranked, layout]);

  const byId = useMemo(() => new Map((cameras ?? []).map((camera) => [camera.id, camera])), [cameras]);

  if (cameras === null) {
    return (
      <div className="empty-state" data-testid="video-loading">
        <p>{t('video.loading')}</p>
      </div>
    );
  }
  if (cameras.length === 0) {
    return (
      <div className="empty-state" data-testid="video-empty">
        <h2>{t('video.emptyTitle')}</h2>
        <p>{t('video.emptyBody')}</p>
      </div>
    );
  }
  const columns = columnsFor(layout);
  return (
    <div
      className="video-wall"
      data-testid="video-wall"
      data-layout={layout}
      data-focus-id={focus.incidentId ?? ''}
      style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${columns}, minmax(0, 1fr))` }}
    >
      {tiles.slice(0, layout).map((tile, index) => (
        <VideoTile
          key={index}
          index={index}
          tile={tile}
          camera={tile.cameraId ? (byId.get(tile.cameraId) ?? null) : null}
          hubUrl={hubUrl}
          clock={clock}
        />
      ))}
    </div>
  );
}
