import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IncidentJournalSchema } from '../../../shared/protocol/engine';
import { startHub, type RunningHub } from '../hub';

let hub: RunningHub;
let token = '';
let keys = 0;

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  const response = await fetch(`${hub.url}/api/v1${path}`, { ...init, headers });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function command(type: string, payload: Record<string, unknown>): Promise<any> {
  const { status, body } = await api('/commands', { method: 'POST', token, body: JSON.stringify({ type, payload, idempotencyKey: `journal-route-${++keys}` }) });
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
}

beforeAll(async () => {
  hub = await startHub({ dataDir: mkdtempSync(join(tmpdir(), 'dutydeck-incident-journal-')), port: 0, demo: true, demoTown: false, log: () => {} });
  const { body } = await api('/sessions', { method: 'POST', body: JSON.stringify({ username: 'operator1', password: 'dutydeck-demo' }) });
  token = body.token;
});

afterAll(async () => {
  await hub.close();
});

describe('GET /incidents/:id/journal', () => {
  it("answers the incident's entries in order, with who wrote them and the phone masked", async () => {
    const report = { channel: 'hotline12345', category: 'noise', title: '广场舞噪声', address: '三墩镇文化广场', reporter: { phone: '13900001111' } };
    const { incidentId } = await command('incident.report', report);
    await command('incident.report', { ...report, title: '另一件' });
    await command('incident.triage', { incidentId, category: 'noise', priority: 'P4', lead: 'cityManagement', coHandlers: ['police'] });

    const { status, body } = await api(`/incidents/${incidentId}/journal`, { token });
    expect(status).toBe(200);
    const journal = IncidentJournalSchema.parse(body);
    expect(journal.entries.map((e) => e.type)).toEqual(['incident.reported', 'incident.triaged']);
    expect(journal.entries[0]!.seq).toBeLessThan(journal.entries[1]!.seq);
    const me = (await api('/sessions/current', { token })).body.user;
    expect(journal.actors[me.id]).toBe(me.name);
    expect(JSON.stringify(journal.entries[0]!.payload)).toContain('139****1111');
    expect(JSON.stringify(body)).not.toContain('13900001111');
  });

  it('answers 404 for an unknown incident and 401 without a session', async () => {
    expect((await api('/incidents/20991231-0001/journal', { token })).body.error).toMatchObject({ code: 'notFound', path: 'id' });
    expect((await api('/incidents/20991231-0001/journal')).status).toBe(401);
  });
});
