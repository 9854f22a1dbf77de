// The board against a real hub with the demo town: the live queue with SLA countdowns,
// open incidents per emergency region, the ticker of new arrivals, and the incident the
// commander pushes to the wall highlighted. The screenshot is for a person to judge.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { screenshot } from './support/screenshots';
import { api, tokenFor } from './support/session';

const chromium = findChromium();

let commandCount = 0;
const command = (hub: HubProcess, token: string, type: string, payload: unknown) =>
  api<{ incidentId?: string }>(hub, '/commands', token, { type, payload, idempotencyKey: `wall-board-e2e-${(commandCount += 1)}-${Date.now()}` });

describe.skipIf(!chromium)('wall board', () => {
  let hub: HubProcess;
  let browser: Browser;
  let page: Page;
  const ids: string[] = [];

  beforeAll(async () => {
    hub = await startHubProcess();
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
    const operator = await tokenFor(hub, 'operator1');
    const { items: grids } = await api<{ items: Array<{ name: string; polygon: number[][][] }> }>(hub, '/town/regions?level=grid', operator);
    const reports = [
      { grid: 5, category: 'streetVending', title: '振华路菜场门口占道经营' },
      { grid: 60, category: 'fireHazard', title: '沿街商铺电动车违规充电' },
      { grid: 120, category: 'noise', title: '工地夜间施工噪声扰民' },
    ];
    for (const report of reports) {
      const grid = grids[report.grid % grids.length]!;
      const ring = grid.polygon[0]!.slice(0, -1);
      const at = { lon: ring.reduce((s, p) => s + p[0]!, 0) / ring.length, lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length };
      const { incidentId } = await command(hub, operator, 'incident.report', {
        channel: 'phone', category: report.category, title: report.title, description: '市民来电。', location: at, address: `三墩镇${grid.name}`,
      });
      ids.push(incidentId!);
    }
    await command(hub, operator, 'incident.triage', { incidentId: ids[1], category: 'fireHazard', priority: 'P1', lead: 'emergencyManagement' });
    await page.goto(`${hub.url}/?window=wall-board`);
    await page.getByTestId('login-username').fill('wall1');
    await page.getByTestId('login-password').fill('dutydeck-demo');
    await page.getByTestId('login-submit').click();
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('lists the most urgent first, each with its SLA countdown', async () => {
    await expect.poll(() => page.getByTestId('queue-row').count(), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => page.getByTestId('queue-row').first().getAttribute('data-incident-id')).toBe(ids[1]);
    // P1 fire hazard: five minutes to dispatch, counting down.
    await expect.poll(() => page.getByTestId('board-sla').first().textContent(), { timeout: 5_000 }).toMatch(/派遣剩余[0-4]:\d\d/);
    const counts = await page.getByTestId('region-count').evaluateAll((els) => els.map((el) => Number(el.getAttribute('data-count'))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(3);
    await expect(page.getByTestId('board-ticker').textContent()).resolves.toContain('工地夜间施工噪声扰民');
  });

  it('highlights the incident the commander pushes to the wall', async () => {
    await command(hub, await tokenFor(hub, 'commander1'), 'wall.focus', { incidentId: ids[2] });
    await page.locator(`[data-testid="queue-row"][data-incident-id="${ids[2]}"][data-focused="true"]`).waitFor({ timeout: 5_000 });
    await screenshot(page, 'wall-board');
  });
});
