// Journal entries reach a window in many small stream messages: a resumed link replays a
// thousand in pages, a busy minute commits them in groups. Each message folded on its own
// re-rendered the queue and laid it out once per message, several times within one frame
// that shows only the last. Collected until the next frame, a burst costs one fold, one
// commit and one layout, however many messages brought it.

export interface FrameScheduler {
  /** Runs `run` before the next frame is drawn; returns a cancel. */
  frame(run: () => void): () => void;
  /** Runs `run` after `ms`; returns a cancel. */
  later(run: () => void, ms: number): () => void;
}

/**
 * A hidden or minimized window draws no frames, and its entries must still land (the arrival
 * sound, the commander's inbox): whichever comes first, the frame or this, flushes.
 */
export const HIDDEN_WINDOW_FLUSH_MS = 200;

export const browserFrames: FrameScheduler = {
  frame(run) {
    if (typeof requestAnimationFrame !== 'function') return browserFrames.later(run, 0);
    const handle = requestAnimationFrame(run);
    return () => cancelAnimationFrame(handle);
  },
  later(run, ms) {
    const handle = setTimeout(run, ms);
    return () => clearTimeout(handle);
  },
};

export interface FrameCoalescer<T> {
  /** Queues `items` for the next flush, in order after everything queued before. */
  push(items: readonly T[]): void;
  /** Delivers what is queued now, if anything. Call before anything that must see it applied. */
  flush(): void;
  /** Drops what is queued and stops: the session ended. */
  cancel(): void;
}

export function coalescePerFrame<T>(deliver: (items: T[]) => void, scheduler: FrameScheduler = browserFrames): FrameCoalescer<T> {
  let queued: T[] = [];
  let cancels: Array<() => void> = [];

  const unschedule = () => {
    for (const cancel of cancels) cancel();
    cancels = [];
  };
  const flush = () => {
    unschedule();
    if (queued.length === 0) return;
    const items = queued;
    queued = [];
    deliver(items);
  };

  return {
    push(items) {
      if (items.length === 0) return;
      for (const item of items) queued.push(item);
      if (cancels.length === 0) cancels = [scheduler.frame(flush), scheduler.later(flush, HIDDEN_WINDOW_FLUSH_MS)];
    },
    flush,
    cancel() {
      unschedule();
      queued = [];
    },
  };
}
