// How many tiles a video wall shows: from the window's URL (?layout=9), else the choice
// last saved on this machine, else nine.
export const VIDEO_LAYOUTS = [1, 4, 9, 16] as const;
export type VideoLayout = (typeof VIDEO_LAYOUTS)[number];
export const DEFAULT_LAYOUT: VideoLayout = 9;
export const LAYOUT_STORAGE_KEY = 'dutydeck.videoWall.layout';

export function parseLayout(value: string | null | undefined): VideoLayout | null {
  const n = Number(value);
  return (VIDEO_LAYOUTS as readonly number[]).includes(n) ? (n as VideoLayout) : null;
}

export function initialLayout(search: string, saved: string | null): VideoLayout {
  return parseLayout(new URLSearchParams(search).get('layout')) ?? parseLayout(saved) ?? DEFAULT_LAYOUT;
}

/** The digit keys that switch layouts: 1, 4, 9, and 6 for sixteen. */
export function layoutForKey(key: string): VideoLayout | null {
  return ({ '1': 1, '4': 4, '9': 9, '6': 16 } as const)[key] ?? null;
}

export const columnsFor = (layout: VideoLayout): number => Math.sqrt(layout);
