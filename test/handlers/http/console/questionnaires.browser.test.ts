// The questionnaire builder in Chromium: each page passes axe (WCAG 2.1 AA) at 1280 px and 390 px;
// with the keyboard alone an agent writes a question, sees its Telegram buttons appear in the live
// preview as they type, switches its kind (the style sheet shows that kind's settings) and saves.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuestionnaire, listQuestionnaires } from '#core/questionnaires/use-cases';
import { type TestServer, expectAccessible, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { signInBrowser, tabTo } from '../../../support/console-browser';

let server: TestServer;
let existing: string;
beforeAll(async () => {
  server = await startTestServer();
  const created = await createQuestionnaire(
    server.deps,
    { agentId: 'admin', name: 'Admin' },
    {
      title: 'Le parc des Faiseurs',
      opensAt: '2026-12-01T09:00',
      closesAt: '2026-12-20T18:00',
      nextSteps: 'Une synthèse sera publiée en janvier.',
      questions: [
        {
          kind: 'single_choice',
          id: 'venue',
          prompt: 'Comment venez-vous ?',
          options: [
            { id: 'a', label: 'À pied' },
            { id: 'b', label: 'En tram' },
          ],
        },
        { kind: 'scale', id: 'note', prompt: 'Votre avis ?', minLabel: 'Bof', maxLabel: 'Super' },
      ],
    },
  );
  existing = created.id;
});
afterAll(async () => {
  await server?.close();
});

for (const width of [1280, 390]) {
  describe(`questionnaire pages at ${width} px`, () => {
    const session = useBrowser({ width, height: 900 });

    it('pass axe on every page, the preview and a refused form included', async () => {
      await signInBrowser(session.page, server);
      for (const path of [
        '/console/questionnaires',
        '/console/questionnaires/nouveau',
        `/console/questionnaires/${existing}`,
      ]) {
        const response = await session.page.goto(`${server.url}${path}`);
        expect(response?.status()).toBe(200);
        await expectAccessible(session.page);
      }
      await session.page.goto(`${server.url}/console/questionnaires/nouveau`);
      await session.page.getByRole('button', { name: 'Créer le questionnaire' }).click();
      await expect.poll(() => session.page.locator('.error-summary').count()).toBe(1);
      await expectAccessible(session.page);
    });
  });
}

describe('questionnaire builder with the keyboard only', () => {
  const session = useBrowser();

  it('writes a question, watches the live preview, switches its kind and saves', async () => {
    const { page } = session;
    await signInBrowser(page, server);
    await page.goto(`${server.url}/console/questionnaires/nouveau`);
    await tabTo(page, '#champ-title');
    await page.keyboard.type('Au clavier');
    // Days that read the same day first or month first, whatever the browser's locale.
    await tabTo(page, '#champ-opensAt');
    await page.keyboard.type('11112026');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('0900A');
    await tabTo(page, '#champ-closesAt');
    await page.keyboard.type('12122026');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1100A'); // a morning hour reads the same on a 12- or a 24-hour clock
    await tabTo(page, '#champ-questions-0-prompt');
    await page.keyboard.type('Quel jour préférez-vous ?');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Samedi');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Dimanche');

    // The script posts the form as it changes; the preview shows the buttons the citizen will tap.
    const keys = page.locator('#apercu-contenu .key');
    await expect.poll(() => keys.allTextContents()).toEqual(['Samedi', 'Dimanche']);

    await tabTo(page, '#champ-questions-0-kind', 50);
    await page.keyboard.type('Oui'); // « Oui / non »
    await expect.poll(() => page.locator('#champ-questions-0-options').isVisible()).toBe(false);
    await expect.poll(() => keys.allTextContents()).toEqual(['Oui', 'Non']);
    await page.keyboard.press('ArrowUp'); // « Échelle », just above: its labels appear
    await expect.poll(() => page.locator('#champ-questions-0-minLabel').isVisible()).toBe(true);
    await page.keyboard.press('ArrowDown'); // back to « Oui / non »

    await tabTo(page, '#champ-nextSteps');
    await page.keyboard.type('Nous choisirons le jour le plus demandé.');
    await tabTo(page, 'button[value="enregistrer"]');
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.locator('.notice, .error-summary').first().textContent())
      .toContain('Questionnaire « Au clavier » créé');

    const saved = (await listQuestionnaires(server.deps)).items.find((q) => q.title === 'Au clavier');
    expect(saved).toMatchObject({
      opensAt: '2026-11-11T08:00:00.000Z',
      closesAt: '2026-12-12T10:00:00.000Z',
      questions: [{ kind: 'yes_no', prompt: 'Quel jour préférez-vous ?' }],
    });
  });
});
