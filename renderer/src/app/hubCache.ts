// The stream keeps the window's cache (./hubApi.ts) current: every batch of journal entries
// is folded into the cached answers it changes, so no screen goes back to the hub for what
// an entry already says. An answer is read again only when its entry cannot say enough (a
// town imported, the config changed, a report merged into an open detail).
import { createAction, isAnyOf, isRejectedWithValue, type ThunkDispatch, type UnknownAction } from '@reduxjs/toolkit';
import type { JournalEntry, JournalEntryOf } from '../../../shared/journal/catalog';
import type { RiskScores } from '../../../shared/protocol/risk';
import { foldIncidentDetail, foldIncidentJournal } from '../features/detail/detailFold';
import { foldHeat, type HeatLocate } from '../features/map/heatFold';
import { withRiskChanges } from '../features/map/riskLayer';
import { selectIncidentById } from '../features/queue/queueSlice';
import { linkStateChanged } from '../features/link/linkSlice';
import { loggedOut, sessionExpired } from '../features/session/sessionSlice';
import { endSession } from '../features/session/sessionThunks';
import type { DutyError } from '../../../shared/errors';
import { hubApi, READ_NAMES, readTag, type HubQueryMeta, type ReadName } from './hubApi';
import { journalEntriesApplied } from './journalActions';
import type { PresenceMessage } from './stream';
import type { ListenerSetup, RootState } from './store';

/** The refusals of a read that mean the session itself is over (not a role's limit, not a hub away). */
const SESSION_GONE: ReadonlySet<string> = new Set(['unauthenticated', 'sessionExpired']);

/** The town's reference data: only a town import changes it. */
const TOWN_REFERENCE: ReadonlySet<ReadName> = new Set<ReadName>(['town', 'townRegions', 'townBasemap', 'townCameras', 'townPlaces', 'townUnits']);
/** What a town import makes stale: the reference data, and what is computed over the town's grids and units. */
const TOWN_READS: readonly ReadName[] = [...TOWN_REFERENCE, 'units', 'risk', 'heat'];

/**
 * The reads an entry makes stale beyond what a fold can patch: their entries do not carry the
 * answer (a config update names the fields changed, a town import only its hash).
 */
export function readsChangedBy(entry: JournalEntry): readonly ReadName[] {
  switch (entry.type) {
    case 'town.imported':
      return TOWN_READS;
    case 'config.updated':
      // The SLA in force changes the risk map's overdue part as well.
      return ['config', 'risk'];
    case 'shift.started':
    case 'shift.handedOver':
      return ['shift', 'roster'];
    case 'user.created':
      return ['roster'];
    default:
      return [];
  }
}

/**
 * The reads a re-seed makes stale (app/sync.ts): entries were missed, so every folded answer
 * may be behind; the town's reference data only when the hub's journal went backwards (a
 * reset hub: another room, perhaps). None on the first connection: nothing was folded yet.
 */
export function readsStaleAfterReseed(lastSeq: number | null, hubSeq: number): readonly ReadName[] {
  if (lastSeq === null) return [];
  return hubSeq < lastSeq ? READ_NAMES : READ_NAMES.filter((name) => !TOWN_REFERENCE.has(name));
}

type Dispatch = ThunkDispatch<RootState, unknown, UnknownAction>;

/** Folds one batch into every cached answer it changes; `before` is the state the batch was applied to. */
export function patchHubCache(entries: readonly JournalEntry[], dispatch: Dispatch, getState: () => RootState, before: RootState): void {
  const stale = new Set(entries.flatMap(readsChangedBy));
  if (stale.size) dispatch(hubApi.util.invalidateTags([...stale]));

  const risk = entries.filter((entry): entry is JournalEntryOf<'risk.changed'> => entry.type === 'risk.changed');
  if (risk.length && !stale.has('risk')) {
    let unknownGrid = false;
    dispatch(
      hubApi.util.updateQueryData('risk', undefined, (draft) => {
        const next = withRiskChanges(draft.items, risk);
        if (next) draft.items = next;
        else unknownGrid = true;
      }),
    );
    if (unknownGrid) dispatch(hubApi.util.invalidateTags(['risk']));
  }

  const state = getState();
  for (const arg of hubApi.util.selectCachedArgsForQuery(state, 'incident')) {
    const cached = hubApi.endpoints.incident.select(arg)(state).data;
    if (!cached) continue;
    const lookup = (id: string) => selectIncidentById(before, id) ?? selectIncidentById(state, id) ?? null;
    const folded = foldIncidentDetail(cached, entries, lookup);
    if (folded === cached) continue;
    if (folded) dispatch(hubApi.util.updateQueryData('incident', arg, () => folded));
    else dispatch(hubApi.util.invalidateTags([readTag('incident', arg)]));
  }

  for (const arg of hubApi.util.selectCachedArgsForQuery(state, 'incidentJournal')) {
    const cached = hubApi.endpoints.incidentJournal.select(arg)(state).data;
    if (!cached) continue;
    const detail = hubApi.endpoints.incident.select(arg)(getState()).data;
    const folded = foldIncidentJournal(cached, entries, new Set([arg.params.id, ...(detail?.mergedFrom ?? [])]));
    if (folded === cached) continue;
    if (folded) dispatch(hubApi.util.updateQueryData('incidentJournal', arg, () => folded));
    else dispatch(hubApi.util.invalidateTags([readTag('incidentJournal', arg)]));
  }

  if (!stale.has('heat')) {
    // A merged report has left the open list by now; the state before the batch still holds it.
    const locate: HeatLocate = (id) => {
      const record = selectIncidentById(before, id) ?? selectIncidentById(state, id);
      if (!record) return undefined;
      return record.location ? { lon: record.location.lon, lat: record.location.lat, createdAt: record.createdAt } : null;
    };
    for (const arg of hubApi.util.selectCachedArgsForQuery(state, 'heat')) {
      const cached = hubApi.endpoints.heat.select(arg)(state).data;
      if (!cached) continue;
      const folded = foldHeat(cached, entries, locate);
      if (folded === cached) continue;
      if (folded) dispatch(hubApi.util.updateQueryData('heat', arg, () => folded));
      else dispatch(hubApi.util.invalidateTags([readTag('heat', arg)]));
    }
  }
}

