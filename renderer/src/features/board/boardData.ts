// The board needs more of each incident than the queue keeps (its SLA timestamps and grid),
// so it re-reads the full open records when the queue changes, parsed with the engine's
// record schema, and the town's regions once. Both stay out of Redux: they are this
// window's view, re-derivable at any time.
import { useEffect, useState } from 'react';
import { z } from 'zod';
import { API_PREFIX } from '../../../../shared/protocol/api';
import { IncidentRecordSchema } from '../../../../shared/protocol/engine';
import type { IncidentRecord } from '../../../../shared/incident/model';
import { useBootstrap } from '../../app/BootstrapContext';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import type { AppThunk } from '../../app/store';
import { selectOpenIncidents } from '../queue/queueSlice';
import type { RegionNode } from './boardFigures';

const RecordListSchema = z.object({ items: z.array(IncidentRecordSchema) });
const REFRESH_DEBOUNCE_MS = 500;

function loadRecords(hubUrl: string): AppThunk<Promise<IncidentRecord[]>> {
  return async (_dispatch, getState) => {
    const token = getState().session.token;
    const response = await fetch(`${hubUrl}${API_PREFIX}/incidents?status=open`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (!response.ok) throw new Error(`incidents: ${response.status}`);
    return RecordListSchema.parse(await response.json()).items as IncidentRecord[];
  };
}

function loadRegions(): AppThunk<Promise<RegionNode[]>> {
  return async (_dispatch, getState, { api }) =>
    (await api.call('townRegions', { token: getState().session.token })).items.map(({ id, name, level, parentId }) => ({ id, name, level, parentId }));
}

/** Full records of the open incidents, refreshed shortly after the queue changes; null until the first answer. */
export function useOpenRecords(): IncidentRecord[] | null {
  const dispatch = useAppDispatch();
  const { hubUrl } = useBootstrap();
  const queue = useAppSelector(selectOpenIncidents);
  const [records, setRecords] = useState<IncidentRecord[] | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      dispatch(loadRecords(hubUrl)).then(
        (items) => live && setRecords(items),
        () => undefined, // keep the last list; the link pill says when the hub is away
      );
    }, REFRESH_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [dispatch, hubUrl, queue]);
  return records;
}

export function useRegions(): RegionNode[] {
  const dispatch = useAppDispatch();
  const [regions, setRegions] = useState<RegionNode[]>([]);
  useEffect(() => {
    let live = true;
    dispatch(loadRegions()).then(
      (items) => live && setRegions(items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [dispatch]);
  return regions;
}
