import { describe, expect, it } from 'vitest';
import { ApiError, createApiClient } from './api';

interface Seen {
  url: string;
  init: RequestInit;
}

function hub(status: number, body: unknown) {
  const seen: Seen[] = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    seen.push({ url, init });
    return new Response(body === undefined ? '' : JSON.stringify(body), { status });
  }) as typeof fetch;
  return { seen, api: createApiClient('http://hub:4599/', fetchImpl) };
}

const incident = {
  id: 'INC-1',
  state: 'reported',
  title: 't',
  category: 'noise',
  priority: null,
  location: null,
  address: '三墩镇',
  channels: ['phone'],
  reportCount: 1,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
  lastSeq: 3,
  lastAction: 'incident.reported',
};

/** The whole incident as GET /incidents/:id answers it. */
const record = {
  ...incident,
  ownChannels: ['phone'],
  ownReportCount: 1,
  lead: null,
  coHandlers: [],
  gridId: null,
  assignments: [],
  feedback: [],
  mergedInto: null,
  mergedFrom: [],
  stateBeforeMerge: null,
  triagedAt: null,
  dispatchedAt: null,
  acceptedAt: null,
  arrivedAt: null,
  resolvedAt: null,
  closedAt: null,
  reopenCount: 0,
  reason: null,
  resolution: null,
  rating: null,
  escalations: [],
  reports: [],
};

describe('API client', () => {
  it('sends the bearer token and query, and parses the response', async () => {
    // The open list carries full records (no reports): windows fold journal entries onto them.
    const { seen, api } = hub(200, { items: [{ ...record, reports: undefined }], seq: 3 });
    const result = await api.call('incidents', { token: 'tok', query: { status: 'open' } });
    expect(result.items[0]?.id).toBe('INC-1');
    expect(seen[0]?.url).toBe('http://hub:4599/api/v1/incidents?status=open');
    expect((seen[0]?.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
  });

  it('fills path parameters', async () => {
    const { seen, api } = hub(200, record);
    await api.call('incident', { token: 'tok', params: { id: 'INC 1/2' } });
    expect(seen[0]?.url).toBe('http://hub:4599/api/v1/incidents/INC%201%2F2');
  });

  it('does not send a token to endpoints that need none', async () => {
    const { seen, api } = hub(200, { token: 't', user: { id: 'u', name: 'n', role: 'operator', username: 'op' } });
    await api.call('login', { token: 'old', body: { username: 'op', password: 'pw' } });
    const headers = seen[0]?.init.headers as Record<string, string>;
    expect(headers.authorization).toBeUndefined();
    expect(headers['content-type']).toBe('application/json');
    expect(seen[0]?.init.method).toBe('POST');
  });

  it('throws the hub error code, message and path', async () => {
    const { api } = hub(400, { error: { code: 'invalid', message: 'payload.title: a title is required', path: 'payload.title' } });
    const failure = await api
      .call('command', { token: 't', body: { type: 'incident.report', payload: {}, idempotencyKey: 'abcdefgh' } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).error).toEqual({ code: 'invalid', message: 'payload.title: a title is required', path: 'payload.title' });
  });

  it('reports bad credentials as such', async () => {
    const { api } = hub(401, { error: { code: 'badCredentials', message: 'wrong username or password' } });
    const failure = (await api.call('login', { body: { username: 'a', password: 'b' } }).catch((e: unknown) => e)) as ApiError;
    expect(failure.error.code).toBe('badCredentials');
  });

  it('calls an unreachable hub unavailable', async () => {
    const api = createApiClient('http://hub:4599', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    const failure = (await api.call('health').catch((e: unknown) => e)) as ApiError;
    expect(failure.error.code).toBe('unavailable');
  });

  it('derives a code from the status when the body is not an error body', async () => {
    const { api } = hub(503, undefined);
    const failure = (await api.call('health').catch((e: unknown) => e)) as ApiError;
    expect(failure.error.code).toBe('unavailable');
  });

  it('accepts an empty body for logout', async () => {
    const { api } = hub(200, undefined);
    await expect(api.call('logout', { token: 't' })).resolves.toEqual({});
  });
});
