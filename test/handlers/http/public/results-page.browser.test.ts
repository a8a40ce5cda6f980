// The public results page and the open-data index in Chromium: French, axe's WCAG 2.1 AA verdict
// with no serious violation at 1280 and 390 px, headings in order, every chart followed by its
// table, and the data files reachable with the keyboard alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestServer, startTestServer } from '../../../support/browser';
import { useBrowser } from '../../../support/browser-hooks';
import { expectUsable, tabTo } from '../../../support/console-browser';
import { NOW, answer, decide, questionnaire } from './fixtures';

let server: TestServer;
const session = useBrowser();

beforeAll(async () => {
  server = await startTestServer({ now: NOW });
  const { store } = server.deps;
  await store.questionnaires.create(questionnaire('quais', { title: 'Les quais <demain>', breakdownBy: 'quartier' }));
  for (let i = 0; i < 14; i++)
    await answer(store, 'quais', `sub-${i}`, {
      quartier: [i < 11 ? 'nord' : 'sud'],
      velo: i % 3 !== 0,
      note: 1 + (i % 5),
      ...(i < 6 ? { idee: `Plus d’arbres, idée ${i}` } : {}),
    });
  for (let i = 0; i < 6; i++)
    await decide(store, 'quais', `Plus d’arbres, idée ${i}`, 'approved', { category: 'Arbres' });
});
afterAll(() => server?.close());

describe('the public results page', () => {
  for (const width of [1280, 390])
    it(`is accessible at ${width} px, in French, each chart followed by its table`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}/resultats/quais`);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Résultats : Les quais <demain>');
      const levels = await page.$$eval('h1, h2, h3, h4', (hs) => hs.map((h) => Number(h.tagName[1])));
      for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
      const followedByTable = await page.$$eval('figure.chart', (figures) =>
        figures.map((f) => f.nextElementSibling?.querySelector('table') !== null),
      );
      expect(followedByTable.length).toBeGreaterThan(0);
      expect(followedByTable.every(Boolean)).toBe(true);
      expect(await page.getByText('moins de 5').count()).toBeGreaterThan(0);
      await expectUsable(page);
    });

  it('lets a keyboard user skip to the content and reach the data files', async () => {
    const { page } = session;
    await page.goto(`${server.url}/resultats/quais`);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement?.textContent')).toBe('Aller au contenu');
    await tabTo(page, 'a[href="/resultats/quais/reponses.csv"]');
    await tabTo(page, 'a[href="/open-data/"] >> nth=-1');
  });
});

describe('the open-data index', () => {
  for (const width of [1280, 390])
    it(`is accessible at ${width} px and lists the dataset`, async () => {
      const { page } = session;
      await page.setViewportSize({ width, height: 800 });
      await page.goto(`${server.url}/open-data/`);
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
      await expect
        .poll(() => page.getByRole('link', { name: 'Résultats du questionnaire « Les quais <demain> »' }).count())
        .toBe(1);
      await expectUsable(page);
    });

  it('reaches the dataset and the DCAT catalogue with the keyboard', async () => {
    const { page } = session;
    await page.goto(`${server.url}/open-data/`);
    await tabTo(page, `a[href="${server.url}/resultats/quais"]`);
    await tabTo(page, 'a[href="/open-data/catalog.jsonld"]');
  });
});
