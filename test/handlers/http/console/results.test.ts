// Results in the console: counts and shares per question as SVG charts with their tables, the mean
// of a scale, respondents per Paris day, short texts for editors only, the way to the public, and
// the CSV (editors only) / JSON exports.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOOTSTRAP_ADMIN, createAgent } from '#core/agents/use-cases';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Answer, Response } from '#core/questionnaires/response';
import { createQuestionnaire, readResults } from '#core/questionnaires/use-cases';
import { formatPercent } from '#handlers/http/console/ui/format';
import { type ConsoleTestEnv, consoleClient, startConsole } from '../../../support/console-client';

const ADMIN_TOKEN = 'pv_bootstrap-admin-token-for-results-tests';
let env: ConsoleTestEnv;
let app: ConsoleTestEnv['app'];
let questionnaire: Questionnaire;
let tokens: { editor: string; viewer: string };

const respond = (subscriberId: string, createdAt: string, answers: Record<string, Answer>, complete: boolean) => {
  const response: Response = {
    questionnaireId: questionnaire.id,
    subscriberId,
    answers,
    complete,
    createdAt,
    updatedAt: createdAt,
    version: 1,
  };
  return env.deps.store.responses.save(response, undefined);
};

beforeAll(async () => {
  env = await startConsole(ADMIN_TOKEN);
  app = env.app;
  questionnaire = await createQuestionnaire(env.deps, BOOTSTRAP_ADMIN, {
    title: 'Le marché du samedi',
    opensAt: '2026-11-20T08:00:00.000Z',
    closesAt: '2026-12-20T08:00:00.000Z',
    nextSteps: 'Les réponses seront présentées au conseil de quartier.',
    questions: [
      {
        kind: 'single_choice',
        id: 'jour',
        prompt: 'Quel jour préférez-vous ?',
        options: [
          { id: 'lun', label: 'Lundi' },
          { id: 'mar', label: 'Mardi' },
        ],
      },
      {
        kind: 'multiple_choice',
        id: 'stands',
        prompt: 'Quels stands ?',
        options: [
          { id: 'fruits', label: 'Fruits' },
          { id: 'pain', label: 'Pain' },
        ],
      },
      { kind: 'scale', id: 'note', prompt: 'Votre note', min: 1, max: 5, minLabel: 'Mauvais', maxLabel: 'Très bien' },
      { kind: 'yes_no', id: 'revenir', prompt: 'Reviendrez-vous ?' },
      { kind: 'short_text', id: 'idee', prompt: 'Une idée ?' },
    ],
  });
  await respond(
    'pseudo-1',
    '2026-11-23T09:00:00.000Z',
    { jour: ['lun'], stands: ['fruits', 'pain'], note: 4, revenir: true, idee: '<img src=x onerror=alert(1)>' },
    true,
  );
  await respond(
    'pseudo-2',
    '2026-11-25T08:00:00.000Z',
    { jour: ['lun'], stands: ['pain'], note: 5, revenir: false, idee: 'Plus de bancs' },
    true,
  );
  await respond('pseudo-3', '2026-11-25T09:00:00.000Z', { jour: ['mar'], note: 2 }, false);
  const made = async (role: 'editor' | 'viewer') =>
    (await createAgent(env.deps, BOOTSTRAP_ADMIN, { name: `Agent ${role}`, role })).token;
  tokens = { editor: await made('editor'), viewer: await made('viewer') };
});
afterAll(() => env.close());
beforeEach(() => env.clock.set('2026-11-25T10:00:00.000Z'));

const signedIn = async (token: string) => {
  const browser = consoleClient(app);
  await browser.signIn(token);
  return browser;
};
const rowOf = (html: string, label: string) =>
  new RegExp(`<th scope="row">${label}</th><td class="num">([^<]*)</td><td class="num">([^<]*)</td>`)
    .exec(html)
    ?.slice(1);

