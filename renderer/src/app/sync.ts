// Keeps the store in step with the hub: seeds the queue over HTTP, then follows the
// journal stream. A short absence resumes from the last applied seq; a long one (or a
// reset hub) re-seeds, because replaying thousands of entries costs more than a fresh list.
import { STREAM_PATH } from '../../../shared/protocol/api';
import { setTownTimeZone } from '../../../shared/time';
import { hubContacted, linkStateChanged } from '../features/link/linkSlice';
import { mapFeed } from '../features/map/mapFeed';
import { loadOpenIncidents } from '../features/queue/queueThunks';
import { endSession } from '../features/session/sessionThunks';
import type { JournalEntry } from '../../../shared/journal/catalog';
import { toWebSocketUrl } from './bootstrap';
import { coalescePerFrame, type FrameCoalescer, type FrameScheduler } from './frameCoalescer';
import { hubApi } from './hubApi';
import { presenceHeard, readsStaleAfterReseed, riskScoresHeard } from './hubCache';
import { INSTRUMENTED } from './instrumented';
import { journalEntriesApplied } from './journalActions';
import type { AppStore, AppThunk } from './store';
import { createStreamClient, type PrepareRequest, type SocketLike, type StreamClient } from './stream';

/** Beyond this many missed entries, a fresh open list is cheaper than a replay. */
export const RESEED_GAP = 2_000;

export function decideResume(request: PrepareRequest, hubSeq: number): 'resume' | 'reseed' {
  if (request.reseed || request.lastSeq === null) return 'reseed';
  if (hubSeq < request.lastSeq) return 'reseed'; // the hub forgot entries we applied
  return hubSeq - request.lastSeq > RESEED_GAP ? 'reseed' : 'resume';
}

/**
 * Sets this window's town clock (shared/time.ts) from the hub's town meta. One setting per
 * window rather than a zone passed to every formatter: a window shows one hub's town, and its
 * formatters stay plain functions. Until it is set, and when the hub cannot say, the clock
 * keeps the zone it had (Asia/Shanghai at first).
 */
export function loadTownTimeZone(): AppThunk<Promise<void>> {
  return async (_dispatch, getState, { api }) => {
    try {
      const meta = await api.call('town', { token: getState().session.token });
      setTownTimeZone(meta.timeZone);
    } catch {
      // No meta, or a zone this browser's Intl does not know: the clock stays as it was.
    }
  };
}

/** Resolves to the seq the stream continues after. */
export function prepareStream(request: PrepareRequest): AppThunk<Promise<number>> {
  return async (dispatch, _getState, { api, now }) => {
    // Health first: the open list fetched afterwards is at least as new as its seq, and the
    // stream then replays from that seq; rows carry lastSeq, so the overlap is harmless.
    const { journalSeq } = await api.call('health');
    dispatch(hubContacted({ at: now() }));
    if (decideResume(request, journalSeq) === 'resume' && request.lastSeq !== null) return request.lastSeq;
    // What the cache folded may have missed entries too: those answers are read again.
    const stale = readsStaleAfterReseed(request.lastSeq, journalSeq);
    if (stale.length) dispatch(hubApi.util.invalidateTags([...stale]));
    // Before the list, so its first rows already show the town's clock.
    await dispatch(loadTownTimeZone());
    await dispatch(loadOpenIncidents(journalSeq));
    return journalSeq;
  };
}

function contacted(): AppThunk {
  return (dispatch, _getState, { now }) => {
    dispatch(hubContacted({ at: now() }));
  };
}

/**
 * A frame's batch as the one action every consumer handles: slices fold it, listeners
 * (app/listenerSetups.ts) do the rest. Stamped with the store's clock, which tests pin.
 */
function applyEntries(entries: JournalEntry[]): AppThunk {
  return (dispatch, _getState, { now }) => {
    dispatch(journalEntriesApplied(entries, now()));
  };
}

/** What bench/queue.ts drives: entries pushed as stream messages would push them. */
export interface StreamBenchHook {
  push(entries: JournalEntry[]): void;
}

export interface SyncOptions {
  createSocket?: (url: string) => SocketLike;
  frames?: FrameScheduler;
}

export function startSync(store: AppStore, hubUrl: string, options: SyncOptions = {}): StreamClient {
  // Messages that arrive within one frame are applied together before it is drawn.
  const inbox = coalescePerFrame<JournalEntry>((entries) => store.dispatch(applyEntries(entries)), options.frames);
  const client = createStreamClient({
    url: toWebSocketUrl(hubUrl, STREAM_PATH),
    token: store.getState().session.token ?? '',
    prepare: (request) => {
      // What arrived before the break is applied first: a re-seed's list is newer than it,
      // and entries applied after the list would take the rows back in time.
      inbox.flush();
      return store.dispatch(prepareStream(request));
    },
    onEntries: (entries) => inbox.push(entries),
    onPositions: (message) => mapFeed.positions(message),
    onPresence: ({ userId, online, lastSeenAt }) => store.dispatch(presenceHeard({ userId, online, lastSeenAt })),
    onRiskScores: (scores) => store.dispatch(riskScoresHeard(scores)),
    onLinkState: (state) => store.dispatch(linkStateChanged(state)),
    onContact: () => store.dispatch(contacted()),
    onRefused: (error) => {
      inbox.cancel();
      store.dispatch(endSession(error));
    },
    ...(options.createSocket ? { createSocket: options.createSocket } : {}),
  });
  client.start();
  const removeHook = INSTRUMENTED ? exposeStreamHook(inbox) : () => {};
  return {
    ...client,
    stop() {
      client.stop();
      inbox.cancel();
      removeHook();
    },
  };
}

/** For bench/queue.ts, in the instrumented build only: entries into the same inbox, to measure a burst as the stream brings it. */
function exposeStreamHook(inbox: FrameCoalescer<JournalEntry>): () => void {
  const hooks = globalThis as unknown as { __dutydeckStream?: StreamBenchHook };
  const hook: StreamBenchHook = { push: (entries) => inbox.push(entries) };
  hooks.__dutydeckStream = hook;
  return () => {
    if (hooks.__dutydeckStream === hook) delete hooks.__dutydeckStream;
  };
}
