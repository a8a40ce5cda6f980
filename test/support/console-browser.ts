// Steps of the console's browser tests: a signed-in browser, the keyboard moving the focus, and the
// checks every page passes at every width (axe's WCAG 2.1 AA verdict, nothing wider than the screen).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { type TestServer, expectAccessible } from './browser';

/**
 * Signs in through the sign-in page, as an agent does (the sign-in tests check the page itself). Any
 * server with a URL and a bootstrap token: the test server, or the local runtime (the journey test).
 */
export async function signInBrowser(
  page: Page,
  server: Pick<TestServer, 'url' | 'adminToken'>,
  token = server.adminToken,
) {
  await page.goto(`${server.url}/console/connexion`);
  await page.getByLabel('Jeton d’agent').fill(token);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${server.url}/console`);
}

/** Presses Tab until `selector` has the focus, as a keyboard user moves through the page. */
export async function tabTo(page: Page, selector: string, most = 300) {
  for (let i = 0; i < most; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el.matches(':focus'))) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

/** Axe finds no serious or critical violation, and the page does not scroll sideways. */
export async function expectUsable(page: Page) {
  await expectAccessible(page);
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}
