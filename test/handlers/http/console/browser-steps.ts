// Steps the console's browser tests share: signing in through the form, and the checks every page
// passes at every width (axe's WCAG 2.1 AA verdict, nothing wider than the screen).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectAccessible } from '../../../support/browser';

export async function signInThroughForm(page: Page, url: string, token: string) {
  await page.goto(`${url}/console/connexion`);
  await page.getByLabel('Jeton d’agent').fill(token);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect.poll(() => new URL(page.url()).pathname).toBe('/console');
}

/** Axe finds no serious or critical violation, and the page does not scroll sideways. */
export async function expectUsable(page: Page) {
  await expectAccessible(page);
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}
