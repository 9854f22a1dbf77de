// What every e2e test does to a hub and a window: call the API as a user, sign in on a page.
import type { Page } from 'playwright-core';
import type { HubProcess } from './hub-process';
import { screenshot } from './screenshots';
import { demoCode } from './second-factor';

export const DEMO_PASSWORD = 'dutydeck-demo';

/** GET without a body, POST with one; a non-2xx answer throws with the hub's error body. */
export async function api<T>(hub: HubProcess, path: string, token: string | null, body?: unknown): Promise<T> {
  const response = await fetch(`${hub.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${path}: ${JSON.stringify(json)}`);
  return json;
}

/** A session for a demo account; commanders and the admin add a code from their demo authenticator. */
export async function tokenFor(hub: HubProcess, username: string): Promise<string> {
  const code = await demoCode(hub.dataDir, username);
  return (await api<{ token: string }>(hub, '/sessions', null, { username, password: DEMO_PASSWORD, ...(code ? { code } : {}) })).token;
}

/** Signs in on the login screen; by default waits until the window's link is online. */
/** With `dataDir` (the hub's), an account with a second factor enters its demo code when asked. */
/** With `screenshotCode`, the screen asking for the code is saved under that name, code typed in. */
export async function logIn(
  page: Page,
  username: string,
  options: { password?: string; waitOnline?: boolean; timeout?: number; dataDir?: string; screenshotCode?: string } = {},
): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(options.password ?? DEMO_PASSWORD);
  await page.getByTestId('login-submit').click();
  const code = options.dataDir ? await demoCode(options.dataDir, username) : null;
  if (code) {
    await page.getByTestId('login-code').fill(code);
    if (options.screenshotCode) await screenshot(page, options.screenshotCode);
    await page.getByTestId('login-submit').click();
  }
  if (options.waitOnline ?? true) {
    await page.getByTestId('link-state').and(page.locator('[data-state="online"]')).waitFor({ timeout: options.timeout ?? 15_000 });
  }
}
