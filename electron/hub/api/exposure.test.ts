// What each role can read of a caller: numbers masked on every read path (journal, stream,
// incident list and detail, Open311), also where a caller typed them into free text; names
// hidden from the wall; the replica's copies only for accounts that may run a seat.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { demoCode } from '../../../e2e/support/second-factor';
import { startHub, type RunningHub } from '../hub';

const PHONE = '13912345678';
const TYPED_PHONE = '13587654321';
const ID_CARD = '330106199003071234';
const NAME = '张建华';
const EMAIL = 'zhang.jianhua@example.cn';

let hub: RunningHub;
const tokens: Record<string, string> = {};
let incidentId: string;
let open311Id: string;

async function api(path: string, token?: string, init: RequestInit = {}): Promise<{ status: number; text: string; body: any }> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (token) headers.authorization = `Bearer ${token}`;
  if (typeof init.body === 'string' && !headers['content-type']) headers['content-type'] = 'application/json';
  const response = await fetch(`${hub.url}${path}`, { ...init, headers });
  const text = await response.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON
  }
  return { status: response.status, text, body };
}

/** Every entry the stream sends this role from the start of the journal. */
function streamText(token: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${hub.url.replace('http', 'ws')}/api/v1/stream`);
    let text = '';
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token, after: 0 })));
    socket.on('message', (data) => {
      text += data.toString();
      if (text.includes(incidentId) && text.includes(open311Id)) {
        socket.close();
        resolve(text);
      }
    });
    socket.on('error', reject);
    setTimeout(() => {
      socket.terminate();
      resolve(text);
    }, 5_000);
  });
}

const leaks = (text: string) => [PHONE, TYPED_PHONE, ID_CARD, EMAIL].filter((secret) => text.includes(secret));

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dutydeck-exposure-'));
  hub = await startHub({ dataDir, port: 0, demo: true, log: () => {} });
  for (const username of ['operator1', 'commander1', 'unit1', 'regionhead1', 'wall1', 'admin']) {
    const code = await demoCode(dataDir, username);
    const answer = await api('/api/v1/sessions', undefined, { method: 'POST', body: JSON.stringify({ username, password: 'dutydeck-demo', ...(code ? { code } : {}) }) });
    tokens[username] = answer.body.token;
  }
  const report = await api('/api/v1/commands', tokens.operator1, {
    method: 'POST',
    body: JSON.stringify({
      type: 'incident.report',
      idempotencyKey: 'exposure-report-1',
      payload: {
        channel: 'hotline12345',
        category: 'streetVending',
        title: `占道经营 回电${TYPED_PHONE}`,
        description: `身份证${ID_CARD}，联系 ${TYPED_PHONE.slice(0, 3)} ${TYPED_PHONE.slice(3, 7)} ${TYPED_PHONE.slice(7)}`,
        location: { lon: 120.08, lat: 30.33 },
        reporter: { name: NAME, phone: PHONE },
      },
    }),
  });
  expect(report.status).toBe(200);
  incidentId = report.body.incidentId;
  const form = new URLSearchParams({ api_key: 'dutydeck-demo-cityManagement', service_code: 'municipalFacility', lat: '30.33', long: '120.08', description: '井盖缺失', email: EMAIL, phone: PHONE, first_name: '建华', last_name: '张', 'attribute[broken]': 'manhole' });
  const posted = await api('/open311/v2/requests.json', undefined, { method: 'POST', body: form.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  expect(posted.status).toBe(201);
  open311Id = posted.body[0].service_request_id;
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

describe('personal data on read paths', () => {
  it('knows the incident it reported', () => {
    expect(incidentId).toMatch(/^\d{8}-\d{4}$/);
  });

  it.each(['operator1', 'commander1', 'unit1', 'regionhead1', 'wall1', 'admin'])('never sends %s a whole number in the journal', async (user) => {
    const page = await api('/api/v1/journal?after=0&limit=1000', tokens[user]);
    expect(page.status).toBe(200);
    expect(page.text).toContain(incidentId);
    expect(leaks(page.text)).toEqual([]);
  });

  it.each(['operator1', 'unit1', 'wall1'])('never streams %s a whole number', async (user) => {
    const text = await streamText(tokens[user]!);
    expect(text).toContain(incidentId);
    expect(leaks(text)).toEqual([]);
  });

  it('masks numbers in incident reads, also those typed into the title and description', async () => {
    for (const user of ['operator1', 'commander1', 'unit1']) {
      const detail = await api(`/api/v1/incidents/${incidentId}`, tokens[user]);
      if (detail.status === 403 && user === 'unit1') continue;
      expect(detail.status).toBe(200);
      expect(leaks(detail.text)).toEqual([]);
      expect(detail.text).toContain('139****5678');
      expect(detail.text).toContain('330106********1234');
      const list = await api('/api/v1/incidents', tokens[user]);
      expect(list.status).toBe(200);
      expect(leaks(list.text)).toEqual([]);
    }
  });

  it('keeps names for the duty room and hides them from the wall', async () => {
    const seat = await api('/api/v1/journal?after=0&limit=1000', tokens.operator1);
    expect(seat.text).toContain(NAME);
    const wall = await api('/api/v1/journal?after=0&limit=1000', tokens.wall1);
    expect(wall.text).not.toContain(NAME);
    expect(wall.text).not.toContain('建华');
  });

  it('tells the wall nothing of who signed in from where', async () => {
    const wall = (await api('/api/v1/journal?after=0&limit=1000', tokens.wall1)).body.entries as Array<{ type: string; payload: { username?: string; address?: string | null } }>;
    const signIns = wall.filter((entry) => entry.type === 'session.signedIn');
    expect(signIns.length).toBeGreaterThan(3);
    for (const entry of signIns) {
      expect(entry.payload.address).toBeNull();
      expect(entry.payload.username).toMatch(/^.\*+$/);
    }
    const seat = (await api('/api/v1/journal?after=0&limit=1000', tokens.admin)).body.entries as Array<{ type: string; payload: { username?: string } }>;
    expect(seat.some((entry) => entry.type === 'session.signedIn' && entry.payload.username === 'operator1')).toBe(true);
  });

  it('answers Open311 reads with neither the e-mail nor the phone of the reporter', async () => {
    for (const path of [`/open311/v2/requests/${open311Id}.json`, '/open311/v2/requests.json']) {
      const read = await api(`${path}?api_key=dutydeck-demo-cityManagement`);
      expect(read.status).toBe(200);
      expect(read.text).toContain(open311Id);
      expect(leaks(read.text)).toEqual([]);
      expect(read.text).not.toContain('zhang.jianhua');
    }
  });

  it('shows a number whole only through the journaled reveal', async () => {
    const before = (await api('/api/v1/health')).body.journalSeq as number;
    const reportId = (await api(`/api/v1/incidents/${incidentId}`, tokens.operator1)).body.reports[0].id as string;
    const reveal = await api('/api/v1/commands', tokens.operator1, {
      method: 'POST',
      body: JSON.stringify({ type: 'personalData.reveal', idempotencyKey: 'exposure-reveal-1', payload: { incidentId, reportId } }),
    });
    if (reveal.status !== 200) throw new Error(`reveal: ${reveal.text}`);
    expect(reveal.text).toContain(PHONE);
    expect((await api('/api/v1/health')).body.journalSeq).toBeGreaterThan(before);
    const wall = await api('/api/v1/commands', tokens.wall1, {
      method: 'POST',
      body: JSON.stringify({ type: 'personalData.reveal', idempotencyKey: 'exposure-reveal-2', payload: { incidentId, reportId } }),
    });
    expect(wall.status).toBe(403);
    expect(wall.text).not.toContain(PHONE);
  });
});

describe('the replica copies', () => {
  it.each(['unit1', 'regionhead1', 'wall1', 'admin'])('refuses %s the snapshot and the raw journal (403)', async (user) => {
    const snapshot = await api('/api/v1/replica/snapshot', tokens[user]);
    expect(snapshot.status).toBe(403);
    expect(snapshot.body.error.code).toBe('forbidden');
    const raw = await api('/api/v1/replica/journal?after=0&limit=10', tokens[user]);
    expect(raw.status).toBe(403);
  });

  it('gives a seat account the raw journal, which a replica needs to verify the chain', async () => {
    const raw = await api('/api/v1/replica/journal?after=0&limit=1000', tokens.operator1);
    expect(raw.status).toBe(200);
    expect(raw.text).toContain(PHONE);
    expect((await api('/api/v1/replica/snapshot', tokens.commander1)).status).toBe(200);
  });
});