describe('results page', () => {
  it('shows respondents, counts and shares as charts with their tables, and the mean of a scale', async () => {
    const browser = await signedIn(tokens.editor);
    const response = await browser.get(`/console/questionnaires/${questionnaire.id}/resultats`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h1>Résultats : Le marché du samedi</h1>');
    expect(html).toMatch(
      /<strong>3<\/strong> abonné·es ont répondu à au moins une question, dont\s*<strong>2<\/strong>/,
    );
    // Single choice: 2 of 3 chose Monday; multiple choice: shares of the 2 who answered, over 100 % in total.
    expect(rowOf(html, 'Lundi')).toEqual(['2', formatPercent(2 / 3)]);
    expect(rowOf(html, 'Mardi')).toEqual(['1', formatPercent(1 / 3)]);
    expect(rowOf(html, 'Pain')).toEqual(['2', formatPercent(1)]);
    expect(rowOf(html, 'Oui')).toEqual(['1', formatPercent(0.5)]);
    expect(rowOf(html, '4')).toEqual(['1', formatPercent(1 / 3)]);
    expect(html).toContain('Moyenne : 3,67');
    expect(html).toContain('<caption>Question 1 : réponses par option (parts sur 3 réponses)</caption>');
    // Each chart is an image named by its title and description, its bars labelled with option and share.
    expect(html).toContain('<svg role="img" aria-labelledby="question-1-titre question-1-desc"');
    expect(html).toContain('<title id="question-1-titre">Question 1 : Quel jour préférez-vous ?</title>');
    expect(html).toContain(`>${formatPercent(2 / 3)} (2)</text>`);
    expect(html).not.toContain('<script>');
  });

  it('counts new respondents per Paris day, the days without any included', async () => {
    const html = await (
      await (await signedIn(tokens.viewer)).get(`/console/questionnaires/${questionnaire.id}/resultats`)
    ).text();
    const perDay = html.slice(html.indexOf('<table id="par-jour-tableau">'));
    expect(perDay).toContain('<th scope="row">lundi 23 novembre 2026</th><td class="num">1</td>');
    expect(perDay).toContain('<th scope="row">mardi 24 novembre 2026</th><td class="num">0</td>');
    expect(perDay).toContain('<th scope="row">mercredi 25 novembre 2026</th><td class="num">2</td>');
  });

  it('shows short texts to editors only, escaped and marked as not public', async () => {
    const editor = await (
      await (await signedIn(tokens.editor)).get(`/console/questionnaires/${questionnaire.id}/resultats`)
    ).text();
    expect(editor).toContain('Ces réponses ne sont pas publiques');
    expect(editor).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(editor).not.toContain('<img src=x');
    expect(editor).toContain('Plus de bancs');
    const viewer = await (
      await (await signedIn(tokens.viewer)).get(`/console/questionnaires/${questionnaire.id}/resultats`)
    ).text();
    expect(viewer).not.toContain('Plus de bancs');
    expect(viewer).toContain('ne sont lisibles que par les rédacteur·rices');
  });

  it('answers an unknown questionnaire with a French 404', async () => {
    const response = await (await signedIn(tokens.viewer)).get('/console/questionnaires/inconnu/resultats');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('introuvable');
  });
});

describe('exports', () => {
  it('downloads the same CSV as the API, as an attachment with a French file name', async () => {
    const browser = await signedIn(tokens.editor);
    const html = await (await browser.get(`/console/questionnaires/${questionnaire.id}/resultats`)).text();
    expect(html).toContain(`href="/console/questionnaires/${questionnaire.id}/reponses.csv"`);
    const csv = await browser.get(`/console/questionnaires/${questionnaire.id}/reponses.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="reponses-le-marche-du-samedi-${questionnaire.id}.csv"`,
    );
    const api = await app.request(`/api/v1/questionnaires/${questionnaire.id}/responses.csv`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(await csv.text()).toBe(await api.text());
  });

  it('downloads the results as JSON, the object the API answers', async () => {
    const browser = await signedIn(tokens.viewer);
    const json = await browser.get(`/console/questionnaires/${questionnaire.id}/resultats.json`);
    expect(json.headers.get('content-disposition')).toBe(
      `attachment; filename="resultats-le-marche-du-samedi-${questionnaire.id}.json"`,
    );
    expect(await json.json()).toEqual(await readResults(env.deps, questionnaire.id));
  });

  it('keeps the CSV, with the written answers as citizens wrote them, from viewers: no link, and a refusal', async () => {
    const browser = await signedIn(tokens.viewer);
    const html = await (await browser.get(`/console/questionnaires/${questionnaire.id}/resultats`)).text();
    expect(html).not.toContain('reponses.csv');
    expect(html).toContain('resultats.json');
    expect((await browser.get(`/console/questionnaires/${questionnaire.id}/reponses.csv`)).status).toBe(403);
    const api = await app.request(`/api/v1/questionnaires/${questionnaire.id}/responses.csv`, {
      headers: { authorization: `Bearer ${tokens.viewer}` },
    });
    expect(api.status).toBe(403);
  });

  it('needs a session: a signed-out download goes to sign-in', async () => {
    const response = await consoleClient(app).get(`/console/questionnaires/${questionnaire.id}/reponses.csv`);
    expect(response.status).toBe(303);
  });
});
