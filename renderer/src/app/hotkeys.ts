// One keyboard map per React root (HotkeysProvider), not per module: two roots, or two tests,
// never share shortcuts. Components declare their shortcuts while mounted; the same list
// feeds the help overlay (F1), so a shortcut cannot exist without being shown.
import { createContext, createElement, useContext, useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';

export interface Hotkey {
  /** Modifiers in the order Ctrl, Alt, Shift, then the key as KeyboardEvent.key names it
   *  (upper-case letters): 'Alt+D', 'Ctrl+Enter', 'F2', 'Escape'. */
  combo: string;
  /** i18n key of what it does, for the help overlay and hints. */
  labelKey: string;
  run: () => void;
  /** Off while the action is not possible now; the key then falls through. */
  enabled?: boolean;
  /** Also fires while typing in a field. Plain keys without Ctrl/Alt never do. */
  inFields?: boolean;
}

/** The combo string of a key event, in the notation `Hotkey.combo` uses. */
export function comboOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey && event.key.length > 1) parts.push('Shift');
  parts.push(event.key.length === 1 ? event.key.toUpperCase() : event.key);
  return parts.join('+');
}

function isField(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).closest !== 'function') return false;
  const element = target as HTMLElement;
  return element.isContentEditable || element.closest('input, textarea, select') !== null;
}

/** True when the key may act while focus is in `target`. */
export function firesIn(hotkey: Pick<Hotkey, 'combo' | 'inFields'>, target: EventTarget | null): boolean {
  if (!isField(target)) return true;
  const modified = hotkey.combo.startsWith('Ctrl+') || hotkey.combo.startsWith('Alt+');
  const functionKey = /^(Shift\+)?F\d{1,2}$/.test(hotkey.combo) || hotkey.combo === 'Escape';
  return (modified || functionKey) && hotkey.inFields !== false;
}

/** The shortcuts of one React root: what is registered, newest last, and who watches the list. */
export interface HotkeyRegistry {
  /** Adds `hotkeys` as the newest registration; the returned function takes them out again. */
  register(hotkeys: Hotkey[]): () => void;
  /** Runs the shortcut `event` names, if one is live; true when one ran. */
  dispatch(event: KeyboardEvent): boolean;
  subscribe(listener: () => void): () => void;
  /** Every live shortcut, oldest registration first; a new array only when the list changes. */
  snapshot(): Hotkey[];
}

export function createHotkeyRegistry(): HotkeyRegistry {
  let entries: Array<{ hotkeys: Hotkey[] }> = [];
  let snapshot: Hotkey[] = [];
  const listeners = new Set<() => void>();
  const publish = () => {
    snapshot = entries.flatMap((entry) => entry.hotkeys);
    for (const listener of listeners) listener();
  };
  return {
    register(hotkeys) {
      const entry = { hotkeys };
      entries = [...entries, entry];
      publish();
      return () => {
        entries = entries.filter((e) => e !== entry);
        publish();
      };
    },
    // The newest registration wins a clash: a dialog's Escape beats the page's.
    dispatch(event) {
      const combo = comboOf(event);
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const hotkey = entries[i]!.hotkeys.find((h) => h.combo === combo && h.enabled !== false);
        if (hotkey && firesIn(hotkey, event.target)) {
          event.preventDefault();
          hotkey.run();
          return true;
        }
      }
      return false;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    snapshot: () => snapshot,
  };
}

const HotkeyContext = createContext<HotkeyRegistry | null>(null);

/**
 * One keyboard map for everything rendered inside it (main.tsx puts one around the window's
 * app, mount.fixture.tsx around each test's): its keydown listener lives as long as it does.
 */
export function HotkeysProvider({ children }: { children: ReactNode }) {
  const [registry] = useState(createHotkeyRegistry);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.defaultPrevented) registry.dispatch(event);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [registry]);
  return createElement(HotkeyContext.Provider, { value: registry }, children);
}

function useRegistry(): HotkeyRegistry {
  const registry = useContext(HotkeyContext);
  if (!registry) throw new Error('Shortcuts need a HotkeysProvider above them: main.tsx and mount.fixture.tsx give one.');
  return registry;
}

/** Registers `hotkeys` while the calling component is mounted. The latest closures run. */
export function useHotkeys(hotkeys: Hotkey[]): void {
  const registry = useRegistry();
  const latest = useRef(hotkeys);
  latest.current = hotkeys;
  const shape = hotkeys.map((h) => `${h.combo}|${h.labelKey}|${h.enabled !== false}`).join(',');
  useEffect(() => {
    const proxies = latest.current.map((h, index) => ({ ...h, run: () => latest.current[index]?.run() }));
    return registry.register(proxies);
  }, [registry, shape]);
}

/** Every shortcut live under this provider now, for the help overlay. */
export function useRegisteredHotkeys(): Hotkey[] {
  const registry = useRegistry();
  return useSyncExternalStore(registry.subscribe, registry.snapshot);
}
