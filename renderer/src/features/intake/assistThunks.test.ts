import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../app/api';
import { ApiError } from '../../app/api';
import { createAppStore } from '../../app/store';
import { dutyError } from '../../../../shared/errors';
import { memorySessionStore } from '../session/sessionStore';
import { draftEdited, suggestMoved } from './intakeSlice';
import { duplicateQuestion, locateDraft, pickSuggestion, requestDuplicates, requestSuggestions, submitAndMerge, suggestionRows } from './assistThunks';
import { submitIntake } from './intakeThunks';
import { emptyDraft } from './reportPayload';

type Call = { name: string; options: { query?: Record<string, unknown>; body?: Record<string, unknown> } | undefined };

/** A hub whose answers the test hands out by name, in order, whenever it chooses. */
function fakeHub() {
  const calls: Call[] = [];
  const waiting: Array<{ name: string; resolve: (v: unknown) => void; reject: (e: unknown) => void }> = [];
  const api: ApiClient = {
    call: ((name: string, options?: Call['options']) => {
      calls.push({ name, options });
      return new Promise<unknown>((resolve, reject) => waiting.push({ name, resolve, reject }));
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
  const next = (name: string) => {
    const i = waiting.findIndex((w) => w.name === name);
    if (i < 0) throw new Error(`no ${name} call waiting`);
    return waiting.splice(i, 1)[0]!;
  };
  const flush = () => new Promise((r) => setTimeout(r, 0));
  let n = 0;
  const keys = () => `key-${++n}`;
  return { store, calls, next, flush, keys };
}

const place = (text: string, lon = 120.08, lat = 30.33) => ({ addressId: text, text, location: { lon, lat }, gridId: 'G1', score: 1 });

describe('address autocomplete', () => {
  it('shows the newest answer and drops a slower answer to an older query', async () => {
    const { store, next } = fakeHub();
    const first = store.dispatch(requestSuggestions('振'));
    const second = store.dispatch(requestSuggestions('振华路8'));
    next('geocode').resolve({ status: 'unresolved', match: null, candidates: [], suggestions: [place('振华路')] });
    const newest = next('geocode');
    newest.resolve({ status: 'unresolved', match: null, candidates: [], suggestions: [place('振华路 8 号'), place('振华路 80 号')] });
    await Promise.all([first, second]);
    expect(store.getState().intake.suggest.items.map((s) => s.text)).toEqual(['振华路 8 号', '振华路 80 号']);

    // And the other way round: the old answer arriving last changes nothing.
    const a = store.dispatch(requestSuggestions('振华路8'));
    const b = store.dispatch(requestSuggestions('振华路88'));
    const old = next('geocode');
    next('geocode').resolve({ status: 'matched', match: place('振华路 88 号'), candidates: [place('振华路 88 号')], suggestions: [] });
    await b;
    old.resolve({ status: 'unresolved', match: null, candidates: [], suggestions: [place('振华路 8 号')] });
    await a;
    expect(store.getState().intake.suggest.items.map((s) => s.text)).toEqual(['振华路 88 号']);
    expect(store.getState().intake.suggest.open).toBe(true);
  });

  it('lists an ambiguous address’s candidates for the operator instead of picking one', async () => {
    const { store, next } = fakeHub();
    const done = store.dispatch(requestSuggestions('振化路8号'));
    next('geocode').resolve({ status: 'ambiguous', match: null, candidates: [place('振华路 8 号'), place('振兴路 8 号')], suggestions: [place('振华路 8 号')] });
    await done;
    const { suggest, draft } = store.getState().intake;
    expect(suggest.ambiguous).toBe(true);
    expect(suggest.items.map((s) => s.text)).toEqual(['振华路 8 号', '振兴路 8 号']);
    expect(draft.lon).toBe('');
  });

  it('moves through the list with wrap-around and fills place, coordinates and grid on a pick', async () => {
    const { store, next, calls } = fakeHub();
    const done = store.dispatch(requestSuggestions('zhl'));
    next('geocode').resolve({ status: 'unresolved', match: null, candidates: [], suggestions: [place('振华路', 120.1, 30.3), place('紫荆路')] });
    await done;
    store.dispatch(suggestMoved(-1));
    expect(store.getState().intake.suggest.active).toBe(1);
    const picked = store.dispatch(pickSuggestion(store.getState().intake.suggest.items[0]!));
    expect(calls.at(-1)).toMatchObject({ name: 'townLocate', options: { query: { lon: 120.1, lat: 30.3 } } });
    next('townLocate').resolve({ grid: { id: 'G1', name: '振华一网格', level: 'grid', regionHead: null }, ancestors: [] });
    await picked;
    const { draft, locate, suggest } = store.getState().intake;
    expect(draft).toMatchObject({ address: '振华路', lon: '120.100000', lat: '30.300000' });
    expect(locate.result?.grid?.name).toBe('振华一网格');
    expect(suggest.open).toBe(false);

    // Editing the address after a pick drops the coordinates that came with it.
    store.dispatch(draftEdited({ address: '振华路 9 号' }));
    expect(store.getState().intake.draft.lon).toBe('');
    await store.dispatch(locateDraft());
    expect(store.getState().intake.locate.result).toBeNull();
  });

  it('orders a match first and shows each address once', () => {
    const rows = suggestionRows({ match: place('A'), candidates: [place('A'), place('B')], suggestions: [place('B'), place('C')] });
    expect(rows.map((r) => r.text)).toEqual(['A', 'B', 'C']);
  });
});

const filled = { channel: 'hotline12345' as const, category: 'noise', title: '夜间施工噪声', address: '三墩镇振华路 88 号', reporterPhone: '13800000000' };
const candidate = (incidentId: string) => ({
  incidentId,
  title: '振华路工地夜间施工',
  state: 'reported',
  category: 'noise',
  createdAt: '2025-03-01T10:00:00Z',
  channels: ['hotline12345'],
  likely: true,
  score: { total: 0.8, distanceMeters: 40, minutesApart: 12, parts: { distance: 0.8, time: 0.9, category: 1, text: 0.6, samePhone: 1, samePlace: 0 } },
});

describe('duplicates beside the form', () => {
  it('asks only with a category and a place or a few words, and sends what the hub compares', () => {
    expect(duplicateQuestion({ ...emptyDraft, title: '很长的一段描述文字' })).toBeNull();
    expect(duplicateQuestion({ ...emptyDraft, category: 'noise', title: '噪声' })).toBeNull();
    expect(duplicateQuestion({ ...emptyDraft, ...filled })).toEqual({
      category: 'noise',
      title: '夜间施工噪声',
      description: '',
      channel: 'hotline12345',
      address: '三墩镇振华路 88 号',
      phone: '13800000000',
    });
  });

  it('keeps only the newest answer', async () => {
    const { store, next } = fakeHub();
    store.dispatch(draftEdited(filled));
    const a = store.dispatch(requestDuplicates());
    const b = store.dispatch(requestDuplicates());
    const old = next('duplicates');
    next('duplicates').resolve({ candidates: [candidate('INC-2')] });
    await b;
    old.resolve({ candidates: [candidate('INC-1')] });
    await a;
    expect(store.getState().intake.duplicates.items.map((c) => c.incidentId)).toEqual(['INC-2']);
  });
});

describe('report and merge in one key', () => {
  it('reports, merges the new incident into the candidate, and selects the master', async () => {
    const { store, next, calls, flush, keys } = fakeHub();
    store.dispatch(draftEdited(filled));
    const done = store.dispatch(submitAndMerge('INC-1', keys));
    next('command').resolve({ ok: true, seq: 5, incidentId: 'INC-9' });
    await flush();
    next('command').resolve({ ok: true, seq: 6, incidentId: 'INC-1' });
    await done;
    const bodies = calls.filter((c) => c.name === 'command').map((c) => c.options?.body);
    expect(bodies[0]).toMatchObject({ type: 'incident.report', idempotencyKey: 'key-1' });
    expect(bodies[1]).toEqual({ type: 'incident.merge', payload: { incidentId: 'INC-9', into: 'INC-1' }, idempotencyKey: 'key-2' });
    const { intake, selection } = store.getState();
    expect(intake.merge.done).toEqual({ incidentId: 'INC-9', into: 'INC-1', merged: true, queued: false });
    expect(intake.draft.title).toBe('');
    expect(selection.incidentId).toBe('INC-1');
  });

  it('retries with the same keys and does not report twice when the merge answer was lost', async () => {
    const { store, next, calls, flush, keys } = fakeHub();
    store.dispatch(draftEdited(filled));
    // First try: the report's answer is lost.
    let attempt = store.dispatch(submitAndMerge('INC-1', keys));
    next('command').reject(new ApiError(dutyError('unavailable', 'no hub'), 0));
    await attempt;
    expect(store.getState().intake.pendingKey).toBe('key-1');
    // Second: the report applies, the merge's answer is lost.
    attempt = store.dispatch(submitAndMerge('INC-1', keys));
    next('command').resolve({ ok: true, seq: 5, incidentId: 'INC-9' });
    await flush();
    next('command').reject(new ApiError(dutyError('unavailable', 'no hub'), 0));
    await attempt;
    expect(store.getState().intake.merge).toMatchObject({ status: 'failed', incidentId: 'INC-9' });
    // Third: only the merge goes again, under its first key.
    attempt = store.dispatch(submitAndMerge('INC-1', keys));
    next('command').resolve({ ok: true, seq: 6, incidentId: 'INC-1' });
    await attempt;
    const bodies = calls.filter((c) => c.name === 'command').map((c) => c.options?.body as { type: string; idempotencyKey: string });
    expect(bodies.map((b) => `${b.type}:${b.idempotencyKey}`)).toEqual([
      'incident.report:key-1',
      'incident.report:key-1',
      'incident.merge:key-2',
      'incident.merge:key-2',
    ]);
    expect(store.getState().intake.merge.done?.merged).toBe(true);
  });

  it('keeps the report as its own incident when the hub refuses the merge, and Ctrl+Enter then reports nothing new', async () => {
    const { store, next, calls, flush, keys } = fakeHub();
    store.dispatch(draftEdited(filled));
    const attempt = store.dispatch(submitAndMerge('INC-1', keys));
    next('command').resolve({ ok: true, seq: 5, incidentId: 'INC-9' });
    await flush();
    next('command').reject(new ApiError(dutyError('conflict', 'INC-1 is closed'), 409));
    await attempt;
    const { intake } = store.getState();
    expect(intake.merge.done).toEqual({ incidentId: 'INC-9', into: 'INC-1', merged: false, queued: false });
    expect(intake.merge.error?.code).toBe('conflict');
    expect(intake.accepted?.incidentId).toBe('INC-9');
    expect(calls.filter((c) => c.name === 'command')).toHaveLength(2);
  });

  it('after a lost merge answer, a plain submit keeps the reported incident instead of reporting again', async () => {
    const { store, next, calls, flush, keys } = fakeHub();
    store.dispatch(draftEdited(filled));
    const attempt = store.dispatch(submitAndMerge('INC-1', keys));
    next('command').resolve({ ok: true, seq: 5, incidentId: 'INC-9' });
    await flush();
    next('command').reject(new ApiError(dutyError('unavailable', 'no hub'), 0));
    await attempt;
    await store.dispatch(submitIntake(keys));
    expect(calls.filter((c) => c.name === 'command')).toHaveLength(2);
    expect(store.getState().intake.accepted).toEqual({ incidentId: 'INC-9', seq: 5 });
    expect(store.getState().intake.merge.incidentId).toBeNull();
  });
});
