// Keeps the store in step with the hub: seeds the queue over HTTP, then follows the
// journal stream. A short absence resumes from the last applied seq; a long one (or a
// reset hub) re-seeds, because replaying thousands of entries costs more than a fresh list.
import { STREAM_PATH } from '../../../shared/protocol/api';
import { deskEntriesReceived } from '../features/command/commandThunks';
import { detailEntriesReceived } from '../features/detail/detailThunks';
import { hubContacted, linkStateChanged } from '../features/link/linkSlice';
import { mapFeed } from '../features/map/mapFeed';
import { journalEntriesReceived, loadOpenIncidents } from '../features/queue/queueThunks';
import { endSession } from '../features/session/sessionThunks';
import { warningEntriesReceived } from '../features/warnings/warningsThunks';
import { wallEntriesReceived } from '../features/wallFocus/wallFocusThunks';
import { toWebSocketUrl } from './bootstrap';
import type { AppStore, AppThunk } from './store';
import { createStreamClient, type PrepareRequest, type SocketLike, type StreamClient } from './stream';

/** Beyond this many missed entries, a fresh open list is cheaper than a replay. */
export const RESEED_GAP = 2_000;

export function decideResume(request: PrepareRequest, hubSeq: number): 'resume' | 'reseed' {
  if (request.reseed || request.lastSeq === null) return 'reseed';
  if (hubSeq < request.lastSeq) return 'reseed'; // the hub forgot entries we applied
  return hubSeq - request.lastSeq > RESEED_GAP ? 'reseed' : 'resume';
}

/** Resolves to the seq the stream continues after. */
export function prepareStream(request: PrepareRequest): AppThunk<Promise<number>> {
  return async (dispatch, _getState, { api, now }) => {
    // Health first: the open list fetched afterwards is at least as new as its seq, and the
    // stream then replays from that seq; rows carry lastSeq, so the overlap is harmless.
    const { journalSeq } = await api.call('health');
    dispatch(hubContacted({ at: now() }));
    if (decideResume(request, journalSeq) === 'resume' && request.lastSeq !== null) return request.lastSeq;
    await dispatch(loadOpenIncidents(journalSeq));
    return journalSeq;
  };
}

function contacted(): AppThunk {
  return (dispatch, _getState, { now }) => {
    dispatch(hubContacted({ at: now() }));
  };
}

export function startSync(store: AppStore, hubUrl: string, createSocket?: (url: string) => SocketLike): StreamClient {
  const client = createStreamClient({
    url: toWebSocketUrl(hubUrl, STREAM_PATH),
    token: store.getState().session.token ?? '',
    prepare: (request) => store.dispatch(prepareStream(request)),
    onEntries: (entries) => {
      store.dispatch(journalEntriesReceived(entries));
      store.dispatch(wallEntriesReceived(entries));
      store.dispatch(warningEntriesReceived(entries));
      store.dispatch(detailEntriesReceived(entries));
      store.dispatch(deskEntriesReceived(entries));
      mapFeed.entries(entries);
    },
    onPositions: (message) => mapFeed.positions(message),
    onLinkState: (state) => store.dispatch(linkStateChanged(state)),
    onContact: () => store.dispatch(contacted()),
    onRefused: (error) => store.dispatch(endSession(error)),
    ...(createSocket ? { createSocket } : {}),
  });
  client.start();
  return client;
}
