import { describe, expect, it } from 'vitest';
import { coalescePerFrame, HIDDEN_WINDOW_FLUSH_MS, type FrameScheduler } from './frameCoalescer';

/** Frames and timers run by hand, so the test says which comes first. */
function manualScheduler() {
  const frames = new Set<() => void>();
  const timers = new Set<{ run: () => void; ms: number }>();
  const scheduler: FrameScheduler = {
    frame(run) {
      frames.add(run);
      return () => frames.delete(run);
    },
    later(run, ms) {
      const timer = { run, ms };
      timers.add(timer);
      return () => timers.delete(timer);
    },
  };
  return {
    scheduler,
    drawFrame() {
      const due = [...frames];
      frames.clear();
      for (const run of due) run();
    },
    fireTimers() {
      const due = [...timers];
      timers.clear();
      for (const timer of due) timer.run();
    },
    pending: () => ({ frames: frames.size, timers: [...timers].map((t) => t.ms) }),
  };
}

describe('coalescing stream messages per frame', () => {
  it('delivers every message of a frame as one batch, in order, when the frame comes', () => {
    const clock = manualScheduler();
    const delivered: number[][] = [];
    const inbox = coalescePerFrame<number>((items) => delivered.push(items), clock.scheduler);
    inbox.push([1, 2]);
    inbox.push([]);
    inbox.push([3]);
    expect(delivered).toEqual([]);
    expect(clock.pending()).toEqual({ frames: 1, timers: [HIDDEN_WINDOW_FLUSH_MS] });
    clock.drawFrame();
    expect(delivered).toEqual([[1, 2, 3]]);
    // The timer that would have flushed a hidden window is cancelled with the frame.
    expect(clock.pending()).toEqual({ frames: 0, timers: [] });
    inbox.push([4]);
    clock.drawFrame();
    expect(delivered).toEqual([[1, 2, 3], [4]]);
  });

  it('delivers in a window that draws no frames, once the timer fires', () => {
    const clock = manualScheduler();
    const delivered: string[][] = [];
    const inbox = coalescePerFrame<string>((items) => delivered.push(items), clock.scheduler);
    inbox.push(['a']);
    inbox.push(['b']);
    clock.fireTimers();
    expect(delivered).toEqual([['a', 'b']]);
    expect(clock.pending()).toEqual({ frames: 0, timers: [] });
  });

  it('flushes on demand, and schedules nothing when empty', () => {
    const clock = manualScheduler();
    const delivered: number[][] = [];
    const inbox = coalescePerFrame<number>((items) => delivered.push(items), clock.scheduler);
    inbox.push([]);
    expect(clock.pending()).toEqual({ frames: 0, timers: [] });
    inbox.flush();
    expect(delivered).toEqual([]);
    inbox.push([7, 8]);
    inbox.flush();
    expect(delivered).toEqual([[7, 8]]);
    expect(clock.pending()).toEqual({ frames: 0, timers: [] });
  });

  it('takes what arrives while delivering into the next frame, not the batch being delivered', () => {
    const clock = manualScheduler();
    const delivered: number[][] = [];
    const inbox = coalescePerFrame<number>((items) => {
      delivered.push(items);
      if (items[0] === 1) inbox.push([2]);
    }, clock.scheduler);
    inbox.push([1]);
    clock.drawFrame();
    expect(delivered).toEqual([[1]]);
    clock.drawFrame();
    expect(delivered).toEqual([[1], [2]]);
  });

  it('drops what is queued when cancelled', () => {
    const clock = manualScheduler();
    const delivered: number[][] = [];
    const inbox = coalescePerFrame<number>((items) => delivered.push(items), clock.scheduler);
    inbox.push([1]);
    inbox.cancel();
    clock.drawFrame();
    clock.fireTimers();
    inbox.flush();
    expect(delivered).toEqual([]);
  });
});
