import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../../shared/domain';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { setTownTimeZone, townTimeZone } from '../../../shared/time';
import { sessionStateWithToken } from '../features/session/sessionSlice';
import { arrivalSoundListener } from '../features/queue/arrivalSound';
import { memorySessionStore } from '../features/session/sessionStore';
import type { ApiClient } from './api';
import { FakeSocket } from './fakeSocket.fixture';
import { HIDDEN_WINDOW_FLUSH_MS, type FrameScheduler } from './frameCoalescer';
import { journalEntriesApplied } from './journalActions';
import { listenerSetups } from './listenerSetups';
import { createAppStore, type ListenerSetup } from './store';
import { decideResume, prepareStream, RESEED_GAP, startSync } from './sync';

const incident = (id: string, lastSeq: number): Incident => ({
  id,
  state: 'reported',
  title: id,
  category: 'noise',
  priority: null,
  location: null,
  address: '三墩',
  channels: ['phone'],
  reportCount: 1,
  createdAt: '2025-03-01T08:00:00.000Z',
  updatedAt: '2025-03-01T08:00:00.000Z',
  lastSeq,
  lastAction: 'incident.reported',
});

function setup(hubSeq: number, items: Incident[], timeZone = 'Asia/Shanghai') {
  const calls: string[] = [];
  const api: ApiClient = {
    call: (async (name: string) => {
      calls.push(name);
      if (name === 'health') return { ok: true, mode: 'primary', journalSeq: hubSeq };
      if (name === 'incidents') return { items };
      if (name === 'town') return { imported: true, timeZone };
      throw new Error(name);
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 99 }, { session: sessionStateWithToken('T') }, listenerSetups);
  return { store, calls };
}

describe('syncing with the hub', () => {
  it('seeds the queue on the first connection and continues after the hub seq', async () => {
    const { store, calls } = setup(40, [incident('A', 12)]);
    const after = await store.dispatch(prepareStream({ lastSeq: null, reseed: false }));
    expect(after).toBe(40);
    expect(calls).toEqual(['health', 'town', 'incidents']);
    expect(store.getState().queue.ids).toEqual(['A']);
    expect(store.getState().link.lastContactAt).toBe(99);
  });

  it('reads the town clock from the hub before the first list', async () => {
    const { store } = setup(40, [], 'Europe/Berlin');
    await store.dispatch(prepareStream({ lastSeq: null, reseed: false }));
    expect(townTimeZone()).toBe('Europe/Berlin');
    setTownTimeZone(null);
  });

  it('keeps the town clock when the hub names a zone this browser does not know', async () => {
    const { store } = setup(40, [], 'Mars/Olympus');
    await store.dispatch(prepareStream({ lastSeq: null, reseed: false }));
    expect(townTimeZone()).toBe('Asia/Shanghai');
  });

  it('resumes after a short absence without fetching the list again', async () => {
    const { store, calls } = setup(45, []);
    const after = await store.dispatch(prepareStream({ lastSeq: 40, reseed: false }));
    expect(after).toBe(40);
    expect(calls).toEqual(['health']);
  });

  it('re-seeds after a long absence, a reset hub, or a hole in the stream', () => {
    expect(decideResume({ lastSeq: 10, reseed: false }, 10 + RESEED_GAP + 1)).toBe('reseed');
    expect(decideResume({ lastSeq: 10, reseed: false }, 4)).toBe('reseed');
    expect(decideResume({ lastSeq: 10, reseed: true }, 12)).toBe('reseed');
    expect(decideResume({ lastSeq: 10, reseed: false }, 12)).toBe('resume');
  });
});

describe('applying the stream once per frame', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  const reported = (seq: number, id: string): JournalEntry => ({
    seq,
    time: '2025-03-01T09:00:00.000Z',
    actor: 'operator1',
    role: 'operator',
    type: 'incident.reported',
    payload: {
      incident: incident(id, seq),
      report: { id: `R-${id}`, incidentId: id, channel: 'phone', receivedAt: '2025-03-01T09:00:00.000Z', title: id, description: '', category: 'noise', location: null, address: '三墩', reporter: null, takenBy: 'operator1' },
    },
    prevHash: '',
    hash: '',
  });

  /** `hidden`: a minimized window, which draws no frame; only the inbox's timer flushes. */
  function live(hub: { seq: number; items: Incident[] }, { hidden = false, setups = listenerSetups }: { hidden?: boolean; setups?: readonly ListenerSetup[] } = {}) {
    vi.useFakeTimers();
    const api: ApiClient = {
      call: (async (name: string) => {
        if (name === 'health') return { ok: true, mode: 'primary', journalSeq: hub.seq };
        if (name === 'incidents') return { items: hub.items };
        throw new Error(name);
      }) as ApiClient['call'],
    };
    const store = createAppStore({ api, sessionStore: memorySessionStore('T'), now: () => 99 }, { session: sessionStateWithToken('T') }, setups);
    const frames: Array<() => void> = [];
    const scheduler: FrameScheduler = {
      frame: (run) => {
        frames.push(run);
        return () => frames.splice(frames.indexOf(run) >>> 0, 1);
      },
      // A window that stays visible: only frames flush. A hidden one: only the timer does.
      later: (run, ms) => {
        if (!hidden) return () => {};
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
    };
    const sockets: FakeSocket[] = [];
    const client = startSync(store, 'http://hub', {
      frames: scheduler,
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket;
      },
    });
    const drawFrame = () => frames.splice(0).forEach((run) => run());
    const ids = () => [...store.getState().queue.ids].sort();
    /** The first connection, seeded and ready. */
    const connected = async () => {
      await vi.advanceTimersByTimeAsync(0);
      const socket = sockets[0]!;
      socket.open();
      socket.receive({ type: 'ready', journalSeq: hub.seq, user: { id: 'u1', username: 'operator1', name: '张三', role: 'operator' } });
      return socket;
    };
    return { client, sockets, drawFrame, ids, connected };
  }

  it('applies the messages of one frame together when the frame comes', async () => {
    const s = live({ seq: 10, items: [incident('A', 10)] });
    const socket = await s.connected();
    socket.receive({ type: 'entries', entries: [reported(11, 'B')] });
    socket.receive({ type: 'entries', entries: [reported(12, 'C')] });
    expect(s.ids()).toEqual(['A']);
    s.drawFrame();
    expect(s.ids()).toEqual(['A', 'B', 'C']);
    s.client.stop();
  });

  it('applies what waited for a frame before a re-seed, never after its newer list', async () => {
    const hub = { seq: 10, items: [incident('A', 10)] };
    const s = live(hub);
    const first = await s.connected();
    first.receive({ type: 'entries', entries: [reported(11, 'B')] });
    // A hole: the client reconnects and re-seeds; meanwhile B was closed at the hub.
    first.receive({ type: 'entries', entries: [reported(13, 'D')] });
    hub.seq = 20;
    hub.items = [incident('A', 10), incident('D', 13)];
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.sockets).toHaveLength(2);
    s.drawFrame();
    expect(s.ids()).toEqual(['A', 'D']);
    s.client.stop();
  });

  it('lands the batch of a minimized window on the timer, as one action, with one arrival beep', async () => {
    let beeps = 0;
    const batches: number[] = [];
    const countBatches: ListenerSetup = (startListening) => {
      startListening({ actionCreator: journalEntriesApplied, effect: (action) => void batches.push(action.payload.length) });
    };
    const s = live({ seq: 10, items: [] }, { hidden: true, setups: [...listenerSetups, countBatches, arrivalSoundListener({ play: () => (beeps += 1), isOn: () => true })] });
    const socket = await s.connected();
    socket.receive({ type: 'entries', entries: [reported(11, 'B')] });
    socket.receive({ type: 'entries', entries: [reported(12, 'C')] });
    await vi.advanceTimersByTimeAsync(HIDDEN_WINDOW_FLUSH_MS - 1);
    expect(s.ids()).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(s.ids()).toEqual(['B', 'C']);
    expect(batches).toEqual([2]);
    expect(beeps).toBe(1);
    s.client.stop();
  });

  it('drops what waits when the session stops', async () => {
    const s = live({ seq: 10, items: [] });
    const socket = await s.connected();
    socket.receive({ type: 'entries', entries: [reported(11, 'B')] });
    s.client.stop();
    s.drawFrame();
    expect(s.ids()).toEqual([]);
  });
});