/** The stream's `riskScores` message (app/sync.ts): every grid's live score, each minute. */
export const riskScoresHeard = createAction<RiskScores>('hub/riskScoresHeard');

/** The cached risk map with the live scores in; its journaled colours and `since` stay as the entries set them. */
export function patchRiskScores(scores: RiskScores, dispatch: Dispatch): void {
  dispatch(
    hubApi.util.updateQueryData('risk', undefined, (draft) => {
      const byGrid = new Map(scores.items.map((item) => [item.gridId, item]));
      for (const grid of draft.items) {
        const heard = byGrid.get(grid.gridId);
        if (!heard) continue;
        grid.score = heard.score;
        grid.scoreColour = heard.scoreColour;
        grid.reasons = heard.reasons;
      }
    }),
  );
}

/** The stream's `presence` message (app/sync.ts): someone of the room came to a window or left. */
export type PresenceHeard = Omit<PresenceMessage, 'type'>;
export const presenceHeard = createAction<PresenceHeard>('hub/presenceHeard');

/** The cached roster with one user's presence as the hub just told it. */
export function patchPresence({ userId, online, lastSeenAt }: PresenceHeard, dispatch: Dispatch): void {
  dispatch(
    hubApi.util.updateQueryData('roster', undefined, (draft) => {
      const user = draft.users.find((u) => u.id === userId);
      if (!user) return;
      user.online = online;
      user.lastSeenAt = lastSeenAt;
    }),
  );
}

export const hubCacheListeners: ListenerSetup = (startListening) => {
  // Answers are masked for the role that asked (shared/privacy.ts): the next person to sign in
  // at this window reads afresh, never what the last one was shown.
  startListening({ matcher: isAnyOf(loggedOut, sessionExpired), effect: (_action, { dispatch }) => void dispatch(hubApi.util.resetApiState()) });
  // A read the hub refuses because the session is gone ends the session, as the stream's
  // refusal does: the window goes back to sign-in instead of showing a read that failed. Only
  // for the session that asked; a refusal landing after someone else signed in is theirs no more.
  startListening({
    predicate: (action, state) => {
      if (!action.type.startsWith(`${hubApi.reducerPath}/`) || !isRejectedWithValue(action)) return false;
      const error = action.payload as DutyError | undefined;
      const asked = (action.meta as { baseQueryMeta?: HubQueryMeta }).baseQueryMeta?.token;
      return !!error && SESSION_GONE.has(error.code) && asked !== undefined && asked !== null && asked === state.session.token;
    },
    effect: (action, { dispatch }) => void dispatch(endSession(action.payload as DutyError)),
  });
  startListening({ actionCreator: riskScoresHeard, effect: (action, { dispatch }) => patchRiskScores(action.payload, dispatch) });
  startListening({ actionCreator: presenceHeard, effect: (action, { dispatch }) => patchPresence(action.payload, dispatch) });
  // Presence messages sent while the link was down are not replayed: read the roster again.
  startListening({
    actionCreator: linkStateChanged,
    effect: (action, { dispatch, getOriginalState }) => {
      if (action.payload === 'online' && getOriginalState().link.state !== 'online') dispatch(hubApi.util.invalidateTags(['roster']));
    },
  });
  startListening({
    actionCreator: journalEntriesApplied,
    effect: (action, { dispatch, getState, getOriginalState }) => patchHubCache(action.payload, dispatch, getState, getOriginalState()),
  });
};
