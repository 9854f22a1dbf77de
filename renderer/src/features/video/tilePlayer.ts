// One tile's stream: an hls.js player on the tile's own <video>, watched for stalls and
// fatal errors; a lost stream is torn down and opened again after a growing delay, and
// says so (status 'lost') rather than freezing on its last frame. One player per tile,
// destroyed with it.
import Hls from 'hls.js';
import type { TileStatus } from './tileAssignment';
import { retryDelayMs } from './retryBackoff';

/** Bounded buffers: a wall of sixteen must run for a shift without its memory creeping up. */
export const HLS_CONFIG = {
  backBufferLength: 10,
  maxBufferLength: 10,
  maxMaxBufferLength: 20,
  maxBufferSize: 20 * 1000 * 1000,
  lowLatencyMode: true,
  enableWorker: true,
} as const;

/** No progress for this long while waiting for data counts as a lost signal. */
export const STALL_MS = 5_000;
/** No progress for this long without any 'waiting' either: frozen. */
export const FROZEN_MS = 10_000;
const WATCH_MS = 1_000;

export interface TilePlayer {
  setVisible(visible: boolean): void;
  destroy(): void;
}

export function startTilePlayer(video: HTMLVideoElement, url: string, onStatus: (status: TileStatus) => void): TilePlayer {
  let hls: Hls | null = null;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | null = null;
  let visible = true;
  let destroyed = false;
  let waiting = false;
  let lastTime = -1;
  let lastProgressAt = performance.now();
  let status: TileStatus | null = null;

  const report = (next: TileStatus) => {
    if (next === status) return;
    status = next;
    onStatus(next);
  };

  const close = () => {
    hls?.destroy();
    hls = null;
    video.removeAttribute('src');
    video.load();
  };

  const fail = () => {
    if (destroyed || retryTimer !== null) return;
    report('lost');
    close();
    retryTimer = setTimeout(() => {
      retryTimer = null;
      attempt += 1;
      open();
    }, retryDelayMs(attempt));
  };

  function open() {
    if (destroyed) return;
    lastProgressAt = performance.now();
    waiting = false;
    if (!Hls.isSupported()) {
      // Safari-style native HLS, where there is no MediaSource.
      video.src = url;
    } else {
      hls = new Hls({ ...HLS_CONFIG, autoStartLoad: visible });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        if (data.fatal) fail();
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    }
    if (visible) void video.play().catch(() => undefined);
  }

  const onWaiting = () => {
    waiting = true;
  };
  // Demo clips are short files; a real camera's live stream never ends.
  const onEnded = () => {
    video.currentTime = 0;
    void video.play().catch(() => undefined);
  };
  const onError = () => fail();
  video.addEventListener('waiting', onWaiting);
  video.addEventListener('stalled', onWaiting);
  video.addEventListener('ended', onEnded);
  video.addEventListener('error', onError);

  const watchdog = setInterval(() => {
    const now = performance.now();
    if (!visible || retryTimer !== null) {
      lastProgressAt = now;
      return;
    }
    if (video.currentTime !== lastTime) {
      lastTime = video.currentTime;
      lastProgressAt = now;
      waiting = false;
      if (!video.paused && video.readyState >= 2) {
        attempt = 0;
        report('playing');
      }
      return;
    }
    const still = now - lastProgressAt;
    if ((waiting && still > STALL_MS) || still > FROZEN_MS) fail();
  }, WATCH_MS);

  report('connecting');
  open();

  return {
    setVisible(next) {
      if (next === visible || destroyed) return;
      visible = next;
      lastProgressAt = performance.now();
      if (!next) {
        video.pause();
        hls?.stopLoad();
      } else {
        hls?.startLoad(-1);
        void video.play().catch(() => undefined);
      }
    },
    destroy() {
      destroyed = true;
      clearInterval(watchdog);
      if (retryTimer !== null) clearTimeout(retryTimer);
      video.removeEventListener('waiting', onWaiting);
      video.removeEventListener('stalled', onWaiting);
      video.removeEventListener('ended', onEnded);
      video.removeEventListener('error', onError);
      close();
    },
  };
}
