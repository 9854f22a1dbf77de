// Stores for tests: each in a file of its own in the temporary folder, on a fixed clock,
// closed when the test (or the file's tests) are done; and the report the store tests file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach } from 'vitest';
import type { CommandEnvelope } from '../../../shared/protocol/schemas';
import type { Actor } from '../engine/actor';
import { Store } from './store';

/** The tests' clock: a morning in the demo's November. */
export const TEST_NOW = () => new Date('2026-11-22T02:00:00Z');

export const operator: Actor = { userId: 'u-op', role: 'operator' };
export const wall: Actor = { userId: 'u-wall', role: 'wall' };

/** A database file that does not exist yet, in a new temporary folder named after `name`. */
export function tempStoreFile(name: string): string {
  return join(mkdtempSync(join(tmpdir(), `dutydeck-${name}-`)), 'dutydeck.sqlite');
}

/**
 * Opens stores for the calling test file and closes them after each test (or after all,
 * for files whose tests share what a `beforeAll` built).
 */
export function testStores(name: string, options: { closeAfter?: 'each' | 'all'; now?: () => Date } = {}) {
  const open: Store[] = [];
  (options.closeAfter === 'all' ? afterAll : afterEach)(() => {
    // A test may have closed one itself (to open its file again).
    for (const store of open.splice(0)) if (store.db.open) store.close();
  });
  return (file = tempStoreFile(name)): Store => {
    const store = new Store(file, options.now ?? TEST_NOW);
    open.push(store);
    return store;
  };
}

/** An operator's report of night-time construction noise, with `overrides` in its payload. */
export function noiseReport(key: string, overrides: Record<string, unknown> = {}): CommandEnvelope {
  return {
    type: 'incident.report',
    idempotencyKey: key,
    payload: { channel: 'hotline12345', category: 'noise', title: '夜间施工噪声', description: '工地凌晨仍在施工', address: '三墩镇振华路 88 号', ...overrides },
  };
}
