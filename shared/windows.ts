// The kinds of window the duty room runs. The kind picks the screen; in a browser it is
// the `window` query parameter (`/?window=wall-board`).

export const WINDOW_KINDS = ['seat', 'command', 'wall-map', 'wall-video', 'wall-board', 'briefing'] as const;
export type WindowKind = (typeof WINDOW_KINDS)[number];

export const WALL_KINDS: readonly WindowKind[] = ['wall-map', 'wall-video', 'wall-board'];

export function isWindowKind(value: unknown): value is WindowKind {
  return typeof value === 'string' && (WINDOW_KINDS as readonly string[]).includes(value);
}

export function isWallKind(kind: WindowKind): boolean {
  return WALL_KINDS.includes(kind);
}

/** What a window's preload (Electron) or URL (browser host) tells the renderer. */
export interface WindowBootstrap {
  kind: WindowKind;
  hubUrl: string;
  /** A session the host already opened for this window (wall windows, from Electron's main over IPC); absent → login. */
  token?: string;
  /** A one-time code (60 s) the window trades for its session (POST /sessions/pair): the browser host's wall windows. */
  pairing?: string;
}
