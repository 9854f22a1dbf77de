// A seat and the wall board against a real hub process, in real Chromium.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { screenshot } from './support/screenshots';
import { logIn } from './support/session';

const chromium = findChromium();


describe.skipIf(!chromium)('walking skeleton: seat → hub → board', () => {
  let hub: HubProcess;
  let browser: Browser;
  let seat: Page;
  let board: Page;

  beforeAll(async () => {
    hub = await startHubProcess();
    browser = await launchChromium();
    seat = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' })).newPage();
    board = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    await seat.goto(`${hub.url}/?window=seat`);
    await board.goto(`${hub.url}/?window=wall-board`);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('signs in on the seat and the board', async () => {
    await screenshot(seat, 'seat-login');
    await logIn(seat, 'operator1');
    await logIn(board, 'wall1');
    await expect(seat.getByTestId('current-user').textContent()).resolves.toContain('王敏');
  });

  it('refuses a wrong password in words', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${hub.url}/?window=seat`);
    await page.getByTestId('login-username').fill('operator1');
    await page.getByTestId('login-password').fill('wrong-password');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('login-error').textContent()).resolves.toMatch(/用户名或密码错误/);
    await page.close();
  });

  it('a report taken at the seat is on the board within a second', async () => {
    await seat.getByTestId('intake-channel').selectOption('hotline12345');
    await seat.getByTestId('intake-category').selectOption('streetVending');
    await seat.getByTestId('intake-title').fill('文一西路早市占道经营');
    await seat.getByTestId('intake-description').fill('市民来电：文一西路与振华路口早市摊贩占用人行道和非机动车道。');
    await seat.getByTestId('intake-address').fill('三墩镇文一西路 1288 号');
    await seat.getByTestId('intake-lon').fill('120.0712');
    await seat.getByTestId('intake-lat').fill('30.3268');
    await seat.getByTestId('intake-reporter-name').fill('张先生');
    await seat.getByTestId('intake-reporter-phone').fill('13812345678');
    const before = Date.now();
    await seat.getByTestId('intake-title').press('Control+Enter');
    const result = seat.getByTestId('intake-result');
    await result.waitFor();
    const incidentId = await result.getAttribute('data-incident-id');
    expect(incidentId).toMatch(/^\d{8}-\d{4}$/);
    await board.locator(`[data-testid="queue-row"][data-incident-id="${incidentId}"]`).waitFor({ timeout: 1_000 });
    const elapsed = Date.now() - before;
    expect(elapsed).toBeLessThan(1_000);
    await seat.locator(`[data-testid="queue-row"][data-incident-id="${incidentId}"]`).waitFor();
    await screenshot(seat, 'seat-after-report');
    await screenshot(board, 'board-after-report');
  });

  it('shows a refused command’s reason in words', async () => {
    await seat.getByTestId('intake-title').fill('没有地址的来电');
    await seat.getByTestId('intake-address').fill('');
    await seat.getByTestId('intake-lon').fill('');
    await seat.getByTestId('intake-lat').fill('');
    await seat.getByTestId('intake-submit').click();
    await expect(seat.getByTestId('intake-error').textContent()).resolves.toMatch(/地址/);
  });

  it('shows the link going offline when the hub stops, and catches up when it returns', async () => {
    const port = hub.port;
    const dataDir = hub.dataDir;
    await hub.stop();
    await board.locator('[data-testid="link-state"]:not([data-state="online"])').waitFor({ timeout: 10_000 });
    await screenshot(board, 'board-offline');
    hub = await startHubProcess({ dataDir, port });
    await board.locator('[data-testid="link-state"][data-state="online"]').waitFor({ timeout: 15_000 });
    await seat.locator('[data-testid="link-state"][data-state="online"]').waitFor({ timeout: 15_000 });
    await seat.getByTestId('intake-title').fill('重连后的第二起事件');
    await seat.getByTestId('intake-address').fill('三墩镇振华路 88 号');
    await seat.getByTestId('intake-title').press('Control+Enter');
    const second = await seat.getByTestId('intake-result').getAttribute('data-incident-id');
    await board.locator(`[data-testid="queue-row"][data-incident-id="${second}"]`).waitFor({ timeout: 2_000 });
    expect(await board.getByTestId('queue-row').count()).toBe(2);
  });

  it('opens the other window kinds', async () => {
    for (const kind of ['wall-map', 'wall-video', 'command']) {
      const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${hub.url}/?window=${kind}`);
      await logIn(page, kind === 'command' ? 'commander1' : 'wall1', { dataDir: hub.dataDir });
      if (kind === 'wall-map') await page.locator('[data-testid="wall-map"][data-ready="true"]').waitFor();
      if (kind === 'command') await page.getByTestId('command-badge').waitFor();
      await page.waitForTimeout(500);
      await screenshot(page, kind);
      await context.close();
    }
  });
});
