// An incident's whole life at the seat and the commander desk, against a real hub in real
// Chromium: intake with the address typed in pinyin initials → the earlier report offered
// as a duplicate and merged with one key → triage → dispatch → the unit accepts and arrives
// through the API with its own account → feedback and resolve → the commander accepts the
// closure. Plus a refusal in words, and both languages on screen.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findChromium, launchChromium } from './support/chromium';
import { startHubProcess, type HubProcess } from './support/hub-process';
import { screenshot } from './support/screenshots';
import { api, DEMO_PASSWORD, logIn, tokenFor } from './support/session';

const chromium = findChromium();

interface Geocode {
  match: { text: string; location: { lon: number; lat: number } } | null;
  suggestions: Array<{ text: string; location: { lon: number; lat: number } }>;
}
interface Record {
  state: string;
  reportCount: number;
  mergedInto: string | null;
  priority: string | null;
  assignments: Array<{ unitId: string; status: string }>;
  rating: number | null;
  suspectedDuplicate: { of: string } | null;
}

/** A unit's own account, made with the CLI while the hub is down, as an admin would. */
function addUnitAccount(dataDir: string, username: string, unitId: string): void {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'electron/cli/dutydeck.ts', 'users', 'add', '--data', dataDir, '--role', 'unit', '--username', username, '--unit', unitId, '--name', '振华路巡查组'], {
    input: `${DEMO_PASSWORD}\n`,
    encoding: 'utf8',
  });
  if (run.status !== 0) throw new Error(`users add: ${run.stderr}`);
}

