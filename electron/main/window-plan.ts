// Decides which window goes on which display and where. Pure (no Electron) so the rules
// — console on the primary, walls spread over the other displays, nothing lost when a
// display goes away — are tested without a screen. Electron's main process and the
// browser-host launcher both plan with it.
import { WALL_KINDS, isWallKind, type WindowKind } from '../../shared/windows';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayInfo {
  id: number;
  bounds: Rect;
  /** The part of the display not taken by task bars and docks; defaults to `bounds`. */
  workArea?: Rect;
  primary: boolean;
}

/** Where the user put a window themselves; only user moves are saved, never our own plan. */
export interface SavedPlacement {
  displayId: number;
  bounds?: Rect;
}

export interface SavedLayout {
  windows: Partial<Record<WindowKind, SavedPlacement>>;
}

export interface PlannedWindow {
  kind: WindowKind;
  displayId: number;
  bounds: Rect;
  fullscreen: boolean;
}

export type ConsoleKind = Extract<WindowKind, 'seat' | 'command'>;

export interface PlanOptions {
  /** The operator's window: `seat` for a seat operator, `command` for the commander. */
  console?: ConsoleKind;
  /** Whether this machine drives the wall; a seat beside the wall PC runs without. */
  walls?: boolean;
}

/** Smallest window we tile down to; below this a screen is unusable. */
const MIN_WIDTH = 480;
const MIN_HEIGHT = 320;
/** Share of a shared display the console gets; the walls stack in the rest. */
const CONSOLE_SHARE = 0.6;

export const EMPTY_LAYOUT: SavedLayout = { windows: {} };

export function planWindows(
  displays: readonly DisplayInfo[],
  saved: SavedLayout = EMPTY_LAYOUT,
  options: PlanOptions = {},
): PlannedWindow[] {
  if (displays.length === 0) return [];
  const consoleKind = options.console ?? 'seat';
  const kinds: WindowKind[] = [consoleKind, ...(options.walls === false ? [] : WALL_KINDS)];
  const primary = displays.find((d) => d.primary) ?? displays[0]!;
  const others = displays.filter((d) => d !== primary);
  const byId = new Map(displays.map((d) => [d.id, d]));

  // 1. Each window's display: the saved one while it still exists, else the default.
  const assigned = new Map<WindowKind, DisplayInfo>();
  const keptBounds = new Map<WindowKind, Rect>();
  for (const kind of kinds) {
    const placement = saved.windows[kind];
    const display = placement ? byId.get(placement.displayId) : undefined;
    if (!display || !placement) continue;
    assigned.set(kind, display);
    if (placement.bounds) keptBounds.set(kind, placement.bounds);
  }
  const unplaced = kinds.filter((k) => !assigned.has(k));
  const wallsToPlace = unplaced.filter(isWallKind);
  if (unplaced.includes(consoleKind)) assigned.set(consoleKind, primary);
  placeWalls(wallsToPlace, others, primary, assigned);

  // 2. Bounds: alone on a display a wall is fullscreen; shared displays are tiled.
  const plan: PlannedWindow[] = [];
  for (const display of displays) {
    const here = kinds.filter((k) => assigned.get(k) === display);
    if (here.length === 0) continue;
    const area = display.workArea ?? display.bounds;
    if (here.length === 1 && isWallKind(here[0]!)) {
      plan.push({ kind: here[0]!, displayId: display.id, bounds: { ...display.bounds }, fullscreen: true });
      continue;
    }
    const auto = here.filter((k) => !keptBounds.has(k));
    const tiles = tile(area, auto, here.includes(consoleKind) ? consoleKind : undefined);
    for (const kind of here) {
      const kept = keptBounds.get(kind);
      const bounds = kept ? clampRect(kept, area) : tiles.get(kind)!;
      plan.push({ kind, displayId: display.id, bounds, fullscreen: false });
    }
  }
  // Callers create windows in this order: console first, then the walls.
  return kinds.map((k) => plan.find((p) => p.kind === k)!);
}

/**
 * Walls without a (live) saved display go, in order, to a non-primary display nobody
 * uses yet; when those run out, to the last non-primary display (so the map, first,
 * keeps a screen of its own); with one display, next to the console.
 */
function placeWalls(
  walls: readonly WindowKind[],
  others: readonly DisplayInfo[],
  primary: DisplayInfo,
  assigned: Map<WindowKind, DisplayInfo>,
): void {
  for (const wall of walls) {
    const used = new Set(assigned.values());
    const free = others.find((d) => !used.has(d));
    assigned.set(wall, free ?? others[others.length - 1] ?? primary);
  }
}

/**
 * Splits a work area among the windows that need bounds. When the console shares the
 * display (even at bounds the user chose) it keeps the left part and the walls stack in
 * the rest; on a wall display the walls form a grid.
 */
function tile(area: Rect, kinds: readonly WindowKind[], consoleKind: WindowKind | undefined): Map<WindowKind, Rect> {
  const out = new Map<WindowKind, Rect>();
  const others = kinds.filter((k) => k !== consoleKind);
  let rest = area;
  if (consoleKind) {
    if (others.length === 0) {
      out.set(consoleKind, { ...area });
      return out;
    }
    const consoleWidth = Math.round(area.width * CONSOLE_SHARE);
    out.set(consoleKind, clampRect({ x: area.x, y: area.y, width: consoleWidth, height: area.height }, area));
    rest = { x: area.x + consoleWidth, y: area.y, width: area.width - consoleWidth, height: area.height };
  }
  if (others.length === 0) return out;
  // Beside a console the walls stack in one column; on a wall display they form a grid.
  const cols = rest === area ? Math.ceil(Math.sqrt(others.length)) : 1;
  const rows = Math.ceil(others.length / cols);
  const cellWidth = Math.floor(rest.width / cols);
  const cellHeight = Math.floor(rest.height / rows);
  others.forEach((kind, i) => {
    const cell = {
      x: rest.x + (i % cols) * cellWidth,
      y: rest.y + Math.floor(i / cols) * cellHeight,
      width: cellWidth,
      height: cellHeight,
    };
    out.set(kind, clampRect(cell, area));
  });
  return out;
}

/**
 * Fits a rectangle inside an area: never larger than it, never smaller than the minimum
 * window (when the area allows), and moved back inside when it hangs off an edge.
 */
export function clampRect(rect: Rect, area: Rect): Rect {
  const width = Math.round(Math.min(area.width, Math.max(rect.width, Math.min(MIN_WIDTH, area.width))));
  const height = Math.round(Math.min(area.height, Math.max(rect.height, Math.min(MIN_HEIGHT, area.height))));
  const x = Math.round(Math.min(Math.max(rect.x, area.x), area.x + area.width - width));
  const y = Math.round(Math.min(Math.max(rect.y, area.y), area.y + area.height - height));
  return { x, y, width, height };
}

/** The display a rectangle mostly lies on (largest overlap; nearest centre when none). */
export function displayForRect(rect: Rect, displays: readonly DisplayInfo[]): DisplayInfo | undefined {
  let best: DisplayInfo | undefined;
  let bestScore = -Infinity;
  for (const d of displays) {
    const overlap = overlapArea(rect, d.bounds);
    const score = overlap > 0 ? overlap : -centreDistance(rect, d.bounds);
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

function centreDistance(a: Rect, b: Rect): number {
  return Math.hypot(a.x + a.width / 2 - (b.x + b.width / 2), a.y + a.height / 2 - (b.y + b.height / 2));
}
