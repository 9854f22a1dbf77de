import { describe, expect, it } from 'vitest';
import { comboOf, createHotkeyRegistry, firesIn } from './hotkeys';

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

  it('run the newest registration of a key, and the older one again once the newer is gone', () => {
    const registry = createHotkeyRegistry();
    const ran: string[] = [];
    registry.register([{ combo: 'Escape', labelKey: 'page', run: () => ran.push('page') }]);
    const closeDialog = registry.register([{ combo: 'Escape', labelKey: 'dialog', run: () => ran.push('dialog') }]);
    const event = () => ({ ...key('Escape'), target: null, preventDefault: () => {} }) as unknown as KeyboardEvent;
    expect(registry.dispatch(event())).toBe(true);
    closeDialog();
    registry.dispatch(event());
    expect(ran).toEqual(['dialog', 'page']);
    expect(registry.snapshot().map((h) => h.labelKey)).toEqual(['page']);
  });

  it('belong to one registry: another root (or test) neither sees nor runs them', () => {
    const window1 = createHotkeyRegistry();
    const window2 = createHotkeyRegistry();
    let ran = 0;
    window1.register([{ combo: 'F2', labelKey: 'intake', run: () => (ran += 1) }]);
    expect(window2.dispatch({ ...key('F2'), target: null, preventDefault: () => {} } as unknown as KeyboardEvent)).toBe(false);
    expect(window2.snapshot()).toEqual([]);
    expect(ran).toBe(0);
  });
});
