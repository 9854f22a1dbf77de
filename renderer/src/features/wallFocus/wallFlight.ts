// The wall's flight to a newly focused incident (上墙): decided here, once per focus, as soon
// as the incident's location is known (from the open list, or the focused record the wall
// map reads through the cache); the wall map only moves its camera to it (WallMap.tsx).
import { hubApi } from '../../app/hubApi';
import type { ListenerSetup, RootState } from '../../app/store';
import { selectIncidentById } from '../queue/queueSlice';
import { wallFlightStarted } from './wallFocusSlice';

/** How long a focus waits for its incident's location before the wall stays where it is. */
export const FOCUS_LOCATE_MS = 15_000;

/** The focused incident's location as this window knows it, or null. */
export function focusLocation(state: RootState, incidentId: string): { lon: number; lat: number } | null {
  const cached = hubApi.endpoints.incident.select({ params: { id: incidentId } })(state).data;
  return cached?.location ?? selectIncidentById(state, incidentId)?.location ?? null;
}

export const wallFlightListener: ListenerSetup = (startListening) => {
  startListening({
    predicate: (_action, current, original) => current.wallFocus.incidentId !== original.wallFocus.incidentId,
    effect: async (_action, { getState, dispatch, condition, cancelActiveListeners }) => {
      // A newer focus replaces one still waiting for its location.
      cancelActiveListeners();
      const id = getState().wallFocus.incidentId;
      if (!id) return;
      const located = focusLocation(getState(), id) !== null || (await condition((_a, state) => focusLocation(state, id) !== null, FOCUS_LOCATE_MS));
      const location = located ? focusLocation(getState(), id) : null;
      if (!location || getState().wallFocus.incidentId !== id) return;
      dispatch(wallFlightStarted({ incidentId: id, lon: location.lon, lat: location.lat }));
    },
  });
};
