import { describe, expect, it } from 'vitest';
import { WINDOW_KINDS } from '../../shared/windows';
import { clampRect, displayForRect, planWindows, type DisplayInfo, type PlannedWindow, type Rect, type SavedLayout } from './window-plan';

const FHD = (x: number, y = 0): Rect => ({ x, y, width: 1920, height: 1080 });
const display = (id: number, bounds: Rect, primary = false, taskbar = 0): DisplayInfo => ({
  id,
  bounds,
  workArea: { ...bounds, height: bounds.height - taskbar },
  primary,
});

const ONE = [display(1, FHD(0), true, 40)];
const TWO = [display(1, FHD(0), true, 40), display(2, FHD(1920))];
const FOUR = [display(1, FHD(0), true, 40), display(2, FHD(1920)), display(3, FHD(3840)), display(4, FHD(5760))];

const byKind = (plan: PlannedWindow[]) => Object.fromEntries(plan.map((p) => [p.kind, p]));
const inside = (r: Rect, a: Rect) =>
  r.x >= a.x && r.y >= a.y && r.x + r.width <= a.x + a.width && r.y + r.height <= a.y + a.height;
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function expectEveryWindowOnScreen(plan: PlannedWindow[], displays: DisplayInfo[]) {
  for (const w of plan) {
    const d = displays.find((x) => x.id === w.displayId);
    expect(d, `${w.kind} is on a display that exists`).toBeDefined();
    expect(inside(w.bounds, w.fullscreen ? d!.bounds : d!.workArea!)).toBe(true);
  }
}

