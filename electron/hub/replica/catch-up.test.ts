// A running seat back from an outage catches up by journal pages: the primary writes each
// page as text from its stored rows, the seat checks and applies it, and the seat's WAL is
// folded on its maintenance thread once the pages are in, never inside a page's commit.
import { describe, expect, it } from 'vitest';
import type { StoreClient } from '../store/thread/client';
import { runMaintenance } from '../store/ops/maintenance';
import { servedBy, type Store } from '../store/store';
import { testStores } from '../store/store.fixture';
import type { PrimaryClient } from './primary-client';
import { ReplicaSync } from './sync';

const openStore = testStores('catch-up', { now: () => new Date() });

/** A primary's journal with `count` entries, names and titles that JSON has to escape among them. */
function primaryWith(count: number, from = 0): Store {
  const store = openStore();
  appendTo(store, count, from);
  return store;
}

function appendTo(store: Store, count: number, from: number): void {
  store.write.importEntries(
    Array.from({ length: count }, (_, i) =>
      i % 3 === 0
        ? { time: new Date(Date.UTC(2026, 0, 1, 0, from + i)).toISOString(), type: 'user.created', payload: { user: { id: `u-${from + i}`, username: `seat${from + i}`, name: `张三 "${from + i}"\n\\ \u2028 😀`, role: 'operator' } } }
        : { time: new Date(Date.UTC(2026, 0, 1, 0, from + i)).toISOString(), type: 'wall.focused', payload: { incidentId: i % 2 ? null : `I-${from + i}` } },
    ),
    'test',
  );
}

/** The store's thread, as the replica's sync sees it (every call answered asynchronously). */
/** The store as its worker's client offers it: each served namespace's calls, answered as promises. */
const asClient = (store: Store) =>
  Object.fromEntries(
    Object.entries(servedBy(store)).map(([namespace, calls]) => [
      namespace,
      Object.fromEntries(Object.entries(calls as Record<string, (...args: unknown[]) => unknown>).map(([name, call]) => [name, async (...args: unknown[]) => call(...args)])),
    ]),
  ) as unknown as StoreClient;

/** The primary's HTTP side, answered from its store as the replica journal route answers. */
const primaryClient = (store: Store) =>
  ({
    base: 'http://primary.invalid',
    login: async () => ({ token: 't', user: { id: 'u', username: 'seat', name: 'seat', role: 'operator' } }),
    journalPageText: async (_token: string, after: number, limit: number) => store.journal.pageText(after, limit),
    townCopy: async () => ({ meta: null, town: null }),
  }) as unknown as PrimaryClient;

describe('a seat back from an outage', () => {
  it('is sent each page as the JSON of the page, written from the stored rows', () => {
    const primary = primaryWith(40);
    for (const [after, limit] of [[0, 40], [10, 7], [39, 5], [40, 5]] as const) {
      expect(primary.journal.pageText(after, limit)).toBe(JSON.stringify(primary.journal.page(after, limit)));
    }
  });

  it('catches up page by page, verified and projected, no page folding its WAL, one fold asked for once caught up', async () => {
    const primary = primaryWith(30);
    const seat = openStore();
    seat.write.replicaDurability();
    const folds: number[] = [];
    /** The WAL's frames as each page's commit left them (a commit that folded would leave none), and whether SQLite would fold at the next commit. */
    const walFrames: number[] = [];
    const autoFold: number[] = [];
    const store = asClient(seat);
    const counting = {
      ...store,
      write: {
        ...store.write,
        appendReplicatedPage: async (text: string) => {
          const page = await store.write.appendReplicatedPage(text);
          walFrames.push((seat.db.pragma('wal_checkpoint(NOOP)') as Array<{ log: number }>)[0]!.log);
          autoFold.push(seat.db.pragma('wal_autocheckpoint', { simple: true }) as number);
          return page;
        },
      },
    } as typeof store;
    const sync = () =>
      new ReplicaSync(counting, primaryClient(primary), { username: 'seat', password: 'x' }, seat.journal.seq(), {
        pageSize: 10,
        log: () => {},
        foldWal: async () => folds.push(seat.journal.seq()),
      });
    expect(await sync().catchUp()).toBe(30);

    // The outage: the primary goes on; the seat, still holding its copy, comes back.
    appendTo(primary, 95, 30);
    folds.length = 0;
    walFrames.length = 0;
    autoFold.length = 0;
    expect(await sync().catchUp()).toBe(125);
    expect(seat.journal.verify()).toBeNull();
    expect(seat.journal.page(0, 200)).toEqual(primary.journal.page(0, 200));
    expect(seat.access.users().map((u) => u.username)).toEqual(primary.access.users().map((u) => u.username));
    // The WAL only grew from page to page: no commit folded it on the store's thread.
    expect(walFrames.length).toBeGreaterThan(5);
    for (let i = 1; i < walFrames.length; i++) expect(walFrames[i]).toBeGreaterThan(walFrames[i - 1]!);
    expect(autoFold).toEqual([...walFrames.slice(1).map(() => 0), 1_000]);
    // One fold, asked for once the last page was stored; SQLite folds again from the next commit.
    expect(folds).toEqual([125]);
    expect(seat.db.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000);
  });

  it('stops on an altered page and keeps what verified', async () => {
    const primary = primaryWith(25);
    const seat = openStore();
    const client = primaryClient(primary);
    const forged = {
      ...client,
      journalPageText: async (token: string, after: number, limit: number) => {
        const text = await client.journalPageText(token, after, limit);
        return after >= 10 ? text.replace('"seat12', '"seatX2') : text;
      },
    } as PrimaryClient;
    const sync = new ReplicaSync(asClient(seat), forged, { username: 'seat', password: 'x' }, 0, { pageSize: 10, log: () => {} });
    await expect(sync.catchUp()).rejects.toThrow(/entry 13 does not verify: hash does not match/);
    expect(seat.journal.seq()).toBe(10);
    expect(seat.journal.verify()).toBeNull();
  });
});

describe('folding a live WAL on the maintenance thread', () => {
  it('copies what the WAL holds into the file while the store keeps its connection', async () => {
    const store = openStore();
    store.db.pragma('wal_autocheckpoint = 0');
    appendTo(store, 50, 0);
    const fold = await runMaintenance({ kind: 'checkpoint', file: store.db.name });
    expect(fold.walFrames).toBeGreaterThan(0);
    expect(fold.folded).toBe(fold.walFrames);
    appendTo(store, 5, 50);
    expect(store.journal.verify()).toBeNull();
  });
});
