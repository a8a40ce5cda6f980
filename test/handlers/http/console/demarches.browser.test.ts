// The démarche pages in Chromium: each page passes axe (WCAG 2.1 AA) at 1280 px and at 390 px, and
// an agent creates a démarche with the keyboard alone, a step of its timeline included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemarche, getDemarche } from '#core/demarches/use-cases';
import { type TestServer, expectAccessible, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { signInBrowser, tabTo } from '../../../support/console-browser';

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

const PAGES = ['/console/demarches', '/console/demarches/nouvelle', '/console/demarches/ile-de-nantes'];

for (const width of [1280, 390]) {
  describe(`démarche pages at ${width} px`, () => {
    const session = useBrowser({ width, height: 900 });

    it('pass axe on every page, a refused form included', async () => {
      await signInBrowser(session.page, server);
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
    await signInBrowser(page, server);
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
