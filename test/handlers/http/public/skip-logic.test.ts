// Skip logic and the ranking kind in every public output over HTTP: the JSON says to how many a
// conditional question was put and after which answer, the page says it in words, an answer to a
// question no longer shown counts nowhere (figures, cross-tabulation, published texts, CSV), and a
// ranking gives each option its mean rank and first places.
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PublicResults } from '#core/results/public-results';
import { createHttpApp } from '#handlers/http/app';
import type { HttpDeps } from '#handlers/http/deps';
import { startHttpDeps } from '../../../support/http-deps';
import { NOW, answer, decide, questionnaire } from './fixtures';

let app: Hono;
let deps: HttpDeps;
let close: () => Promise<void>;

const STALE_TEXT = 'Un texte écrit avant de changer de quartier';

beforeAll(async () => {
  ({ deps, close } = await startHttpDeps(NOW));
  app = createHttpApp(deps);
  const { store } = deps;
  await store.questionnaires.create(
    questionnaire('sauts', {
      breakdownBy: 'quartier',
      questions: [
        {
          kind: 'single_choice',
          id: 'quartier',
          prompt: 'Votre quartier ?',
          options: [
            { id: 'nord', label: 'Nord' },
            { id: 'sud', label: 'Sud' },
          ],
        },
        {
          kind: 'yes_no',
          id: 'velo',
          prompt: 'À vélo chaque semaine ?',
          showIf: { questionId: 'quartier', anyOf: ['sud'] },
        },
        {
          kind: 'short_text',
          id: 'idee',
          prompt: 'Une idée pour le sud ?',
          maxLength: 280,
          showIf: { questionId: 'quartier', anyOf: ['sud'] },
        },
        {
          kind: 'ranking',
          id: 'priorites',
          prompt: 'Vos priorités ?',
          options: [
            { id: 'arbres', label: 'Des arbres' },
            { id: 'bancs', label: 'Des bancs' },
            { id: 'pistes', label: 'Des pistes' },
          ],
        },
      ],
    }),
  );
  // Two in the south; one who answered the south's questions, then changed to the north.
  await answer(store, 'sauts', 'sud-1', {
    quartier: ['sud'],
    velo: true,
    idee: 'Des fontaines',
    priorites: ['arbres', 'bancs', 'pistes'],
  });
  await answer(store, 'sauts', 'sud-2', { quartier: ['sud'], velo: false, priorites: ['arbres', 'pistes', 'bancs'] });
  await answer(store, 'sauts', 'nord-1', {
    quartier: ['nord'],
    velo: true,
    idee: STALE_TEXT,
    priorites: ['pistes', 'arbres', 'bancs'],
  });
  await decide(store, 'sauts', 'Des fontaines', 'approved');
  await decide(store, 'sauts', STALE_TEXT, 'approved');
});
afterAll(() => close());

const get = (path: string) => app.request(path);

describe('skip logic in the public outputs', () => {
  it('the JSON counts a conditional question over those it was put to, and says after which answer', async () => {
    const r = (await (await get('/resultats/sauts/resultats.json')).json()) as PublicResults;
    const [quartier, velo, idee] = r.questions;
    expect(quartier).not.toHaveProperty('shownTo');
    expect(velo).toMatchObject({
      answered: 2,
      shownTo: 2,
      shownIf: { questionId: 'quartier', prompt: 'Votre quartier ?', answers: ['Sud'] },
      yes: { count: 1, share: 50 },
      no: { count: 1, share: 50 },
    });
    // The northerner's approved text was written for a question they are no longer asked.
    expect(idee).toMatchObject({ answered: 1, shownTo: 2, published: 1, others: ['Des fontaines'] });
    // Cross-tabulation: the stale « oui » of the north is in no cell.
    const table = r.breakdown?.tables.find((t) => t.questionId === 'velo');
    expect(table?.total).toEqual({ count: null, hidden: 'under_threshold' });
    expect(JSON.stringify(r)).not.toContain(STALE_TEXT);
  });

  it('the page says to how many and after which answer, and the CSV leaves hidden answers empty', async () => {
    const page = await (await get('/resultats/sauts')).text();
    expect(page).toContain(
      'Question posée à 2 personnes selon leurs réponses : seulement après la réponse « Sud » à « Votre quartier ? ». Les parts se calculent sur celles et ceux qui y ont répondu.',
    );
    expect(page).not.toContain(STALE_TEXT);
    expect(page).toMatch(/à toutes les questions qui leur ont été posées \(selon leurs réponses\)\./);
    const csv = (await (await get('/resultats/sauts/reponses.csv')).text()).trim().split('\r\n');
    const north = csv.slice(1).find((row) => row.split(';')[3] === 'Nord')!;
    expect(north.split(';').slice(3)).toEqual(['Nord', '', '', 'Des pistes | Des arbres | Des bancs']);
  });

  it('the dictionary of the CSV says a conditional column is empty for the others', async () => {
    const r = (await (await get('/resultats/sauts/resultats.json')).json()) as PublicResults;
    expect(r.dataset.columns.find((c) => c.name === 'question_velo')?.description).toBe(
      '« oui » ou « non ». Question conditionnelle : posée seulement à qui a répondu « Sud » à la question 1 (colonne question_quartier) ; vide pour les autres.',
    );
    expect(r.dataset.columns.find((c) => c.name === 'question_priorites')?.description).toContain('Classement');
  });
});

describe('a ranking in the public outputs', () => {
  it('gives each option its mean rank and first places, in the JSON and as a table on the page', async () => {
    const r = (await (await get('/resultats/sauts/resultats.json')).json()) as PublicResults;
    expect(r.questions[3]).toEqual({
      questionId: 'priorites',
      prompt: 'Vos priorités ?',
      answered: 3,
      kind: 'ranking',
      options: [
        { id: 'arbres', label: 'Des arbres', meanRank: 1.33, first: { count: 2, share: 66.7 } },
        { id: 'bancs', label: 'Des bancs', meanRank: 2.67, first: { count: 0, share: 0 } },
        { id: 'pistes', label: 'Des pistes', meanRank: 2, first: { count: 1, share: 33.3 } },
      ],
    });
    const page = await (await get('/resultats/sauts')).text();
    expect(page).toContain('Question 4 : options par rang moyen');
    // Best mean rank first: arbres, pistes, bancs.
    expect(page.indexOf('<th scope="row">Des arbres</th>')).toBeLessThan(
      page.indexOf('<th scope="row">Des pistes</th>'),
    );
    expect(page.indexOf('<th scope="row">Des pistes</th>')).toBeLessThan(
      page.indexOf('<th scope="row">Des bancs</th>'),
    );
    expect(page).toMatch(/<td class="num">1,33<\/td>\s*<td class="num">2 fois \(66,7\s%\)<\/td>/);
  });
});
