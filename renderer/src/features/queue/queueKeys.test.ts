import { describe, expect, it } from 'vitest';
import { queueKeyAction } from './queueKeys';

const key = (k: string, over: Partial<{ ctrlKey: boolean; altKey: boolean }> = {}) => ({ key: k, ...over });

describe('queue keyboard', () => {
  it('moves with arrows and J/K, stopping at the ends', () => {
    expect(queueKeyAction(key('ArrowDown'), 3, 10, 5)).toEqual({ kind: 'move', index: 4 });
    expect(queueKeyAction(key('j'), 9, 10, 5)).toEqual({ kind: 'move', index: 9 });
    expect(queueKeyAction(key('K'), 0, 10, 5)).toEqual({ kind: 'move', index: 0 });
    expect(queueKeyAction(key('ArrowUp'), 4, 10, 5)).toEqual({ kind: 'move', index: 3 });
  });

  it('starts at the top when no row is under the cursor', () => {
    expect(queueKeyAction(key('ArrowDown'), -1, 10, 5)).toEqual({ kind: 'move', index: 0 });
    expect(queueKeyAction(key('Enter'), -1, 10, 5)).toEqual({ kind: 'none' });
  });

  it('jumps with Home, End and by pages', () => {
    expect(queueKeyAction(key('End'), 2, 10, 5)).toEqual({ kind: 'move', index: 9 });
    expect(queueKeyAction(key('Home'), 7, 10, 5)).toEqual({ kind: 'move', index: 0 });
    expect(queueKeyAction(key('PageDown'), 2, 10, 5)).toEqual({ kind: 'move', index: 7 });
    expect(queueKeyAction(key('PageUp'), 2, 10, 5)).toEqual({ kind: 'move', index: 0 });
  });

  it('selects with Enter or Space, and / goes to the filters', () => {
    expect(queueKeyAction(key('Enter'), 2, 10, 5)).toEqual({ kind: 'select' });
    expect(queueKeyAction(key(' '), 2, 10, 5)).toEqual({ kind: 'select' });
    expect(queueKeyAction(key('/'), -1, 0, 5)).toEqual({ kind: 'focusFilter' });
  });

  it('asks for a merge with M and a dismissal with N, for the row under the cursor only', () => {
    expect(queueKeyAction(key('m'), 2, 10, 5)).toEqual({ kind: 'act', command: 'incident.merge' });
    expect(queueKeyAction(key('N'), 2, 10, 5)).toEqual({ kind: 'act', command: 'incident.dismissDuplicate' });
    expect(queueKeyAction(key('m'), -1, 10, 5)).toEqual({ kind: 'none' });
    expect(queueKeyAction(key('m', { altKey: true }), 2, 10, 5)).toEqual({ kind: 'none' });
  });

  it('leaves modified keys and an empty list alone', () => {
    expect(queueKeyAction(key('j', { ctrlKey: true }), 2, 10, 5)).toEqual({ kind: 'none' });
    expect(queueKeyAction(key('ArrowDown', { altKey: true }), 2, 10, 5)).toEqual({ kind: 'none' });
    expect(queueKeyAction(key('ArrowDown'), -1, 0, 5)).toEqual({ kind: 'none' });
  });
});
