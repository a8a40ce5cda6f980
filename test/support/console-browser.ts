// Steps of the console's browser tests: a signed-in browser, and the keyboard moving the focus.
import type { Page } from 'playwright-core';
import type { TestServer } from './browser';

/**
 * Signs in over HTTP and gives the session cookie to the browser without its expiry. The cookie
 * expires at the pinned clock's session end, which Chromium, on the machine's real clock, would
 * take as already past (and hono refuses an expiry more than 400 days ahead, so the clock cannot
 * simply be pinned in the future). Signing in through the page is the sign-in tests' business.
 */
export async function signInBrowser(page: Page, server: TestServer, token = server.adminToken) {
  const response = await fetch(`${server.url}/console/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ jeton: token }),
    headers: { origin: server.url, 'content-type': 'application/x-www-form-urlencoded' },
    redirect: 'manual',
  });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('pv_session='));
  if (!cookie) throw new Error(`sign-in refused: ${response.status}`);
  const value = cookie.split(';')[0]!.slice('pv_session='.length);
  await page
    .context()
    .addCookies([{ name: 'pv_session', value, url: `${server.url}/console`, httpOnly: true, sameSite: 'Strict' }]);
}

/** Presses Tab until `selector` has the focus, as a keyboard user moves through the page. */
export async function tabTo(page: Page, selector: string, most = 300) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el.matches(':focus'))) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}
