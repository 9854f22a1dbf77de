// One keyboard map for the window. Components declare their shortcuts while mounted; the
// same list feeds the help overlay (F1), so a shortcut cannot exist without being shown.
import { useEffect, useRef, useSyncExternalStore } from 'react';

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

type Entry = { id: number; hotkeys: Hotkey[] };
let entries: Entry[] = [];
let snapshot: Hotkey[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function publish() {
  snapshot = entries.flatMap((entry) => entry.hotkeys);
  for (const listener of listeners) listener();
}

/** The newest registration wins a clash: a dialog's Escape beats the page's. */
export function dispatchHotkey(event: KeyboardEvent): boolean {
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
}

let installed = false;
function install() {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('keydown', (event) => {
    if (!event.defaultPrevented) dispatchHotkey(event);
  });
}

/** Registers `hotkeys` while the calling component is mounted. The latest closures run. */
export function useHotkeys(hotkeys: Hotkey[]): void {
  const latest = useRef(hotkeys);
  latest.current = hotkeys;
  const shape = hotkeys.map((h) => `${h.combo}|${h.labelKey}|${h.enabled !== false}`).join(',');
  useEffect(() => {
    install();
    const id = nextId++;
    const proxies = latest.current.map((h, index) => ({ ...h, run: () => latest.current[index]?.run() }));
    entries = [...entries, { id, hotkeys: proxies }];
    publish();
    return () => {
      entries = entries.filter((entry) => entry.id !== id);
      publish();
    };
  }, [shape]);
}

/** Every shortcut live in this window now, for the help overlay. */
export function useRegisteredHotkeys(): Hotkey[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => snapshot,
  );
}
