// The results page in Chromium: accessible at 1280 and 390 px (charts named, tables as their text
// alternative), and the CSV export downloaded from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN } from '#core/agents/use-cases';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable, signInBrowser } from '../../../support/console-browser';

let server: TestServer;
let path: string;
const session = useBrowser();

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-25T10:00:00.000Z' });
  const q = await createQuestionnaire(server.deps, BOOTSTRAP_ADMIN, {
    title: '<img src=x onerror=alert(1)>',
    opensAt: '2026-11-20T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Présentées au conseil de quartier.',
    questions: [
      {
        kind: 'single_choice',
        id: 'jour',
        prompt: 'Quel jour préférez-vous ?',
        options: [
          { id: 'lun', label: 'Lundi' },
          { id: 'sam', label: 'Samedi matin, avant le marché' },
        ],
      },
      { kind: 'scale', id: 'note', prompt: 'Votre note', min: 1, max: 5, minLabel: 'Mauvais', maxLabel: 'Très bien' },
      { kind: 'short_text', id: 'idee', prompt: 'Une idée ?' },
    ],
  });
  for (let i = 0; i < 12; i++) {
    const at = `2026-11-${String(20 + (i % 5)).padStart(2, '0')}T09:00:00.000Z`;
    await server.deps.store.responses.save(
      {
        questionnaireId: q.id,
        subscriberId: `pseudo-${i}`,
        answers: { jour: [i % 3 ? 'lun' : 'sam'], note: 1 + (i % 5), idee: `Idée numéro ${i}` },
        complete: true,
        createdAt: at,
        updatedAt: at,
        version: 1,
      },
      undefined,
    );
  }
  path = `/console/questionnaires/${q.id}/resultats`;
});
afterAll(() => server?.close());

describe('results in a browser', () => {
  for (const width of [1280, 390])
    it(`renders accessibly at ${width} px, each chart an image named by its title`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: 800 });
      await signInBrowser(page, server, server.adminToken);
      await page.goto(`${server.url}${path}`);
      expect(await page.getByRole('img', { name: /Question 1 : Quel jour préférez-vous/ }).count()).toBe(1);
      expect(await page.getByRole('table', { name: /Question 1 : réponses par option/ }).count()).toBe(1);
      expect(await page.locator('main img').count()).toBe(0);
      await expectUsable(page);
    });

  it('downloads the CSV export with the keyboard alone', async () => {
    const { page } = session;
    await signInBrowser(page, server, server.adminToken);
    await page.goto(`${server.url}${path}`);
    await page.getByRole('link', { name: /Télécharger les réponses \(CSV/ }).focus();
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    expect(download.suggestedFilename()).toMatch(/^reponses-img-src-x-onerror-alert-1-.+\.csv$/);
  });
});
