// The queue's own keys, as a pure function from a key to where the cursor goes, so the
// list component only wires events and the behaviour is tested without a DOM.

export type QueueKeyAction =
  | { kind: 'move'; index: number }
  | { kind: 'select' }
  | { kind: 'focusFilter' }
  /** M: merge the row's incident (into the one it is suspected of, or one the seat names); N: it is not a duplicate. */
  | { kind: 'act'; command: 'incident.merge' | 'incident.dismissDuplicate' }
  | { kind: 'none' };

export interface QueueKeyInput {
  key: string;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
}

/**
 * `cursor` is the row under the keyboard cursor (-1 when none), `count` the rows listed,
 * `page` how many fit on screen.
 */
export function queueKeyAction(event: QueueKeyInput, cursor: number, count: number, page: number): QueueKeyAction {
  if (event.ctrlKey || event.altKey || event.metaKey) return { kind: 'none' };
  if (event.key === '/') return { kind: 'focusFilter' };
  if (count === 0) return { kind: 'none' };
  const last = count - 1;
  const clamp = (i: number) => Math.min(last, Math.max(0, i));
  switch (event.key) {
    case 'ArrowDown':
    case 'j':
    case 'J':
      return { kind: 'move', index: cursor < 0 ? 0 : clamp(cursor + 1) };
    case 'ArrowUp':
    case 'k':
    case 'K':
      return { kind: 'move', index: cursor < 0 ? 0 : clamp(cursor - 1) };
    case 'PageDown':
      return { kind: 'move', index: clamp(Math.max(cursor, 0) + Math.max(1, page)) };
    case 'PageUp':
      return { kind: 'move', index: clamp(Math.max(cursor, 0) - Math.max(1, page)) };
    case 'Home':
      return { kind: 'move', index: 0 };
    case 'End':
      return { kind: 'move', index: last };
    case 'Enter':
    case ' ':
      return cursor >= 0 ? { kind: 'select' } : { kind: 'none' };
    case 'm':
    case 'M':
      return cursor >= 0 ? { kind: 'act', command: 'incident.merge' } : { kind: 'none' };
    case 'n':
    case 'N':
      return cursor >= 0 ? { kind: 'act', command: 'incident.dismissDuplicate' } : { kind: 'none' };
    default:
      return { kind: 'none' };
  }
}