describe('planWindows', () => {
  it('with one display, opens the seat and the three walls as normal windows that do not overlap', () => {
    const plan = planWindows(ONE);
    expect(plan.map((p) => p.kind)).toEqual(['seat', 'wall-map', 'wall-video', 'wall-board']);
    expect(plan.every((p) => p.displayId === 1 && !p.fullscreen)).toBe(true);
    expectEveryWindowOnScreen(plan, ONE);
    for (const a of plan) for (const b of plan) if (a !== b) expect(overlaps(a.bounds, b.bounds)).toBe(false);
    // The operator's console gets the larger share of the only screen.
    const seat = byKind(plan).seat!;
    expect(seat.bounds.width).toBeGreaterThan(1920 / 2);
    expect(seat.bounds.height).toBe(1040);
  });

  it('with two displays, keeps the seat on the primary and tiles all walls on the other, not fullscreen', () => {
    const plan = byKind(planWindows(TWO));
    expect(plan.seat).toMatchObject({ displayId: 1, fullscreen: false, bounds: { x: 0, y: 0, width: 1920, height: 1040 } });
    for (const kind of ['wall-map', 'wall-video', 'wall-board']) {
      expect(plan[kind]).toMatchObject({ displayId: 2, fullscreen: false });
    }
    const walls = [plan['wall-map']!, plan['wall-video']!, plan['wall-board']!];
    for (const a of walls) for (const b of walls) if (a !== b) expect(overlaps(a.bounds, b.bounds)).toBe(false);
    expectEveryWindowOnScreen(Object.values(plan), TWO);
  });

  it('with four displays, gives each wall a display of its own, fullscreen, in order map, video, board', () => {
    const plan = byKind(planWindows(FOUR));
    expect(plan.seat).toMatchObject({ displayId: 1, fullscreen: false });
    expect(plan['wall-map']).toEqual({ kind: 'wall-map', displayId: 2, bounds: FHD(1920), fullscreen: true });
    expect(plan['wall-video']).toEqual({ kind: 'wall-video', displayId: 3, bounds: FHD(3840), fullscreen: true });
    expect(plan['wall-board']).toEqual({ kind: 'wall-board', displayId: 4, bounds: FHD(5760), fullscreen: true });
  });

  it('with three displays, the map keeps a display of its own and video and board share the last', () => {
    const plan = byKind(planWindows(FOUR.slice(0, 3)));
    expect(plan['wall-map']).toMatchObject({ displayId: 2, fullscreen: true });
    expect(plan['wall-video']).toMatchObject({ displayId: 3, fullscreen: false });
    expect(plan['wall-board']).toMatchObject({ displayId: 3, fullscreen: false });
  });

  it('puts the console on the primary display even when the primary is not listed first', () => {
    const displays = [display(7, FHD(-1920)), display(8, FHD(0), true)];
    const plan = byKind(planWindows(displays));
    expect(plan.seat!.displayId).toBe(8);
    expect(plan['wall-map']!.displayId).toBe(7);
  });

  it('plans the commander console and can leave the walls out', () => {
    expect(planWindows(FOUR, undefined, { console: 'command', walls: false })).toEqual([
      { kind: 'command', displayId: 1, bounds: { x: 0, y: 0, width: 1920, height: 1040 }, fullscreen: false },
    ]);
  });

  it('when a wall display is unplugged, moves its window to the remaining displays and loses none', () => {
    const before = byKind(planWindows(FOUR));
    expect(before['wall-board']!.displayId).toBe(4);
    const after = planWindows(FOUR.slice(0, 3));
    expect(after).toHaveLength(4);
    expect(byKind(after)['wall-board']!.displayId).toBe(3);
    expectEveryWindowOnScreen(after, FOUR.slice(0, 3));
    // Down to the laptop screen alone: everything still opens, tiled beside the seat.
    const alone = planWindows(ONE);
    expect(alone.map((p) => p.kind).sort()).toEqual(['seat', 'wall-board', 'wall-map', 'wall-video']);
  });

  it('when a display is added, spreads the walls onto it', () => {
    const before = byKind(planWindows(TWO));
    expect(before['wall-video']!.fullscreen).toBe(false);
    const after = byKind(planWindows([...TWO, display(3, FHD(3840))]));
    expect(after['wall-map']).toMatchObject({ displayId: 2, fullscreen: true });
    expect(after['wall-video']).toMatchObject({ displayId: 3, fullscreen: false });
  });

  it('keeps where the user put a window, and spreads the others around it', () => {
    const saved: SavedLayout = { windows: { 'wall-board': { displayId: 2 } } };
    const plan = byKind(planWindows(FOUR, saved));
    // Alone on the display the user chose, the board is fullscreen there.
    expect(plan['wall-board']).toMatchObject({ displayId: 2, fullscreen: true });
    // The map still comes first among the unplaced walls and gets a free display.
    expect(plan['wall-map']).toMatchObject({ displayId: 3, fullscreen: true });
    expect(plan['wall-video']).toMatchObject({ displayId: 4, fullscreen: true });
    // A wall sharing display 2 with the board is not fullscreen.
    const plan3 = byKind(planWindows(FOUR, { windows: { 'wall-board': { displayId: 2 }, 'wall-video': { displayId: 2 } } }));
    expect(plan3['wall-board']!.fullscreen).toBe(false);
    expect(plan3['wall-map']).toMatchObject({ displayId: 3, fullscreen: true });
  });

  it('keeps saved bounds on a display that still exists', () => {
    const bounds = { x: 100, y: 50, width: 1200, height: 800 };
    const plan = byKind(planWindows(ONE, { windows: { seat: { displayId: 1, bounds } } }));
    expect(plan.seat).toMatchObject({ displayId: 1, bounds });
    // The walls still stack beside the console, not over the whole screen.
    expect(plan['wall-map']!.bounds.x).toBeGreaterThanOrEqual(1152);
  });

  it('ignores a stale saved layout whose displays are gone', () => {
    const saved: SavedLayout = {
      windows: {
        seat: { displayId: 99, bounds: { x: 9000, y: 0, width: 800, height: 600 } },
        'wall-map': { displayId: 42 },
        'wall-video': { displayId: 43, bounds: { x: 1, y: 1, width: 2, height: 2 } },
      },
    };
    expect(planWindows(TWO, saved)).toEqual(planWindows(TWO));
    expect(planWindows(FOUR, saved)).toEqual(planWindows(FOUR));
  });

  it('clamps saved bounds that hang off the display or are larger than it', () => {
    const plan = byKind(
      planWindows(TWO, {
        windows: {
          seat: { displayId: 1, bounds: { x: -500, y: 900, width: 1000, height: 700 } },
          'wall-map': { displayId: 2, bounds: { x: 1000, y: -50, width: 5000, height: 4000 } },
          'wall-video': { displayId: 2, bounds: { x: 9000, y: 9000, width: 10, height: 10 } },
        },
      }),
    );
    expect(plan.seat!.bounds).toEqual({ x: 0, y: 340, width: 1000, height: 700 });
    expect(plan['wall-map']!.bounds).toEqual(FHD(1920));
    expect(plan['wall-video']!.bounds).toEqual({ x: 3840 - 480, y: 1080 - 320, width: 480, height: 320 });
    expectEveryWindowOnScreen(Object.values(plan), TWO);
  });

  it('always plans every window exactly once, whatever the displays and saved layout', () => {
    const layouts: SavedLayout[] = [
      { windows: {} },
      { windows: { seat: { displayId: 4 }, 'wall-map': { displayId: 1 } } },
      { windows: { 'wall-map': { displayId: 3 }, 'wall-video': { displayId: 3 }, 'wall-board': { displayId: 3 } } },
    ];
    for (const displays of [ONE, TWO, FOUR, FOUR.slice(1), [FOUR[3]!]]) {
      for (const layout of layouts) {
        const plan = planWindows(displays, layout);
        expect(plan.map((p) => p.kind)).toEqual(['seat', 'wall-map', 'wall-video', 'wall-board']);
        expectEveryWindowOnScreen(plan, displays);
        for (const p of plan) {
          const sharing = plan.filter((q) => q.displayId === p.displayId).length;
          if (p.fullscreen) expect(sharing).toBe(1);
        }
      }
    }
  });

  it('plans nothing without displays', () => {
    expect(planWindows([])).toEqual([]);
  });

  it('only knows window kinds from the shared list', () => {
    for (const p of planWindows(FOUR)) expect(WINDOW_KINDS).toContain(p.kind);
  });
});

describe('clampRect', () => {
  const area = { x: 0, y: 0, width: 1000, height: 800 };
  it('leaves a rectangle that fits alone', () => {
    expect(clampRect({ x: 10, y: 20, width: 500, height: 400 }, area)).toEqual({ x: 10, y: 20, width: 500, height: 400 });
  });
  it('shrinks to a small area rather than overflow it', () => {
    expect(clampRect({ x: 0, y: 0, width: 500, height: 400 }, { x: 5, y: 5, width: 300, height: 200 })).toEqual({
      x: 5,
      y: 5,
      width: 300,
      height: 200,
    });
  });
});

describe('displayForRect', () => {
  it('picks the display a window mostly overlaps, or the nearest one when it is off every screen', () => {
    expect(displayForRect({ x: 1800, y: 0, width: 400, height: 300 }, TWO)!.id).toBe(2);
    expect(displayForRect({ x: 1500, y: 0, width: 400, height: 300 }, TWO)!.id).toBe(1);
    expect(displayForRect({ x: 9000, y: 0, width: 400, height: 300 }, TWO)!.id).toBe(2);
  });
});