describe.skipIf(!chromium)('seat console and commander desk: one incident from call to closure', () => {
  let hub: HubProcess;
  let browser: Browser;
  let seat: Page;
  let desk: Page;
  let operator: string;
  let original = '';
  let duplicate = '';
  let unitId = '';
  let key = 0;
  const command = (token: string, type: string, payload: unknown) => api<{ incidentId?: string }>(hub, '/commands', token, { type, payload, idempotencyKey: `e2e-seat-${++key}` });
  const record = (id: string) => api<Record>(hub, `/incidents/${id}`, operator);
  const row = (page: Page, id: string) => page.locator(`[data-testid="queue-row"][data-incident-id="${id}"]`);
  const detail = (page: Page) => page.getByTestId('incident-detail');

  beforeAll(async () => {
    // First run: the earlier call, and which unit the engine will recommend for it.
    const first = await startHubProcess();
    operator = await tokenFor(first, 'operator1');
    const found = await api<Geocode>(first, `/geocode?q=${encodeURIComponent('振华路 88 号')}`, operator);
    const place = found.match ?? found.suggestions[0]!;
    original = (await api<{ incidentId: string }>(first, '/commands', operator, {
      type: 'incident.report',
      idempotencyKey: 'e2e-seat-original',
      payload: { channel: 'hotline12345', category: 'streetVending', title: '振华路88号门口流动摊贩占道经营', address: place.text, location: place.location },
    })).incidentId;
    const recommended = await api<{ units: Array<{ unitId: string }> }>(first, `/incidents/${original}/recommendations`, operator);
    unitId = recommended.units[0]!.unitId;
    await first.stop();
    addUnitAccount(first.dataDir, 'team-zhenhua', unitId);

    hub = await startHubProcess({ dataDir: first.dataDir });
    operator = await tokenFor(hub, 'operator1');
    browser = await launchChromium();
    seat = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' })).newPage();
    await seat.goto(`${hub.url}/?window=seat`);
    await logIn(seat, 'operator1');
    await row(seat, original).waitFor();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.stop();
  });

  it('takes a call with the address typed as pinyin initials and offers the earlier report as a duplicate', async () => {
    await seat.keyboard.press('F2');
    await seat.getByTestId('intake-channel').selectOption('gridApp');
    await seat.getByTestId('intake-category').selectOption('streetVending');
    await seat.getByTestId('intake-title').fill('网格员巡查：振华路88号流动摊贩占道');
    await seat.getByTestId('intake-address').pressSequentially('zhl88', { delay: 40 });
    const suggestion = seat.getByTestId('address-suggestion').first();
    await suggestion.waitFor();
    await expect(suggestion.textContent()).resolves.toContain('振华路');
    await seat.getByTestId('intake-address').press('Enter');
    await seat.getByTestId('locate-info').and(seat.locator('[data-grid^="G"]')).waitFor();
    const candidate = seat.locator(`[data-testid="duplicate-candidate"][data-incident-id="${original}"]`);
    await candidate.waitFor({ timeout: 10_000 });
    await expect(candidate.textContent()).resolves.toMatch(/米/);
    await screenshot(seat, 'seat-intake-duplicate');
  });

  it('merges the new report into it with one key and opens the master', async () => {
    await seat.keyboard.press('Alt+M');
    const result = seat.getByTestId('merge-result');
    await result.waitFor();
    expect(await result.getAttribute('data-into')).toBe(original);
    expect(await result.getAttribute('data-merged')).toBe('true');
    duplicate = (await result.getAttribute('data-incident-id')) ?? '';
    expect(duplicate).toMatch(/^\d{8}-\d{4}$/);
    await detail(seat).and(seat.locator(`[data-incident-id="${original}"]`)).waitFor();
    await expect(record(duplicate)).resolves.toMatchObject({ state: 'merged', mergedInto: original });
    await expect(record(original)).resolves.toMatchObject({ reportCount: 2 });
    await seat.getByTestId('detail-report').nth(1).waitFor();
  });

  it('triages and dispatches the recommended unit from the incident detail', async () => {
    await seat.keyboard.press('Alt+T');
    await seat.getByTestId('action-form-incident.triage').waitFor();
    await seat.locator('#detail-incident-triage-priority').selectOption('P3');
    await seat.getByTestId('action-submit').click();
    await detail(seat).and(seat.locator('[data-state="triaged"]')).waitFor();
    const unit = seat.locator(`[data-testid="recommendation-row"][data-unit-id="${unitId}"]`);
    await unit.waitFor();
    await unit.locator('input[type="checkbox"]').check();
    await seat.keyboard.press('Alt+D');
    await detail(seat).and(seat.locator('[data-state="dispatched"]')).waitFor();
    expect((await record(original)).assignments).toMatchObject([{ unitId, status: 'dispatched' }]);
    await screenshot(seat, 'seat-incident-detail');
  });

  it('narrows the queue with the filter bar, whose counts show while it has focus', async () => {
    // Something else open, so the filter has something to leave out.
    const other = (await command(operator, 'incident.report', { channel: 'iot', category: 'streetVending', title: '文一路口占道堆物', location: { lon: 120.07, lat: 30.33 } })).incidentId!;
    await row(seat, other).waitFor();
    const bar = seat.getByRole('toolbar');
    const byState = seat.getByTestId('queue-filter-state');
    const dispatched = byState.locator('option[value="dispatched"]');
    // Unfocused the options are words only: the counts would change with every entry unseen.
    await expect(bar.getAttribute('data-counting')).resolves.toBe('false');
    await expect(dispatched.textContent()).resolves.toBe('已派遣');
    await byState.focus();
    await bar.and(seat.locator('[data-counting="true"]')).waitFor();
    await expect(dispatched.textContent()).resolves.toMatch(/^已派遣（[1-9]\d*）$/);
    // An option with nothing behind it is left out while counting.
    await expect(byState.locator('option[value="resolved"]').count()).resolves.toBe(0);
    await expect(byState.locator('option[value="reported"]').textContent()).resolves.toMatch(/（[1-9]\d*）$/);
    await byState.selectOption('dispatched');
    await seat.locator('[data-testid="queue-row"]:not([data-state="dispatched"])').first().waitFor({ state: 'detached' });
    await row(seat, original).waitFor();
    const shown = Number(await seat.getByTestId('queue-shown').getAttribute('data-shown'));
    expect(shown).toBe(await seat.getByTestId('queue-row').count());
    expect(Number(await seat.getByTestId('queue-shown').getAttribute('data-total'))).toBeGreaterThan(shown);
    await screenshot(seat, 'seat-queue-filtered');
    await seat.getByTestId('queue-filter-clear').click();
    // Clearing keeps the keyboard in the bar, on its first filter; leaving the bar stops the counts.
    await expect(seat.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('queue-filter-state');
    await seat.getByTestId('queue-list').focus();
    await bar.and(seat.locator('[data-counting="false"]')).waitFor();
    await expect(dispatched.textContent()).resolves.toBe('已派遣');
  });

  it('sees the unit accept and arrive, reported by the unit’s own account', async () => {
    const team = await tokenFor(hub, 'team-zhenhua');
    await command(team, 'unit.accept', { incidentId: original, unitId });
    await command(team, 'unit.arrive', { incidentId: original, unitId });
    await detail(seat).and(seat.locator('[data-state="onScene"]')).waitFor();
    // The unit may only speak for itself: another unit's assignment is refused by the engine.
    await expect(command(team, 'unit.accept', { incidentId: original, unitId: `${unitId}-other` })).rejects.toThrow(/notYourUnit|forbidden|invalid|notFound|illegal/);
    await expect(seat.getByTestId('timeline-entry').count()).resolves.toBeGreaterThanOrEqual(6);
  });

  it('records the feedback and resolves it at the seat', async () => {
    await seat.keyboard.press('Alt+F');
    const form = seat.getByTestId('action-form-incident.feedback');
    await form.locator('textarea').first().fill('摊贩已劝离，人行道恢复通行');
    await seat.getByTestId('action-submit').click();
    await seat.getByTestId('detail-feedback').filter({ hasText: '摊贩已劝离' }).waitFor();
    await seat.keyboard.press('Alt+R');
    await seat.getByTestId('action-form-incident.resolve').locator('textarea').first().fill('现场劝离，已恢复通行');
    await seat.getByTestId('action-submit').click();
    await detail(seat).and(seat.locator('[data-state="resolved"]')).waitFor();
  });

  it('has the commander accept the closure with a rating at the desk', async () => {
    desk = await (await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: 'zh-CN' })).newPage();
    await desk.goto(`${hub.url}/?window=command`);
    await logIn(desk, 'commander1', { dataDir: hub.dataDir });
    await row(desk, original).click();
    await detail(desk).and(desk.locator(`[data-incident-id="${original}"]`)).waitFor();
    await desk.keyboard.press('Alt+A');
    const form = desk.getByTestId('action-form-incident.acceptClosure');
    await form.locator('select').first().selectOption('5');
    await screenshot(desk, 'command-desk-closure');
    await desk.getByTestId('action-submit').click();
    await expect.poll(async () => (await record(original)).state, { timeout: 10_000 }).toBe('closed');
    await expect(record(original)).resolves.toMatchObject({ rating: 5 });
    await row(seat, original).waitFor({ state: 'detached' });
  });

  it('shows a refused action’s reason in words when the incident moved on meanwhile', async () => {
    const id = (await command(operator, 'incident.report', { channel: 'hotline12345', category: 'streetVending', title: '文一西路夜市占道', location: { lon: 120.0712, lat: 30.3268 } })).incidentId!;
    await row(seat, id).click();
    await detail(seat).and(seat.locator(`[data-incident-id="${id}"]`)).waitFor();
    await seat.keyboard.press('Alt+T');
    await seat.getByTestId('action-form-incident.triage').waitFor();
    // Another seat cancels it while this operator is still filling in the triage.
    await command(await tokenFor(hub, 'operator2'), 'incident.cancel', { incidentId: id, reason: '重复来电，已在另一工单处理' });
    await seat.getByTestId('action-submit').click();
    const error = seat.getByTestId('action-error');
    await error.waitFor();
    await expect(error.textContent()).resolves.toMatch(/[\u4e00-\u9fa5]/);
    expect(await error.getAttribute('data-code')).toBe('illegalState');
    await screenshot(seat, 'seat-refused-action');
  });

  it('tags a channel report the hub suspects of duplicating a call; N says it is not, M merges the next one', async () => {
    const at = { lon: 120.0655, lat: 30.3301 };
    const first = (await command(operator, 'incident.report', { channel: 'hotline12345', category: 'streetVending', title: '古墩路菜场门口流动摊贩占道', description: '早上七点起摊贩占用人行道卖菜', location: at })).incidentId!;
    // The city-management platform's own report of it, 15 m away, through its integration: no seat typed it.
    const ingest = async (externalId: string, text: string) => {
      const response = await fetch(`${hub.url}/api/v1/ingest/cityManagement`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer dutydeck-demo-cityManagement' },
        body: JSON.stringify({ externalId, time: new Date().toISOString(), categoryCode: 'SJ0501', text, location: { lon: at.lon + 0.00015, lat: at.lat } }),
      });
      return ((await response.json()) as { incidentId: string }).incidentId;
    };
    const suspected = await ingest('e2e-dup-1', '古墩路菜场门口流动摊贩占道经营卖菜');
    const tag = row(seat, suspected).getByTestId('queue-suspected');
    await tag.waitFor({ timeout: 10_000 });
    await expect(tag.getAttribute('title')).resolves.toContain(first);
    await row(seat, suspected).click();
    const banner = seat.getByTestId('detail-duplicate');
    await banner.and(seat.locator(`[data-of="${first}"]`)).waitFor();
    await expect(banner.textContent()).resolves.toMatch(/相距 \d+ 米/);
    await screenshot(seat, 'seat-suspected-duplicate');
    // N in the queue, on the row under the cursor: not a duplicate, journaled.
    await seat.keyboard.press('F3');
    await seat.keyboard.press('n');
    await banner.waitFor({ state: 'detached' });
    await tag.waitFor({ state: 'detached' });
    await seat.getByTestId('timeline-entry').filter({ hasText: `确认与 ${first} 不是重复` }).waitFor();
    await expect(record(suspected)).resolves.toMatchObject({ suspectedDuplicate: null, state: 'reported' });

    const again = await ingest('e2e-dup-2', '古墩路菜场门口又有流动摊贩占道卖菜');
    await row(seat, again).getByTestId('queue-suspected').waitFor({ timeout: 10_000 });
    // Of the call or of the report just kept apart, whichever the hub finds likelier: M merges into that one.
    const of = (await record(again)).suspectedDuplicate!.of;
    expect([first, suspected]).toContain(of);
    await row(seat, again).click();
    await seat.keyboard.press('F3');
    await seat.keyboard.press('m');
    await expect.poll(async () => (await record(again)).mergedInto, { timeout: 10_000 }).toBe(of);
    await row(seat, again).waitFor({ state: 'detached' });
  });

  it('shows a CAP alert’s facts and area in the detail, and triages it with one key as its grading suggests', async () => {
    const xml = readFileSync('electron/hub/intake/fixtures/cap-sandun-smoke-alert.xml', 'utf8')
      .replace('IOT-SMOKE-20260501-0007', 'E2E-SMOKE-1')
      .replace('<circle>30.33,120.07 0.05</circle>', '<circle>30.33,120.07 0.12</circle>')
      .replace('<headline>', '<expires>2099-01-01T00:00:00+08:00</expires><instruction>疏散二楼人员，切断配电箱电源</instruction><web>https://iot.example.cn/alerts/7</web><headline>');
    const response = await fetch(`${hub.url}/api/v1/ingest/cap`, { method: 'POST', headers: { 'content-type': 'application/cap+xml', authorization: 'Bearer dutydeck-demo-iot' }, body: xml });
    expect(response.status).toBe(201);
    const { incidentId } = (await response.json()) as { incidentId: string };
    await row(seat, incidentId).click();
    const facts = seat.getByTestId('report-cap');
    await facts.waitFor();
    await expect(facts.textContent()).resolves.toContain('严重 · 立即 · 已观测 → P1');
    await seat.getByTestId('detail-map-alert-area').first().waitFor();
    await screenshot(seat, 'seat-cap-alert');
    await seat.keyboard.press('Alt+P');
    await expect.poll(async () => (await record(incidentId)).priority, { timeout: 10_000 }).toBe('P1');
  });

  it('switches the seat and the desk to English', async () => {
    const id = (await command(operator, 'incident.report', { channel: 'police110', category: 'streetVending', title: '振华路学校门口早高峰占道', location: { lon: 120.0712, lat: 30.3268 } })).incidentId!;
    await command(operator, 'incident.triage', { incidentId: id, category: 'streetVending', priority: 'P2', lead: 'cityManagement' });
    for (const page of [seat, desk]) {
      await page.getByTestId('language-toggle').click();
      await page.waitForFunction(() => document.documentElement.lang === 'en');
      await row(page, id).click();
      await detail(page).and(page.locator(`[data-incident-id="${id}"][data-state="triaged"]`)).waitFor();
    }
    await desk.locator(`[data-testid="approval-item"][data-incident-id="${id}"]`).waitFor();
    await screenshot(seat, 'seat-en');
    await screenshot(desk, 'command-desk-en');
  });
});
