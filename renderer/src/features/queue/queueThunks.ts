import { toDutyError } from '../../app/api';
import type { AppThunk } from '../../app/store';
import { endSession, endsSession } from '../session/sessionThunks';
import { incidentRefreshed, incidentVanished, openIncidentsLoaded, queueContextLoaded } from './queueSlice';

/** Seeds the queue with the hub's open records; `seq` is the least the list reflects. */
export function loadOpenIncidents(seq: number): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const list = await api.call('incidents', { token: getState().session.token, query: { status: 'open' } });
    dispatch(openIncidentsLoaded({ items: list.items, seq: Math.max(seq, list.seq ?? seq) }));
  };
}

/** The SLA allowances and the town's regions the queue's countdown and region filter need. */
export function loadQueueContext(): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const token = getState().session.token;
    // Each is optional to the queue: without them it counts down on the default SLA and
    // offers no region filter, so one failing does not hold the other back.
    const [config, regions] = await Promise.allSettled([api.call('config', { token }), api.call('townRegions', { token, query: {} })]);
    dispatch(
      queueContextLoaded({
        ...(config.status === 'fulfilled' ? { sla: config.value.sla } : {}),
        ...(regions.status === 'fulfilled'
          ? { regions: regions.value.items.map(({ id, name, level, parentId }) => ({ id, name, level, parentId })) }
          : {}),
      }),
    );
  };
}

export function refreshIncident(incidentId: string, seq: number): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    try {
      const { reports: _reports, ...record } = await api.call('incident', {
        token: getState().session.token,
        params: { id: incidentId },
      });
      dispatch(incidentRefreshed({ record, asOf: seq }));
    } catch (cause) {
      const error = toDutyError(cause);
      if (error.code === 'notFound') dispatch(incidentVanished(incidentId));
      else if (endsSession(error.code)) dispatch(endSession(error));
      // Anything else: the row stays behind; the next entry naming it fetches again.
    }
  };
}
