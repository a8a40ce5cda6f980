// Sign-in and the home page in Chromium: keyboard only, axe at 1280 px and 390 px, the session
// cookie out of JavaScript's reach, and a hostile title shown as text.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign, scheduleCampaign } from '#core/campaigns/use-cases';
import { type TestServer, expectAccessible, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';

let server: TestServer;
const session = useBrowser();

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-25T10:00:00.000Z' });
  const admin = { agentId: 'admin', name: 'Admin' };
  const campaign = await createCampaign(server.deps, admin, {
    message: { title: '<img src=x onerror=alert(1)>', text: 'Texte', link: 'https://example.org/' },
    channels: ['feeds'],
    sendAt: '2026-11-26T09:00',
  });
  await scheduleCampaign(server.deps, admin, campaign.id); // the home page lists what leaves next
});
afterAll(() => server?.close());

describe('console sign-in in a browser', () => {
  it('signs in with the keyboard alone, lands on the page asked for, and signs out', async () => {
    const { page } = session;
    await page.goto(`${server.url}/console/campagnes`);
    await expect.poll(() => page.url()).toContain('/console/connexion?suite=');
    await expectAccessible(page);

    await page.keyboard.press('Tab'); // the token field comes first in the form
    await expect.poll(() => page.locator(':focus').getAttribute('id')).toBe('champ-jeton');
    await page.keyboard.type(server.adminToken);
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/campagnes');

    const cookies = await session.context.cookies();
    expect(cookies.find((c) => c.name === 'pv_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate('document.cookie')).not.toContain('pv_session');

    await page.goto(`${server.url}/console`);
    await page.getByRole('button', { name: 'Se déconnecter' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/console/connexion');
    await expect.poll(() => page.getByText('Vous êtes déconnecté·e.').count()).toBe(1);
  });

  it('shows a wrong token’s error next to the field, in French, accessibly', async () => {
    const { page } = session;
    await page.goto(`${server.url}/console/connexion`);
    await page.getByLabel('Jeton d’agent').fill('pv_faux');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('jeton inconnu ou révoqué');
    expect(await page.getByLabel('Jeton d’agent').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
  });

  for (const width of [1280, 390])
    it(`renders the home page accessibly at ${width} px, with a hostile title as text`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}/console/connexion`);
      await page.getByLabel('Jeton d’agent').fill(server.adminToken);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await expect.poll(() => new URL(page.url()).pathname).toBe('/console');
      expect(await page.getByRole('link', { name: '<img src=x onerror=alert(1)>' }).count()).toBe(1);
      expect(await page.locator('main img').count()).toBe(0);
      const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      expect(overflow).toBeLessThanOrEqual(0);
      await expectAccessible(page);
    });
});
