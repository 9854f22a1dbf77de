// @vitest-environment jsdom
import { mount } from '../app/mount.fixture';
import { act } from 'react';
import { describe, expect, it } from 'vitest';
import { useHotkeys } from '../app/hotkeys';
import { groupedHotkeys, groupOf, ShortcutHelp } from './ShortcutHelp';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Page({ canMerge }: { canMerge: boolean }) {
  useHotkeys([
    { combo: 'F2', labelKey: 'intakeAssist.hotkeyFocus', run: () => {} },
    { combo: 'Alt+M', labelKey: 'intakeAssist.hotkeyMerge', run: () => {}, enabled: canMerge },
    { combo: 'Ctrl+L', labelKey: 'lock.hotkeyLock', run: () => {} },
  ]);
  return null;
}

function render(language: 'zh-CN' | 'en' = 'zh-CN') {
  const container = mount(
    <>
      <Page canMerge={false} />
      <ShortcutHelp />
    </>,
    undefined,
    language,
  );
  return container;
}

const press = (key: string) => act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));
const help = () => document.querySelector<HTMLElement>('[data-testid="shortcut-help"]');

describe('shortcut help', () => {
  it('opens with F1, lists every live shortcut with its words, and closes with Escape', () => {
    render();
    expect(help()).toBeNull();
    press('F1');
    const dialog = help()!;
    expect(dialog).not.toBeNull();
    const rows = [...dialog.querySelectorAll<HTMLElement>('.shortcut-row')].map((row) => row.dataset.combo);
    expect(rows).toEqual(expect.arrayContaining(['F1', 'F2', 'Alt+M', 'Ctrl+L']));
    expect(dialog.querySelector('[data-combo="F2"]')!.textContent).toContain('跳到受理表单');
    expect(dialog.querySelector('[data-combo="Alt+M"]')!.className).toContain('shortcut-off');
    expect([...dialog.querySelectorAll('h3')].map((h) => h.textContent)).toEqual(['通用', '受理']);
    press('Escape');
    expect(help()).toBeNull();
  });

  it('opens from the ? button and speaks English when the window does', () => {
    const container = render('en');
    act(() => container.querySelector<HTMLButtonElement>('[data-testid="shortcut-help-open"]')!.click());
    expect(help()!.textContent).toContain('Go to the intake form');
  });

  it('groups by the label’s namespace and lists a combo once, usable if any registration is', () => {
    expect(groupOf('detail.hotkeyDispatch')).toBe('incident');
    expect(groupOf('map.x')).toBe('other');
    const rows = groupedHotkeys([
      { combo: 'Escape', labelKey: 'detail.close', run: () => {}, enabled: true },
      { combo: 'Escape', labelKey: 'shortcutHelp.close', run: () => {}, enabled: false },
    ]);
    expect(rows).toEqual([{ group: 'incident', items: [{ combo: 'Escape', labelKey: 'detail.close', enabled: true }] }]);
  });
});
