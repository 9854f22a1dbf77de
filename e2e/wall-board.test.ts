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

// A busy morning on three walls: more open incidents than rows fit, long titles in the ticker.
// The board must fit each screen exactly: nothing off-screen, no scroll bar, no text cut.
describe.skipIf(!chromium)('wall board on 1080p, 1440p and 4K walls', () => {
  let hub: HubProcess;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startHubProcess();
    browser = await launchChromium();
    const operator = await tokenFor(hub, 'operator1');
    const { items: grids } = await api<{ items: Array<{ name: string; polygon: number[][][] }> }>(hub, '/town/regions?level=grid', operator);
    const titles = ['三墩镇振华路与古墩路交叉口东北角人行道流动摊贩占道经营严重影响通行', '工地夜间施工噪声扰民', '沿街商铺电动车违规充电存在火灾隐患', '小区地下车库入口积水'];
    for (let i = 0; i < 40; i++) {
      const ring = grids[(i * 7) % grids.length]!.polygon[0]!.slice(0, -1);
      const at = { lon: ring.reduce((s, p) => s + p[0]!, 0) / ring.length, lat: ring.reduce((s, p) => s + p[1]!, 0) / ring.length };
      await command(hub, operator, 'incident.report', { channel: 'phone', category: 'streetVending', title: `${titles[i % titles.length]}（${i + 1}）`, description: '市民来电。', location: at });
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  for (const [width, height] of [[1920, 1080], [2560, 1440], [3840, 2160]] as const) {
    it(`fits ${width}×${height} exactly, its smallest type ${Math.round((18 * height) / 1080)} px`, async () => {
      const page = await (await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' })).newPage();
      await page.goto(`${hub.url}/?window=wall-board`);
      await page.getByTestId('login-username').fill('wall1');
      await page.getByTestId('login-password').fill('dutydeck-demo');
      await page.getByTestId('login-submit').click();
      await expect.poll(() => page.getByTestId('queue-row').count(), { timeout: 20_000 }).toBeGreaterThan(5);
      // Beside the queue: the six safety indices, grids by risk colour, the open warnings.
      await expect(page.locator('[data-testid="board-indices"] [data-index]').count()).resolves.toBe(6);
      await expect.poll(() => page.locator('[data-testid="board-risk"] [data-colour]').evaluateAll((els) => els.reduce((sum, el) => sum + Number(el.getAttribute('data-count')), 0)), { timeout: 10_000 }).toBeGreaterThan(0);
      await page.getByTestId('board-warnings').waitFor();
      await page.waitForTimeout(300);
      const check = await page.evaluate(() => {
        const root = document.querySelector<HTMLElement>('[data-testid="board-screen"]')!;
        const scale = Number(root.dataset.scale);
        const outside: string[] = [];
        const cut: string[] = [];
        let smallest = Infinity;
        for (const element of root.querySelectorAll<HTMLElement>('*')) {
          if (element.closest('[hidden]') || element.getClientRects().length === 0) continue;
          const box = element.getBoundingClientRect();
          if (box.right > innerWidth + 1 || box.bottom > innerHeight + 1 || box.left < -1 || box.top < -1) outside.push(`${element.className || element.tagName} ${Math.round(box.right)}×${Math.round(box.bottom)}`);
          const style = getComputedStyle(element);
          const ownText = [...element.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
          if (ownText) smallest = Math.min(smallest, parseFloat(style.fontSize));
          // Clipped text is cut unless it ends in an ellipsis the reader sees.
          if (ownText && element.scrollWidth > element.clientWidth + 1 && style.textOverflow !== 'ellipsis') cut.push(`${element.className} ${element.textContent!.slice(0, 20)}`);
        }
        const table = document.querySelector<HTMLElement>('[data-testid="board-queue"]')!;
        return {
          scale,
          scrollsX: document.documentElement.scrollWidth > innerWidth,
          scrollsY: document.documentElement.scrollHeight > innerHeight,
          outside: outside.slice(0, 5),
          cut: cut.slice(0, 5),
          smallest,
          rows: table.querySelectorAll('[data-testid="queue-row"]').length,
          fit: Number(table.dataset.rowsFit),
          more: !!table.querySelector('.board-more'),
          tableBottom: table.getBoundingClientRect().bottom,
          lastRowBottom: [...table.querySelectorAll('[data-testid="queue-row"]')].at(-1)!.getBoundingClientRect().bottom,
        };
      });
      expect(check.scale).toBeCloseTo(height / 1080, 3);
      expect(check.scrollsX).toBe(false);
      expect(check.scrollsY).toBe(false);
      expect(check.outside).toEqual([]);
      expect(check.cut).toEqual([]);
      // 18 px on the 1080 design, zoomed with the screen.
      expect(check.smallest).toBeGreaterThanOrEqual(18);
      // As many whole rows as fit, the rest counted below them.
      expect(check.rows).toBe(check.fit);
      expect(check.more).toBe(true);
      expect(check.lastRowBottom).toBeLessThanOrEqual(check.tableBottom + 1);
      await screenshot(page, `wall-board-${width}x${height}`);
      await page.context().close();
    });
  }
});
