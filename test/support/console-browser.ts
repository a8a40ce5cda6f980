// Steps of the console's browser tests: a signed-in browser, and the keyboard moving the focus.
import type { Page } from 'playwright-core';
import type { TestServer } from './browser';

/** Signs in through the sign-in page, as an agent does (the sign-in tests check the page itself). */
export async function signInBrowser(page: Page, server: TestServer, token = server.adminToken) {
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
