import { describe, expect, it } from 'vitest';
import { initialLayout, layoutForKey } from './videoLayout';

describe('video wall layout', () => {
  it('takes the layout named in the window URL first', () => {
    expect(initialLayout('?window=wall-video&layout=4', '16')).toBe(4);
  });

  it('falls back to the saved choice, then to nine tiles', () => {
    expect(initialLayout('?window=wall-video', '16')).toBe(16);
    expect(initialLayout('?layout=7', null)).toBe(9);
    expect(initialLayout('', 'junk')).toBe(9);
  });

  it('switches with the 1, 4, 9 and 6 keys', () => {
    expect(['1', '4', '9', '6', '2'].map(layoutForKey)).toEqual([1, 4, 9, 16, null]);
  });
});
