// One tile of the video wall: the camera's own name over its picture (demo clips are
// shared between cameras), its live state and the time. The player lives and dies with
// the tile and its camera; it is paused while the tile cannot be seen.
import { memo, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppDispatch } from '../../app/hooks';
import type { TileDescriptor } from './tileAssignment';
import { startTilePlayer, type TilePlayer } from './tilePlayer';
import { tilePinToggled, tileStatusChanged } from './videoSlice';

export interface TileCamera {
  id: string;
  name: string;
  streamUrl: string;
}

function useTilePlayer(index: number, camera: TileCamera | null, hubUrl: string) {
  const dispatch = useAppDispatch();
  const tileRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const cameraId = camera?.id ?? null;
  const streamUrl = camera?.streamUrl ?? null;

  useEffect(() => {
    const video = videoRef.current;
    const tile = tileRef.current;
    if (!video || !tile || !cameraId || !streamUrl) return;
    const player: TilePlayer = startTilePlayer(video, new URL(streamUrl, `${hubUrl}/`).href, (status) =>
      dispatch(tileStatusChanged({ index, cameraId, status })),
    );
    let intersecting = true;
    const update = () => player.setVisible(intersecting && document.visibilityState !== 'hidden');
    const observer = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver((entries) => {
      intersecting = entries.some((entry) => entry.isIntersecting);
      update();
    });
    observer?.observe(tile);
    document.addEventListener('visibilitychange', update);
    update();
    return () => {
      observer?.disconnect();
      document.removeEventListener('visibilitychange', update);
      player.destroy();
    };
  }, [dispatch, index, cameraId, streamUrl, hubUrl]);

  return { tileRef, videoRef };
}

export const VideoTile = memo(function VideoTile({ index, camera, tile, hubUrl, clock }: {
  index: number;
  camera: TileCamera | null;
  tile: TileDescriptor;
  hubUrl: string;
  clock: string;
}) {
  const { t } = useTranslation();
  const dispatch = useAppDispatch();
  const { tileRef, videoRef } = useTilePlayer(index, camera, hubUrl);
  return (
    <div
      ref={tileRef}
      className={`video-tile video-${tile.status}`}
      data-testid="video-tile"
      data-camera-id={camera?.id ?? ''}
      data-status={tile.status}
      data-pinned={tile.pinned}
      onDoubleClick={() => dispatch(tilePinToggled(index))}
    >
      <video ref={videoRef} muted playsInline autoPlay />
      <div className="video-caption">
        <span className="video-name">{camera ? camera.name : t('video.noCamera')}</span>
        {tile.pinned && <span className="video-pin">{t('video.pinned')}</span>}
      </div>
      <div className="video-state">
        <span className={`video-badge video-badge-${tile.status}`}>{t(`video.status.${tile.status}`)}</span>
        <span className="video-clock">{clock}</span>
      </div>
      {tile.status === 'lost' && camera && (
        <div className="video-lost-overlay" role="status">
          {t('video.signalLost')}
        </div>
      )}
    </div>
  );
});
