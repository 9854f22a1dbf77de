// The commander desk in the command window against a real hub: approve a serious dispatch
// with one key, send a closure back with a reason, push to the wall, start the shift and
// see who is online.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { screenshot } from './support/screenshots';
import { api, logIn, tokenFor } from './support/session';

const chromium = findChromium();

describe.skipIf(!chromium)('commander desk', () => {
  let hub: HubProcess;
  let browser: Browser;
  let page: Page;
  let operator: string;
  let key = 0;
  const command = (type: string, payload: unknown) => api<{ incidentId?: string }>(hub, '/commands', operator, { type, payload, idempotencyKey: `e2e-command-desk-${++key}` });
  const incident = (id: string) => api<{ state: string; assignments: unknown[]; reason: string | null }>(hub, `/incidents/${id}`, operator);
  let dispatchId = '';
  let closureId = '';

  beforeAll(async () => {
    hub = await startHubProcess();
    operator = await tokenFor(hub, 'operator1');
    const report = (title: string) => command('incident.report', { channel: 'fire119', category: 'streetVending', title, location: { lon: 120.0712, lat: 30.3268 } });
    dispatchId = (await report('振华路化工仓库冒烟'))!.incidentId!;
    await command('incident.triage', { incidentId: dispatchId, category: 'streetVending', priority: 'P1', lead: 'emergencyManagement', coHandlers: ['police'] });
    closureId = (await report('文一西路燃气泄漏'))!.incidentId!;
    await command('incident.triage', { incidentId: closureId, category: 'streetVending', priority: 'P2', lead: 'emergencyManagement' });
    await command('incident.feedback', { incidentId: closureId, text: '已关阀，现场通风', settledOnSpot: true });
    await command('incident.resolve', { incidentId: closureId, summary: '关阀处置' });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' })).newPage();
    await page.goto(`${hub.url}/?window=command`);
    await logIn(page, 'commander1', { dataDir: hub.dataDir, screenshotCode: 'command-desk-sign-in-code' });
    await page.getByTestId('command-desk').waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  const item = (id: string) => page.locator(`[data-testid="approval-item"][data-incident-id="${id}"]`);

  it('lists the serious dispatch and closure waiting for the commander', async () => {
    await item(dispatchId).waitFor();
    await item(closureId).waitFor();
    await expect(item(dispatchId).textContent()).resolves.toContain('派遣审批');
    await expect(item(closureId).textContent()).resolves.toContain('闭环验收');
    await screenshot(page, 'command-desk-approvals');
  });

  it('approves the P1 dispatch with Enter, sending the two best recommended units', async () => {
    await item(dispatchId).focus();
    await page.keyboard.press('Enter');
    await item(dispatchId).waitFor({ state: 'detached' });
    const record = await incident(dispatchId);
    expect(record.state).toBe('dispatched');
    expect(record.assignments).toHaveLength(2);
  });

  it('sends the closure back to work with a reason', async () => {
    await item(closureId).getByTestId('return-button').click();
    await page.getByTestId('return-reason').fill('现场仍有气味，复查后再报');
    await page.getByTestId('return-reason').press('Enter');
    await item(closureId).waitFor({ state: 'detached' });
    await expect(incident(closureId)).resolves.toMatchObject({ state: 'reopened', reason: '现场仍有气味，复查后再报' });
  });

  it('pushes the selected incident to the wall with Alt+W', async () => {
    await page.locator(`[data-testid="queue-row"][data-incident-id="${dispatchId}"]`).click();
    await page.keyboard.press('Alt+W');
    await page.getByTestId('wall-state').filter({ hasText: dispatchId }).waitFor();
    await expect(api<{ incidentId: string | null }>(hub, '/wall/focus', operator)).resolves.toMatchObject({ incidentId: dispatchId });
  });

  it('starts the shift nobody holds, and shows the roster with who is online', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByTestId('start-shift').click();
    await page.getByText('您正在值班').waitFor();
    await page.keyboard.press('Alt+9');
    await page.getByTestId('roster-on-duty').filter({ hasText: '陈建国' }).waitFor();
    const me = page.getByTestId('roster-user').filter({ hasText: '陈建国' });
    await expect(me.getAttribute('data-online')).resolves.toBe('true');
    await expect(page.getByTestId('roster-user').filter({ hasText: '李强' }).getAttribute('data-online')).resolves.toBe('false');
    await screenshot(page, 'command-desk-roster');
  });

  it('hands the shift over to the second commander, who reviews the sheet and signs it', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByTestId('handover-form').waitFor();
    const incoming = page.getByTestId('handover-incoming');
    await incoming.selectOption({ label: await incoming.locator('option', { hasText: '刘洋' }).first().textContent() ?? '' });
    await page.getByTestId('handover-notes').fill('振华路化工仓库冒烟仍在处置，注意复燃');
    await page.getByTestId('handover-submit').click();

    const next = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' })).newPage();
    await next.goto(`${hub.url}/?window=command`);
    await logIn(next, 'commander2', { dataDir: hub.dataDir });
    await next.keyboard.press('Alt+8');
    const sheet = next.getByTestId('handover-sheet');
    await sheet.waitFor();
    await expect(sheet.textContent()).resolves.toContain('注意复燃');
    await screenshot(next, 'command-desk-handover-sheet');
    await next.getByTestId('sign-handover').click();
    await expect
      .poll(async () => (await api<{ onDuty: { commanderId: string } | null; handovers: Array<{ signedInAt: string | null }> }>(hub, '/shift', operator)).handovers[0]?.signedInAt ?? null)
      .not.toBeNull();
    const shift = await api<{ onDuty: { commanderId: string } | null }>(hub, '/shift', operator);
    // commander2 signs in with the code from its demo authenticator, as a commander must.
    const commander2 = (await api<{ user: { id: string } }>(hub, '/sessions/current', await tokenFor(hub, 'commander2'))).user.id;
    expect(shift.onDuty?.commanderId).toBe(commander2);
    await next.close();
  });
});
