// The publication page in Chromium: accessible at 1280 and 390 px (the Telegram bubble, the feed
// item and the X draft side by side, the moderation warning), and published from the keyboard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN } from '#core/agents/use-cases';
import { createQuestionnaire } from '#core/questionnaires/use-cases';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable, signInBrowser, tabTo } from '../../../support/console-browser';

let server: TestServer;
let id: string;
const session = useBrowser();

beforeAll(async () => {
  server = await startTestServer({ now: '2026-11-25T10:00:00.000Z' });
  const q = await createQuestionnaire(server.deps, BOOTSTRAP_ADMIN, {
    title: 'Le marché <du> samedi',
    opensAt: '2026-11-10T08:00:00.000Z',
    closesAt: '2026-11-20T08:00:00.000Z',
    nextSteps: 'Présentées au conseil de quartier.',
    questions: [
      { kind: 'yes_no', id: 'revenir', prompt: 'Reviendrez-vous ?' },
      { kind: 'short_text', id: 'idee', prompt: 'Une idée ?' },
    ],
  });
  id = q.id;
  for (let i = 0; i < 6; i++)
    await server.deps.store.responses.save(
      {
        questionnaireId: q.id,
        subscriberId: `pseudo-${i}`,
        answers: { revenir: i % 3 !== 0, idee: `Idée numéro ${i}` },
        complete: true,
        createdAt: '2026-11-15T09:00:00.000Z',
        updatedAt: '2026-11-15T09:00:00.000Z',
        version: 1,
      },
      undefined,
    );
});
afterAll(() => server?.close());

describe('publishing results in a browser', () => {
  for (const width of [1280, 390])
    it(`previews accessibly at ${width} px`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: 800 });
      await signInBrowser(page, server, server.adminToken);
      await page.goto(`${server.url}/console/questionnaires/${id}/publier`);
      expect(await page.getByRole('figure', { name: /Le message Telegram/ }).count()).toBe(1);
      expect(await page.getByText('6 réponses écrites attendent la modération').count()).toBe(1);
      await expectUsable(page);
    });

  it('publishes from the keyboard alone, then shows the publication on the results page', async () => {
    const { page } = session;
    await signInBrowser(page, server, server.adminToken);
    await page.goto(`${server.url}/console/questionnaires/${id}/publier`);
    await tabTo(page, 'button:has-text("Publier les résultats")');
    await Promise.all([page.waitForURL(`**/console/questionnaires/${id}/resultats`), page.keyboard.press('Enter')]);
    expect(await page.getByText(/Résultats publiés : article dans les flux/).count()).toBe(1);
    await expectUsable(page);
  });
});
