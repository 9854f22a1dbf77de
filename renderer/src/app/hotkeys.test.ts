import { describe, expect, it } from 'vitest';
import { comboOf, firesIn } from './hotkeys';

const key = (key: string, mods: Partial<Record<'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey', boolean>> = {}) => ({
  key,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...mods,
});

describe('hotkeys', () => {
  it('name a key event the way shortcuts are written', () => {
    expect(comboOf(key('d', { altKey: true }))).toBe('Alt+D');
    expect(comboOf(key('Enter', { ctrlKey: true }))).toBe('Ctrl+Enter');
    expect(comboOf(key('F2'))).toBe('F2');
    expect(comboOf(key('?', { shiftKey: true }))).toBe('?');
    expect(comboOf(key('Tab', { shiftKey: true }))).toBe('Shift+Tab');
  });

  it('leave plain keys to the field being typed in', () => {
    const input = { closest: (selector: string) => (selector.includes('input') ? {} : null), isContentEditable: false } as unknown as EventTarget;
    expect(firesIn({ combo: 'J' }, input)).toBe(false);
    expect(firesIn({ combo: 'Alt+M' }, input)).toBe(true);
    expect(firesIn({ combo: 'F2' }, input)).toBe(true);
    expect(firesIn({ combo: 'Alt+M', inFields: false }, input)).toBe(false);
    expect(firesIn({ combo: 'J' }, null)).toBe(true);
  });
});
