// A seat on a replica keeps working while its primary is stopped: a report taken meanwhile
// is pending in the seat's outbox, lands on the primary (and a seat there) when it returns,
// and an action on an incident the primary closed meanwhile comes back as a conflict.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { demoCode } from './support/second-factor';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { screenshot } from './support/screenshots';
import { logIn } from './support/session';
import { waitingUpTo } from '../shared/until.fixture';

const chromium = findChromium();
const PASSWORD = 'dutydeck-demo';

async function api(url: string, path: string, init: { method?: string; body?: unknown; token?: string } = {}): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}/api/v1${path}`, { method: init.method ?? 'GET', headers, ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

const until = waitingUpTo(20_000);


const logInAs = (page: Page, username: string) => logIn(page, username, { password: PASSWORD, timeout: 20_000 });

let keys = 0;
const key = (what: string) => `e2e-replica-${what}-${process.pid}-${++keys}`;

describe.skipIf(!chromium)('a seat on a replica while the primary is away', () => {
  let primary: HubProcess;
  let replica: HubProcess;
  let browser: Browser;
  let seat: Page; // on the replica
  let other: Page; // a second seat, on the primary
  let commander: string; // the primary's commander, driven over HTTP
  let closedMeanwhile: string;

  const startReplica = (port = 0) =>
    startHubProcess({
      demo: false,
      port,
      ...(replica ? { dataDir: replica.dataDir } : {}),
      args: ['--primary', primary.url, '--primary-user', 'operator2'],
      env: { DUTYDECK_PRIMARY_PASSWORD: PASSWORD },
    });

  beforeAll(async () => {
    primary = await startHubProcess();
    replica = await startReplica();
    const { body: p } = await api(primary.url, '/health');
    await until('the replica to catch up', async () => {
      const { body } = await api(replica.url, '/health');
      return body.mode === 'replica' && body.journalSeq >= p.journalSeq && !body.stale;
    });
    commander = (await api(primary.url, '/sessions', { method: 'POST', body: { username: 'commander1', password: PASSWORD, code: await demoCode(primary.dataDir, 'commander1') } })).body.token;
    browser = await launchChromium();
    seat = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' })).newPage();
    other = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' })).newPage();
    await seat.goto(`${replica.url}/?window=seat`);
    await other.goto(`${primary.url}/?window=seat`);
    await logInAs(seat, 'operator1');
    await logInAs(other, 'operator2');
  });

  afterAll(async () => {
    await browser?.close();
    await replica?.stop();
    await primary?.stop();
  });

  it('reads the town and the queue from its local copy', async () => {
    const token = (await api(replica.url, '/sessions', { method: 'POST', body: { username: 'operator1', password: PASSWORD } })).body.token;
    const town = await api(replica.url, '/town', { token });
    expect(town.body).toMatchObject({ imported: true });
    const made = await api(primary.url, '/commands', {
      method: 'POST',
      token: commander,
      body: { type: 'incident.report', idempotencyKey: key('before'), payload: { channel: 'hotline12345', category: 'streetVending', title: '断线前的占道经营', location: { lon: 120.08, lat: 30.33 } } },
    });
    closedMeanwhile = made.body.incidentId;
    await seat.locator(`[data-testid="queue-row"][data-incident-id="${closedMeanwhile}"]`).waitFor({ timeout: 10_000 });
  });

  it('takes a report while the primary is stopped and shows it pending', async () => {
    await primary.stop();
    await seat.getByTestId('link-state').and(seat.locator('[data-state="degraded"]')).waitFor({ timeout: 20_000 });
    await seat.getByTestId('intake-channel').selectOption('hotline12345');
    await seat.getByTestId('intake-category').selectOption('streetVending');
    await seat.getByTestId('intake-title').fill('主站离线时受理的噪声投诉');
    await seat.getByTestId('intake-description').fill('市民来电：夜间施工噪声扰民。');
    await seat.getByTestId('intake-address').fill('三墩镇振华路 88 号');
    await seat.getByTestId('intake-lon').fill('120.0712');
    await seat.getByTestId('intake-lat').fill('30.3268');
    await seat.getByTestId('intake-title').press('Control+Enter');
    await expect(seat.getByTestId('intake-pending').textContent()).resolves.toMatch(/主站暂不可达/);
    await seat.getByTestId('link-pending').waitFor();
    await expect(seat.getByTestId('link-pending').textContent()).resolves.toBe('待发 1');

    // The operator also acts on an incident the primary will have closed by the time it hears.
    const token = await seat.evaluate(() => sessionStorage.getItem('dutydeck.session.token'));
    const triage = await seat.evaluate(
      async ([incidentId, idempotencyKey]) => {
        const response = await fetch('/api/v1/commands', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${sessionStorage.getItem('dutydeck.session.token')}` },
          body: JSON.stringify({ type: 'incident.triage', idempotencyKey, payload: { incidentId, category: 'streetVending', priority: 'P3', lead: 'cityManagement' } }),
        });
        return response.status;
      },
      [closedMeanwhile, key('triage')] as const,
    );
    expect(token).toBeTruthy();
    expect(triage).toBe(202);
    await seat.locator('[data-testid="outbox-item"][data-state="pending"]').nth(1).waitFor();
    await screenshot(seat, 'replica-seat-pending');
  });

  it('delivers the report to the primary and to a seat there when the primary returns; a refusal is a conflict', async () => {
    // The seat's hub is switched off with its outbox full; the primary comes back and its
    // commander closes the incident the seat acted on, before the seat can say anything.
    const replicaPort = replica.port;
    await replica.stop();
    primary = await startHubProcess({ dataDir: primary.dataDir, port: primary.port });
    await other.getByTestId('link-state').and(other.locator('[data-state="online"]')).waitFor({ timeout: 20_000 });
    const id = closedMeanwhile;
    for (const [type, payload] of [
      ['incident.triage', { incidentId: id, category: 'streetVending', priority: 'P3', lead: 'cityManagement' }],
      ['incident.feedback', { incidentId: id, text: '现场劝离，摊贩已撤', settledOnSpot: true }],
      ['incident.resolve', { incidentId: id, summary: '当场解决' }],
      ['incident.acceptClosure', { incidentId: id }],
    ] as const) {
      const answer = await api(primary.url, '/commands', { method: 'POST', token: commander, body: { type, idempotencyKey: key(type), payload } });
      expect(answer.status, `${type}: ${JSON.stringify(answer.body)}`).toBe(200);
    }

    replica = await startReplica(replicaPort);
    const landed = await until('the report on the primary', async () => {
      const { body } = await api(primary.url, '/incidents?status=open', { token: commander });
      return (body.items as Array<{ id: string; title: string }>).find((i) => i.title === '主站离线时受理的噪声投诉');
    });
    await other.locator(`[data-testid="queue-row"][data-incident-id="${landed.id}"]`).waitFor({ timeout: 10_000 });
    await seat.locator(`[data-testid="queue-row"][data-incident-id="${landed.id}"]`).waitFor({ timeout: 20_000 });

    const conflict = seat.locator('[data-testid="outbox-item"][data-state="conflict"]');
    await conflict.waitFor({ timeout: 20_000 });
    await expect(conflict.getByTestId('outbox-reason').textContent()).resolves.toMatch(/主站拒绝：事件当前状态不允许此操作/);
    await seat.getByTestId('link-conflicts').waitFor();
    await seat.getByTestId('link-state').and(seat.locator('[data-state="online"]')).waitFor({ timeout: 10_000 });
    await screenshot(seat, 'replica-seat-conflict');
    await screenshot(other, 'primary-seat-after-replay');

    await conflict.getByTestId('outbox-dismiss').click();
    await seat.getByTestId('outbox-panel').waitFor({ state: 'detached' });
  });
});
