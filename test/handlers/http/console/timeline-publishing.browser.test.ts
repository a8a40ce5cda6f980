// The pages issue #9 added, in Chromium at 1280 and 390 px: « Annonces » with drafts to approve and
// the templates' editor, « Sources » with a failing source, « X » (the outbox and its budget), and
// the public « S’abonner » page. Each passes axe (WCAG 2.1 AA, no serious violation) and fits the
// screen; the drafts of the démarche are listed, and the public page offers webcal:// links.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAnnouncedDemarche } from '#core/announcements/demarche-hook';
import { BOOTSTRAP_ADMIN } from '#core/agents/use-cases';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable, signInBrowser } from '../../../support/console-browser';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ now: '2026-03-02T08:00:00.000Z' });
  await createAnnouncedDemarche(server.deps, BOOTSTRAP_ADMIN, {
    slug: 'budget-2027',
    title: 'Budget participatif 2027',
    summary: 'Proposez et choisissez les projets de votre quartier.',
    link: 'https://participer.example/budget-2027',
    themes: ['urbanisme'],
    territories: ['nantes'],
    steps: [
      {
        id: 'consult',
        kind: 'consultation',
        title: 'Dépôt des idées',
        start: '2026-03-03T08:00:00Z',
        end: '2026-03-10T17:00:00Z',
      },
      { id: 'synth', kind: 'synthesis', title: 'Synthèse des idées', start: '2026-03-20T09:00:00Z' },
    ],
  });
  await server.deps.store.feedSources.create({
    id: 'src1',
    url: 'https://participer.example/budget-2027/feed.xml',
    demarcheSlug: 'budget-2027',
    label: 'Actualités du budget participatif',
    createdAt: '2026-03-01T08:00:00.000Z',
    createdBy: 'admin',
    version: 1,
    status: {
      entriesSeen: 3,
      entriesImported: 3,
      lastCheckedAt: '2026-03-02T07:45:00.000Z',
      lastSuccessAt: '2026-03-01T09:00:00.000Z',
      lastErrorAt: '2026-03-02T07:45:00.000Z',
      lastError: 'le serveur a répondu 500',
    },
  });
});
afterAll(() => server?.close());

for (const width of [1280, 390])
  describe(`timeline publishing pages at ${width} px`, () => {
    const session = useBrowser({ width, height: 900 });

    it('pass axe: announcements, templates, sources, X, and the public subscriptions page', async () => {
      const { page } = session;
      await signInBrowser(page, server);
      for (const path of ['/console/annonces', '/console/annonces/modeles', '/console/sources', '/console/x']) {
        const response = await page.goto(`${server.url}${path}`);
        expect(response?.status(), path).toBe(200);
        await expectUsable(page);
      }
      expect(
        await page.goto(`${server.url}/console/annonces`).then(() => page.getByText('Dépôt des idées').count()),
      ).toBeGreaterThan(0);
      const response = await page.goto(`${server.url}/feeds/index.html`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('a[href^="webcal://"]').count()).toBeGreaterThan(0);
      await expectUsable(page);
    });
  });
