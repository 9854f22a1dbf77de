import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { FakeSocket } from './fakeSocket.fixture';
import { createStreamClient, nextDelay, type LinkState, type PrepareRequest } from './stream';

const entry = (seq: number) => ({
  seq,
  time: '2025-01-01T00:00:00.000Z',
  actor: 'u1',
  role: 'operator',
  type: 'user.created',
  payload: {},
  prevHash: 'x',
  hash: 'y',
}) as JournalEntry;
const user = { id: 'u1', username: 'operator1', name: '张三', role: 'operator' };

function harness(seed = 10) {
  const sockets: FakeSocket[] = [];
  const delivered: number[] = [];
  const states: LinkState[] = [];
  const prepared: PrepareRequest[] = [];
  const pending: { fn: () => void; ms: number }[] = [];
  let prepareFails = false;
  const refused: string[] = [];
  const presence: string[] = [];
  const scores: unknown[] = [];
  const client = createStreamClient({
    url: 'ws://hub/api/v1/stream',
    token: 'tok',
    prepare: async (request) => {
      prepared.push(request);
      if (prepareFails) throw new Error('hub down');
      return request.lastSeq ?? seed;
    },
    onEntries: (entries) => delivered.push(...entries.map((e) => e.seq)),
    onLinkState: (s) => states.push(s),
    onContact: () => {},
    onRefused: (e) => refused.push(e.code),
    onPresence: (m) => presence.push(`${m.userId} ${m.online}`),
    onRiskScores: (message) => scores.push(message),
    createSocket: (url) => {
      const socket = new FakeSocket(url);
      sockets.push(socket);
      return socket;
    },
    timers: {
      set: (fn, ms) => {
        const timer = { fn, ms };
        pending.push(timer);
        return timer;
      },
      clear: (handle) => {
        const i = pending.indexOf(handle as (typeof pending)[number]);
        if (i >= 0) pending.splice(i, 1);
      },
    },
  });
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
  const fire = async () => {
    const timer = pending.shift();
    timer?.fn();
    await flush();
    return timer?.ms;
  };
  return {
    client,
    sockets,
    delivered,
    states,
    prepared,
    refused,
    presence,
    scores,
    pending,
    flush,
    fire,
    failPrepare: (v: boolean) => void (prepareFails = v),
  };
}

/** Starts the client and brings its socket to ready with the hub at `journalSeq`. */
async function online(h: ReturnType<typeof harness>, journalSeq: number) {
  h.client.start();
  await h.flush();
  const socket = h.sockets[0]!;
  socket.open();
  socket.receive({ type: 'ready', journalSeq, user });
  return socket;
}

