import { describe, expect, it } from 'vitest';
import { rowWindow, scrollToShow } from './rowWindow';

const at = (scrollTop: number, count = 10_000) => rowWindow({ scrollTop, viewport: 460, rowHeight: 46, count, overscan: 5 });

describe('queue row window', () => {
  it('puts the visible rows and a few beyond each edge in the DOM', () => {
    // 460 px of 46 px rows: ten rows, five more below and none above the top.
    expect(at(0)).toEqual({ first: 0, end: 15 });
    // Scrolled to row 100 exactly, and half way into it.
    expect(at(4_600)).toEqual({ first: 95, end: 115 });
    expect(at(4_623)).toEqual({ first: 95, end: 116 });
  });

  it('stops at the ends of the list', () => {
    expect(at(0, 3)).toEqual({ first: 0, end: 3 });
    expect(at(46 * 9_995)).toEqual({ first: 9_990, end: 10_000 });
    // Overscrolled past the end (the list shrank under the scroll offset): the last rows stay.
    expect(at(46 * 20_000)).toEqual({ first: 9_994, end: 10_000 });
    expect(at(-100, 3)).toEqual({ first: 0, end: 3 });
    expect(at(0, 0)).toEqual({ first: 0, end: 0 });
  });

  it('keeps the same window however many rows lie beyond it', () => {
    expect(at(4_600, 10_000)).toEqual(at(4_600, 14_800));
  });

  it('scrolls a row into view by the least distance, and not at all when it is shown', () => {
    const view = { scrollTop: 460, viewport: 460, rowHeight: 46 };
    expect(scrollToShow(12, view)).toBeNull();
    expect(scrollToShow(9, view)).toBe(414); // above: its top to the top
    expect(scrollToShow(20, view)).toBe(506); // below: its bottom to the bottom
    expect(scrollToShow(19, view)).toBeNull();
  });
});
