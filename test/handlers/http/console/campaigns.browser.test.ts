// The campaign pages in Chromium: axe-core finds no serious or critical violation on any of them and
// none scrolls sideways, at 1280 px and at 390 px; an agent writes and schedules a campaign with the
// keyboard alone, the previews following what they type; an over-long X post disables scheduling.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Subscriber } from '#core/subscribers/subscriber';
import { campaign, demarche, questionnaire } from '../../../adapters/dynamodb/fixtures';
import { type TestServer, expectAccessible, startTestServer } from '../../../support/browser';
import { expectUsable, signInBrowser, tabTo } from '../../../support/console-browser';
import { type BrowserSession, useBrowser } from '../../../support/browser-hooks';

const NOW = '2026-11-25T10:00:00.000Z';
const inDays = (days: number) => new Date(Date.parse(NOW) + days * 86_400_000).toISOString();
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  const { store } = server.deps;
  await store.demarches.create(demarche({ slug: 'plan-velo' }));
  await store.questionnaires.create(questionnaire({ id: 'q1', opensAt: inDays(-5), closesAt: inDays(25) }));
  const subscriber: Subscriber = {
    id: 's-1',
    chatId: 1,
    language: 'fr',
    frequency: 'instant',
    status: 'active',
    follows: { demarches: ['plan-velo'], themes: ['mobilites'], territories: [] },
    createdAt: NOW,
    updatedAt: NOW,
  };
  await store.subscribers.put(subscriber);
  const later = { sendAt: inDays(1), createdAt: NOW, updatedAt: NOW };
  await store.campaigns.create(campaign({ id: 'brouillon', ...later, questionnaireId: 'q1' }));
  await store.campaigns.create(
    campaign({ id: 'en-cours', ...later, status: 'sending', recipientCount: 1, channels: ['telegram', 'x', 'feeds'] }),
  );
  await store.campaigns.create(campaign({ id: 'annulee', ...later, status: 'cancelled' }));
});
afterAll(async () => {
  await server?.close();
});

const PAGES = [
  '/console/campagnes',
  '/console/campagnes?etat=sending',
  '/console/campagnes/nouvelle',
  '/console/campagnes/brouillon',
  '/console/campagnes/annulee',
  '/console/campagnes/en-cours/envoi',
];

function visitsEveryPage(session: BrowserSession) {
  it('has no serious or critical accessibility violation on any campaign page', async () => {
    await signInBrowser(session.page, server);
    for (const path of PAGES) {
      const response = await session.page.goto(`${server.url}${path}`);
      expect(response?.status(), path).toBe(200);
      await expectUsable(session.page);
    }
  }, 180_000); // six pages, each checked by axe: a loaded two-core machine takes its time
}

describe('at 1280 px', () => {
  const session = useBrowser();
  visitsEveryPage(session);

  it('writes and schedules a campaign with the keyboard alone, the previews following the typing', async () => {
    const { page } = session;
    await signInBrowser(page, server);
    await page.goto(`${server.url}/console/campagnes/nouvelle`);
    await tabTo(page, '#champ-message-title');
    await page.keyboard.type('Atelier vélo samedi');
    await page.locator('.bubble strong', { hasText: 'Atelier vélo samedi' }).waitFor(); // the live preview
    await tabTo(page, '#champ-message-text');
    await page.keyboard.type('Venez réparer votre vélo avec nous.');
    await tabTo(page, '#champ-message-link');
    await page.keyboard.type('https://example.org/atelier');
    await tabTo(page, '#champ-questionnaireId');
    await page.keyboard.press('ArrowDown'); // « Vos trajets à vélo »
    await page.locator('.keyboard .key', { hasText: 'Répondre (2 questions, 1 min)' }).waitFor();
    await tabTo(page, 'input[name="quand"]:checked');
    await page.keyboard.press('ArrowUp'); // « Maintenant »
    await tabTo(page, 'button[value="programmer"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/console\/campagnes\/[\w-]+$/);
    expect(await page.getByRole('status').textContent()).toBe('Campagne enregistrée et programmée');
    expect(await page.locator('.badge').first().textContent()).toBe('programmée');
    await expectAccessible(page);
  });

  it('disables scheduling, with the count, as soon as the X post is too long', async () => {
    const { page } = session;
    await signInBrowser(page, server);
    await page.goto(`${server.url}/console/campagnes/nouvelle`);
    await page.getByLabel('X', { exact: true }).check();
    await page.getByLabel('Texte différent pour X (facultatif)').fill('Un texte bien trop long pour X. '.repeat(10));
    await page.locator('#programmation-impossible').waitFor();
    expect(await page.locator('button[value="programmer"]').isDisabled()).toBe(true);
    expect(await page.locator('#programmation-impossible').textContent()).toMatch(
      /compte 3\d\d caractères pondérés sur 280/,
    );
    await expectAccessible(page);
  });
});

describe('at 390 px', () => {
  const session = useBrowser({ width: 390, height: 844 });
  visitsEveryPage(session);
});
