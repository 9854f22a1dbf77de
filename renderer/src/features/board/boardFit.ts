// The board is laid out for a 1920×1080 wall and scaled as a whole to the screen it is on
// (CSS zoom), so 2560×1440 and 3840×2160 walls show the same board with every size in
// proportion: type that is legible from five metres at 1080 stays so on a 4K wall of the
// same size. How many queue rows fit is then worked out from the space the rows get, so the
// board never scrolls and never cuts a row in half.
import { useEffect, useLayoutEffect, useState, type RefObject } from 'react';

/** The size the board is designed at; every other size is this scaled. */
export const DESIGN = { width: 1920, height: 1080 } as const;

/** The zoom that makes the 1920×1080 design fill a screen of this size without overflow. */
export function boardScale(width: number, height: number): number {
  return Math.max(0.5, Math.min(width / DESIGN.width, height / DESIGN.height));
}

/** The zoom for this window, kept current as it is resized or moved to another screen. */
export function useBoardScale(): number {
  const [scale, setScale] = useState(() => boardScale(window.innerWidth, window.innerHeight));
  useEffect(() => {
    const update = () => setScale(boardScale(window.innerWidth, window.innerHeight));
    window.addEventListener('resize', update);
    return () => window.removeEventListener('resize', update);
  }, []);
  return scale;
}

/** Whole rows of `rowHeight` (design px) that fit the element, after `reserve` design px. */
export function rowsThatFit(heightPx: number, scale: number, rowHeight: number, reserve: number): number {
  return Math.max(1, Math.floor((heightPx / scale - reserve) / rowHeight));
}

/**
 * How many whole rows fit `ref`'s element now. Measured on the element as laid out (its
 * getBoundingClientRect is in screen pixels, so the zoom is divided out).
 */
export function useRowsThatFit(ref: RefObject<HTMLElement | null>, scale: number, rowHeight: number, reserve: number): number {
  const [rows, setRows] = useState(1);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setRows(rowsThatFit(element.getBoundingClientRect().height, scale, rowHeight, reserve));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, scale, rowHeight, reserve]);
  return rows;
}

/**
 * How many of a ticker's items fit its width whole: an item cut at the edge is text cut, so it
 * is left out until there is room. Items are measured where they are laid out; their `hidden`
 * is this hook's, not React's (React never sets it), so showing them all to measure is safe.
 */
export function useItemsThatFit(ref: RefObject<HTMLElement | null>, count: number, key: unknown): number {
  const [fit, setFit] = useState(count);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const box = element.getBoundingClientRect();
      const items = [...element.children] as HTMLElement[];
      let whole = 0;
      for (const item of items) {
        item.hidden = false;
      }
      for (const item of items) {
        if (item.getBoundingClientRect().right <= box.right + 0.5) whole++;
        else break;
      }
      items.forEach((item, i) => (item.hidden = i >= whole));
      setFit(whole);
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, count, key]);
  return fit;
}
