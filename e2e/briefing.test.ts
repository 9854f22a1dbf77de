// The daily briefing (每日会商) against a real hub with 60 days of generated history, in real
// Chromium: the charts drawn, an operator refused the export, a commander's export journaled
// and printed to PDF. The screenshot is for a person to judge.
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { screenshot } from './support/screenshots';
import { api, logIn, tokenFor } from './support/session';

const chromium = findChromium();

async function openBriefing(browser: Browser, hub: HubProcess, username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' })).newPage();
  await page.goto(`${hub.url}/?window=briefing`);
  // The briefing is a meeting-room screen with no link pill: its charts say it has loaded.
  await logIn(page, username, { waitOnline: false, dataDir: hub.dataDir });
  await page.getByTestId('town-trend').and(page.locator('[data-rendered="true"]')).waitFor({ timeout: 60_000 });
  await page.getByTestId('by-channel').and(page.locator('[data-rendered="true"]')).waitFor();
  return page;
}

describe.skipIf(!chromium)('daily briefing', () => {
  let hub: HubProcess;
  let browser: Browser;

  beforeAll(async () => {
    hub = await startHubProcess({ historyDays: 60 });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('refuses the export to an operator with the engine’s reason', async () => {
    const page = await openBriefing(browser, hub, 'operator1');
    await page.getByTestId('briefing-export').click();
    await expect.poll(() => page.getByTestId('briefing-notice').textContent()).toContain('may not issue briefing.export');
    const token = (await api<{ token: string }>(hub, '/sessions', null, { username: 'operator1', password: 'dutydeck-demo' })).token;
    const response = await fetch(`${hub.url}/api/v1/commands`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ type: 'briefing.export', payload: { date: '2025-03-01' }, idempotencyKey: `briefing-e2e-${Date.now()}` }),
    });
    expect(response.status).toBe(403);
    // Ctrl+P or the browser's menu: paper shows the refusal, not the briefing.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-refusal').isVisible()).toBe(true);
    expect(await page.getByTestId('briefing').isVisible()).toBe(false);
    expect(await page.getByTestId('print-refusal').textContent()).toContain('没有导出权限');
    await screenshot(page, 'briefing-print-refused');
    await page.context().close();
  }, 120_000);

  it('refuses a commander a print that skips the journaled export', async () => {
    const page = await openBriefing(browser, hub, 'commander1');
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('print-refusal').isVisible()).toBe(true);
    expect(await page.getByTestId('print-refusal').textContent()).toContain('导出');
    expect(await page.getByTestId('briefing').isVisible()).toBe(false);
    await page.context().close();
  }, 120_000);

  it('shows a commander the morning meeting and journals the export, printed to PDF', async () => {
    const token = await tokenFor(hub, 'commander1');
    const { seq } = await api<{ seq: number }>(hub, '/incidents?limit=1', token);
    const page = await openBriefing(browser, hub, 'commander1');
    expect(await page.getByTestId('region-row').count()).toBeGreaterThan(5);
    await page.evaluate(() => {
      window.print = () => undefined; // the dialog is the browser's; page.pdf() prints below
    });
    await page.getByTestId('briefing-export').click();
    await expect.poll(() => page.getByTestId('briefing-notice').textContent()).toContain('已记入日志');
    await page.waitForTimeout(300);
    await screenshot(page, 'briefing');

    const journal = await api<{ entries: Array<{ type: string; actor: string; payload: { date: string; by: string } }> }>(hub, `/journal?after=${seq}&limit=5000`, token);
    const exported = journal.entries.filter((e) => e.type === 'briefing.exported');
    expect(exported).toHaveLength(1);
    expect(exported[0]!.payload.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await page.emulateMedia({ media: 'print' });
    // Released by the export: the briefing prints, the refusal does not.
    expect(await page.getByTestId('print-refusal').isVisible()).toBe(false);
    expect(await page.getByTestId('briefing').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // Kept out of e2e/screenshots (PNG only): a temporary file to open by hand.
    writeFileSync(join(tmpdir(), 'dutydeck-briefing.pdf'), pdf);
    await page.context().close();
  }, 180_000);
});
