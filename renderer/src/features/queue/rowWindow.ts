// Which rows of a list of fixed-height rows are in the DOM, and where the list scrolls to
// bring one into view. With one height for every row the window is arithmetic on the scroll
// offset: nothing is measured per row and nothing grows with the list, where a general
// virtualizer keeps a measurement per row and rebuilt all 10,000 of them whenever the
// number of rows changed, which every batch of new reports does. Layout is read only from
// the scroll event and a ResizeObserver, never after a render has written to the DOM.
import { useCallback, useLayoutEffect, useState, type RefObject } from 'react';

export interface RowWindowInput {
  /** The list's scroll offset (px). */
  scrollTop: number;
  /** The visible height of the list (px). */
  viewport: number;
  rowHeight: number;
  count: number;
  /** Rows kept in the DOM beyond each edge. */
  overscan: number;
}

/** The rows `[first, end)` to put in the DOM. */
export interface RowWindow {
  first: number;
  end: number;
}

export function rowWindow({ scrollTop, viewport, rowHeight, count, overscan }: RowWindowInput): RowWindow {
  if (count <= 0 || rowHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const firstVisible = Math.min(count - 1, Math.floor(top / rowHeight));
  const endVisible = Math.min(count, Math.max(firstVisible + 1, Math.ceil((top + Math.max(0, viewport)) / rowHeight)));
  return { first: Math.max(0, firstVisible - overscan), end: Math.min(count, endVisible + overscan) };
}

/**
 * The scroll offset that brings row `index` fully into view, moving as little as possible
 * (the row's top edge to the top when it is above, its bottom edge to the bottom when it is
 * below); null when it is in view already.
 */
export function scrollToShow(index: number, { scrollTop, viewport, rowHeight }: Pick<RowWindowInput, 'scrollTop' | 'viewport' | 'rowHeight'>): number | null {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewport) return Math.max(0, bottom - viewport);
  return null;
}

/** The rows a scroll offset shows, unclamped: what the hook keeps in state, so scrolling within a row renders nothing. */
function visibleRows(scrollTop: number, viewport: number, rowHeight: number) {
  const top = Math.max(0, scrollTop);
  return { from: Math.floor(top / rowHeight), to: Math.ceil((top + Math.max(0, viewport)) / rowHeight) };
}

/**
 * The row window of the scrolling element `scrollRef` over `count` rows of `rowHeight`. Its
 * state changes only when a row enters or leaves the visible part, so a scroll frame within
 * the same rows renders nothing.
 */
export function useRowWindow(scrollRef: RefObject<HTMLElement | null>, count: number, rowHeight: number, overscan: number) {
  const [rows, setRows] = useState({ from: 0, to: 0, viewport: 0 });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // Where the list is and how tall it is: read once before the first paint, then from the
    // scroll event and the observer, never after a render wrote to the DOM.
    let scrollTop = el.scrollTop;
    let viewport = el.clientHeight;
    const update = () => {
      const next = visibleRows(scrollTop, viewport, rowHeight);
      setRows((was) => (was.from === next.from && was.to === next.to && was.viewport === viewport ? was : { ...next, viewport }));
    };
    update();
    const onScroll = () => {
      scrollTop = el.scrollTop;
      update();
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(([entry]) => {
            viewport = entry?.contentRect.height ?? viewport;
            update();
          });
    observer?.observe(el);
    return () => {
      el.removeEventListener('scroll', onScroll);
      observer?.disconnect();
    };
  }, [scrollRef, rowHeight]);

  const { first, end } = rowWindow({ scrollTop: rows.from * rowHeight, viewport: (rows.to - rows.from) * rowHeight, rowHeight, count, overscan });

  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = scrollToShow(index, { scrollTop: el.scrollTop, viewport: el.clientHeight, rowHeight });
      if (top !== null) el.scrollTop = top;
    },
    [scrollRef, rowHeight],
  );

  return { first, end, totalHeight: count * rowHeight, viewport: rows.viewport, scrollToIndex };
}
