// Mounting a component for a jsdom test the way the window does: the store, the language,
// a keyboard map of its own, and a root that the next test's cleanup unmounts.
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { Provider } from 'react-redux';
import { afterEach } from 'vitest';
import { initI18n, type Language } from '../i18n';
import { HotkeysProvider } from './hotkeys';
import type { AppStore } from './store';

let root: Root | null = null;

/** Takes the mounted component down, as the next test's cleanup would. */
export function unmount(): void {
  act(() => root?.unmount());
  root = null;
  document.body.replaceChildren();
}

afterEach(unmount);

/** Renders `ui` into a fresh container in the document, with `store` when given. */
export function mount(ui: ReactNode, store?: AppStore, language: Language = 'zh-CN'): HTMLElement {
  const container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
  const translated = (
    <I18nextProvider i18n={initI18n(language)}>
      <HotkeysProvider>{ui}</HotkeysProvider>
    </I18nextProvider>
  );
  act(() => root!.render(store ? <Provider store={store}>{translated}</Provider> : translated));
  return container;
}
