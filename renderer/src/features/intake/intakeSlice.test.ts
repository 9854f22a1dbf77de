import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../../app/api';
import { ApiError } from '../../app/api';
import { createAppStore } from '../../app/store';
import { dutyError } from '../../../../shared/errors';
import { memorySessionStore } from '../session/sessionStore';
import { draftEdited } from './intakeSlice';
import { submitIntake } from './intakeThunks';
import { buildReportPayload, emptyDraft } from './reportPayload';

type Sent = { type: string; payload: Record<string, unknown>; idempotencyKey: string };

function storeWith(answers: (() => unknown)[]) {
  const sent: Sent[] = [];
  const api: ApiClient = {
    call: (async (name: string, options?: { body?: unknown }) => {
      if (name !== 'command') throw new Error(`unexpected ${name}`);
      sent.push(options?.body as Sent);
      const answer = answers.shift();
      return answer?.();
    }) as ApiClient['call'],
  };
  const store = createAppStore({ api, sessionStore: memorySessionStore(), now: () => 0 });
  let n = 0;
  const keys = () => `key-${String(++n).padStart(4, '0')}`;
  return { store, sent, keys };
}

const filled = { channel: 'hotline12345' as const, category: 'noise', title: '夜间施工噪声', address: '三墩镇振华路 88 号' };

describe('manual intake', () => {
  it('sends an incident.report command and shows the new incident id', async () => {
    const { store, sent, keys } = storeWith([() => ({ ok: true, seq: 12, incidentId: 'INC-7' })]);
    store.dispatch(draftEdited(filled));
    await store.dispatch(submitIntake(keys));
    expect(sent[0]).toMatchObject({ type: 'incident.report', idempotencyKey: 'key-0001', payload: { channel: 'hotline12345', title: '夜间施工噪声' } });
    const { intake } = store.getState();
    expect(intake.status).toBe('accepted');
    expect(intake.accepted).toEqual({ incidentId: 'INC-7', seq: 12 });
    expect(intake.draft.title).toBe('');
    expect(intake.draft.channel).toBe('hotline12345');
  });

  it('reuses the idempotency key when retrying after the hub did not answer', async () => {
    const { store, sent, keys } = storeWith([
      () => {
        throw new ApiError(dutyError('unavailable', 'cannot reach the hub'), 0);
      },
      () => ({ ok: true, seq: 3, incidentId: 'INC-1' }),
    ]);
    store.dispatch(draftEdited(filled));
    await store.dispatch(submitIntake(keys));
    expect(store.getState().intake.status).toBe('rejected');
    await store.dispatch(submitIntake(keys));
    expect(sent.map((s) => s.idempotencyKey)).toEqual(['key-0001', 'key-0001']);
  });

  it('uses a fresh key for the next submission after one was accepted or refused', async () => {
    const { store, sent, keys } = storeWith([
      () => ({ ok: true, seq: 3, incidentId: 'INC-1' }),
      () => {
        throw new ApiError(dutyError('forbidden', 'no'), 403);
      },
      () => ({ ok: true, seq: 4, incidentId: 'INC-2' }),
    ]);
    for (let i = 0; i < 3; i++) {
      store.dispatch(draftEdited(filled));
      await store.dispatch(submitIntake(keys));
    }
    expect(sent.map((s) => s.idempotencyKey)).toEqual(['key-0001', 'key-0002', 'key-0003']);
  });

  it('keeps the server error with its path for the form to show', async () => {
    const { store, keys } = storeWith([
      () => {
        throw new ApiError(dutyError('invalid', 'payload.title: too long', 'payload.title'), 400);
      },
    ]);
    store.dispatch(draftEdited(filled));
    await store.dispatch(submitIntake(keys));
    expect(store.getState().intake.error).toEqual({ code: 'invalid', message: 'payload.title: too long', path: 'payload.title' });
    expect(store.getState().intake.draft.title).toBe('夜间施工噪声');
  });

  it('names a missing title before sending anything', async () => {
    const { store, sent, keys } = storeWith([]);
    store.dispatch(draftEdited({ ...filled, title: '  ' }));
    await store.dispatch(submitIntake(keys));
    expect(sent).toEqual([]);
    expect(store.getState().intake.error?.path).toBe('payload.title');
  });
});

describe('report payload', () => {
  it('needs an address or coordinates', () => {
    const result = buildReportPayload({ ...emptyDraft, category: 'noise', title: 't' });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.path).toBe('payload.location');
  });

  it('takes coordinates without an address and leaves empty reporter fields out', () => {
    const result = buildReportPayload({ ...emptyDraft, category: 'fire', title: '冒烟', lon: '120.08', lat: ' 30.33 ' });
    expect(result).toEqual({
      ok: true,
      payload: { channel: 'phone', category: 'fire', title: '冒烟', description: '', location: { lon: 120.08, lat: 30.33 } },
    });
  });

  it('names the coordinate that is not a number', () => {
    const result = buildReportPayload({ ...emptyDraft, category: 'fire', title: 't', lon: '120.1', lat: 'abc' });
    expect(result.ok ? null : result.error.path).toBe('payload.location.lat');
  });

  it('rejects an unknown category', () => {
    const result = buildReportPayload({ ...emptyDraft, category: '', title: 't', address: 'x' });
    expect(result.ok ? null : result.error.path).toBe('payload.category');
  });
});
