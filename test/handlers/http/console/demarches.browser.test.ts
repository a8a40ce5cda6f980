// The démarche pages in Chromium: each page passes axe (WCAG 2.1 AA) at 1280 px and at 390 px, and
// an agent creates a démarche with the keyboard alone, a step of its timeline included.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemarche, getDemarche } from '#core/demarches/use-cases';
import { type TestServer, expectAccessible, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await createDemarche(
    server.deps,
    { agentId: 'admin', name: 'Admin' },
    {
      slug: 'ile-de-nantes',
      title: 'Un nouveau parc sur l’île de Nantes',
      summary: 'Imaginer ensemble le parc des Faiseurs.',
      link: 'https://dialoguecitoyen.nantes.fr/parc',
      themes: ['environnement'],
      territories: ['nantes-ile-de-nantes'],
      steps: [
        { id: 'atelier', kind: 'workshop', title: 'Atelier', start: '2026-12-05T10:00', end: '2026-12-05T12:00' },
        { id: 'decision', kind: 'decision', title: 'Décision', start: '2027-02-01T18:00' },
      ],
    },
  );
});
afterAll(async () => {
  await server?.close();
});

/**
 * Signs in over HTTP and gives the session cookie to the browser without its expiry. The cookie
 * expires at the pinned clock's session end, which Chromium, on the machine's real clock, would
 * take as already past (and hono refuses an expiry more than 400 days ahead, so the clock cannot
 * simply be pinned in the future).
 */
async function signIn(page: Page) {
  const response = await fetch(`${server.url}/console/connexion`, {
    method: 'POST',
    body: new URLSearchParams({ jeton: server.adminToken }),
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
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('Tab');
    if (await page.locator(selector).evaluate((el) => el.matches(':focus'))) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

const PAGES = ['/console/demarches', '/console/demarches/nouvelle', '/console/demarches/ile-de-nantes'];

for (const width of [1280, 390]) {
  describe(`démarche pages at ${width} px`, () => {
    const session = useBrowser({ width, height: 900 });

    it('pass axe on every page, a refused form included', async () => {
      await signIn(session.page);
      for (const path of PAGES) {
        const response = await session.page.goto(`${server.url}${path}`);
        expect(response?.status()).toBe(200);
        await expectAccessible(session.page);
      }
      await session.page.goto(`${server.url}/console/demarches/nouvelle`);
      await session.page.getByRole('button', { name: 'Créer la démarche' }).click();
      await expect.poll(() => session.page.locator('.error-summary').count()).toBe(1);
      await expectAccessible(session.page);
    });
  });
}

describe('démarche form with the keyboard only', () => {
  const session = useBrowser();

  it('creates a démarche and one step without the mouse', async () => {
    const { page } = session;
    await signIn(page);
    await page.goto(`${server.url}/console/demarches/nouvelle`);
    await tabTo(page, '#champ-slug');
    await page.keyboard.type('parc-au-clavier');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Un parc choisi au clavier');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Résumé tapé au clavier.');
    await page.keyboard.press('Tab');
    await page.keyboard.type('https://dialoguecitoyen.nantes.fr/clavier');
    await tabTo(page, 'input[name="themes"][value="loire"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="territories"][value="reze"]');
    await page.keyboard.press('Space');
    await tabTo(page, '#champ-steps-0-kind');
    await page.keyboard.type('Atelier'); // a select follows the letters typed
    await page.keyboard.press('Tab');
    await page.keyboard.type('Balade sur les bords de Loire');
    await page.keyboard.press('Tab');
    // 12/12 reads the same day first or month first; « A » fills an AM/PM segment if the browser's
    // locale shows one, and is ignored on a 24-hour clock.
    await page.keyboard.type('12122026');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1000A');
    await tabTo(page, 'button[type="submit"]:text("Créer la démarche")');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${server.url}/console/demarches/parc-au-clavier`);

    const created = await getDemarche(server.deps, 'parc-au-clavier');
    expect(created).toMatchObject({ themes: ['loire'], territories: ['reze'] });
    expect(created.steps).toMatchObject([
      { kind: 'workshop', title: 'Balade sur les bords de Loire', start: '2026-12-12T09:00:00.000Z' },
    ]);
  });
});