describe('journal stream', () => {
  it('says hello with the seeded seq and goes online when the hub is ready', async () => {
    const h = harness(10);
    h.client.start();
    await h.flush();
    const socket = h.sockets[0]!;
    socket.open();
    expect(socket.sent).toEqual([{ type: 'hello', token: 'tok', after: 10 }]);
    socket.receive({ type: 'ready', journalSeq: 10, user });
    expect(h.states).toEqual(['connecting', 'online']);
  });

  it('hands who comes and goes to the window, apart from the entries and their seqs', async () => {
    const h = harness(10);
    const socket = await online(h, 10);
    socket.receive({ type: 'presence', userId: 'u-op2', online: true, lastSeenAt: '2026-11-22T02:00:00.000Z' });
    socket.receive({ type: 'presence', userId: 'u-op2', online: 'yes' });
    expect(h.presence).toEqual(['u-op2 true']);
    expect(h.delivered).toEqual([]);
    expect(h.client.lastSeq()).toBe(10);
  });

  it('delivers entries in order and skips ones already applied', async () => {
    const h = harness(10);
    const socket = await online(h, 12);
    socket.receive({ type: 'entries', entries: [entry(9), entry(10), entry(11)] });
    socket.receive({ type: 'entries', entries: [entry(11), entry(12)] });
    expect(h.delivered).toEqual([11, 12]);
    expect(h.client.lastSeq()).toBe(12);
  });

  it('hands on the risk map\u2019s live scores, and drops a malformed message', async () => {
    const h = harness(10);
    const socket = await online(h, 10);
    const reasons = { places: 1, placesByCode: { green: 1, blue: 0, yellow: 0, orange: 0, red: 0 }, redEquivalents: 0, incidents30d: 2, townMean30d: 1, densityRatio: 2, openOverdue: 0, sitesPart: 1, densityPart: 2, overduePart: 0 };
    socket.receive({ type: 'riskScores', items: [{ gridId: 'G1', score: 42, scoreColour: 'yellow', reasons }] });
    socket.receive({ type: 'riskScores', items: [{ gridId: 'G1', score: 'high' }] });
    expect(h.scores).toEqual([{ items: [{ gridId: 'G1', score: 42, scoreColour: 'yellow', reasons }] }]);
    expect(h.delivered).toEqual([]);
  });

  it('reconnects after the hub goes away and resumes after the last applied seq', async () => {
    const h = harness(10);
    h.client.start();
    await h.flush();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'ready', journalSeq: 10, user });
    h.sockets[0]!.receive({ type: 'entries', entries: [entry(11)] });
    h.sockets[0]!.drop();
    expect(h.states.at(-1)).toBe('offline');

    expect(await h.fire()).toBe(500);
    expect(h.prepared.at(-1)).toEqual({ lastSeq: 11, reseed: false });
    const second = h.sockets[1]!;
    second.open();
    expect(second.sent).toEqual([{ type: 'hello', token: 'tok', after: 11 }]);
    second.receive({ type: 'ready', journalSeq: 13, user });
    second.receive({ type: 'entries', entries: [entry(11), entry(12), entry(13)] });
    expect(h.delivered).toEqual([11, 12, 13]);
    expect(h.states.at(-1)).toBe('online');
  });

  it('backs off from half a second to a five-second cap while the hub stays down', async () => {
    const h = harness();
    h.failPrepare(true);
    h.client.start();
    await h.flush();
    const delays: (number | undefined)[] = [];
    for (let i = 0; i < 6; i++) delays.push(await h.fire());
    expect(delays).toEqual([500, 1000, 2000, 4000, 5000, 5000]);
    expect(h.states.at(-1)).toBe('offline');
  });

  it('starts the backoff again after a good connection', () => {
    expect(nextDelay(null, { initialMs: 500, maxMs: 5000 })).toBe(500);
    expect(nextDelay(4000, { initialMs: 500, maxMs: 5000 })).toBe(5000);
  });

  it('rebuilds when the hub journal went backwards', async () => {
    const h = harness(10);
    h.client.start();
    await h.flush();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'ready', journalSeq: 3, user });
    await h.fire();
    expect(h.prepared.at(-1)).toEqual({ lastSeq: 10, reseed: true });
  });

  it('rebuilds when a seq is skipped', async () => {
    const h = harness(10);
    h.client.start();
    await h.flush();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'ready', journalSeq: 20, user });
    h.sockets[0]!.receive({ type: 'entries', entries: [entry(11), entry(13)] });
    expect(h.delivered).toEqual([11]);
    await h.fire();
    expect(h.prepared.at(-1)).toEqual({ lastSeq: 11, reseed: true });
  });

  it('stops for good when the hub refuses the session', async () => {
    const h = harness(10);
    h.client.start();
    await h.flush();
    h.sockets[0]!.open();
    h.sockets[0]!.receive({ type: 'error', error: { code: 'unauthenticated', message: 'session expired' } });
    expect(h.refused).toEqual(['unauthenticated']);
    expect(h.pending).toHaveLength(0);
    expect(h.sockets[0]!.closed).toBe(true);
  });

  it('ignores a socket that closes after stop', async () => {
    const h = harness(10);
    h.client.start();
    await h.flush();
    const socket = h.sockets[0]!;
    h.client.stop();
    socket.drop();
    expect(h.pending).toHaveLength(0);
  });
});
